"""Selectors for the messages: confirmed by ``--try``, or guessed from a preset or the stylesheets.

A message selector must name every reply seen and nothing else: not our own echo, not the
typing indicator, not a container that holds the composer. Each is checked in the page
(``inspect``) before it is proposed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from shopper.discover.page import FrameScan
from shopper.discover.ranking import Choice, describe, score
from shopper.discover.trial import TYPING_WORDS, Record, TrialFindings, family_candidates, names, normal

AGENT_WORDS = re.compile(r"agent|bot|operator|assistant|(^|[-_.])ai([-_.]|$)|incoming|received|support|staff")
SHOPPER_WORDS = re.compile(r"user|visitor|customer|(^|[-_.])me([-_.]|$)|outgoing|sent|self|mine")
MESSAGE_WORDS = re.compile(r"msg|message|bubble")
SIDE_BONUS = 0.3  # a name that says whose message it is (.msg.agent) beats one that does not (.msg)
CLASSES_ONLY = re.compile(r"^(\.[A-Za-z_][A-Za-z0-9_-]*)+$")


async def confirmed(
    scan: FrameScan, units: Sequence[Record], others: Sequence[Record], *, part: str, sent: str,
    composer: int, avoid_texts: Sequence[str] = (),
) -> Choice | None:  # fmt: skip
    """The most stable selector naming the most ``units``, checked against the page."""
    ranked: list[tuple[tuple[int, float, int], Mapping[str, Any]]] = []
    side = {"agent_message": AGENT_WORDS, "shopper_message": SHOPPER_WORDS}.get(part)
    for candidate in family_candidates(units):
        selector = str(candidate["selector"])
        if candidate.get("kind") == "tag" or any(names(o, selector) for o in others):
            continue
        covered = sum(1 for u in units if names(u, selector))
        matched = await scan.call("inspect", selector, composer)
        if any(m["holds"] for m in matched):
            continue  # a container of the composer, not a message
        if part == "agent_message" and any(normal(sent) in normal(m["text"]) for m in matched):
            continue  # it names our own message too
        if any(normal(m["text"]) == normal(t) for m in matched for t in avoid_texts if t):
            continue
        stability = score(candidate) + (SIDE_BONUS if side is not None and side.search(selector.lower()) else 0.0)
        ranked.append(((covered, min(stability, 1.0), -len(selector)), candidate))
    if not ranked:
        return None
    ranked.sort(key=lambda pair: pair[0], reverse=True)
    (covered, stability, _), candidate = ranked[0]
    seen = {"agent_message": "replies", "shopper_message": "echoes of our message"}.get(part, "elements")
    reason = (f"{describe(candidate)}; names {covered} of the {len(units)} {seen} seen after the send "
              f"in {scan.where}, not the composer" + (", not our message" if part == "agent_message" else ""))
    return Choice(str(candidate["selector"]), round(stability * covered / max(len(units), 1), 2), reason)


def _typing_rank(unit: Record, message_parents: set[Any]) -> int:
    """Typing words in the unit's classes or text count most; sitting among the messages next."""
    words = " ".join(f"{r.get('text', '')} {' '.join(r.get('classes', []))}" for r in unit.get("family", [unit]))
    return 2 * bool(TYPING_WORDS.search(words)) + bool(unit.get("parent") in message_parents)


async def typing_choice(scan: FrameScan, findings: TrialFindings) -> Choice | None:
    """The typing indicator: came after the send, went before the reply stayed; no match now.

    Of everything that came and went (a spinner on the send button, the indicator), the one
    with typing words, among the messages, is taken.
    """
    others = list(findings.agent) + list(findings.shopper)
    parents = {u.get("parent") for u in others}
    for unit in sorted(findings.typing, key=lambda u: -_typing_rank(u, parents)):
        best: tuple[float, Mapping[str, Any]] | None = None
        for candidate in family_candidates([unit]):
            selector = str(candidate["selector"])
            if candidate.get("kind") == "tag" or any(names(o, selector) for o in others):
                continue
            if int(await scan.call("matches", selector)) != 0:
                continue  # it still matches something now the indicator is gone
            value = min(score(candidate) + (SIDE_BONUS if TYPING_WORDS.search(selector) else 0.0), 1.0)
            if best is None or value > best[0]:
                best = (value, candidate)
        if best is not None:
            value, candidate = best
            return Choice(str(candidate["selector"]), round(value * 0.9, 2),
                          f"{describe(candidate)}; appeared after the send and went away again in {scan.where}")  # fmt: skip
    return None


async def list_choice(scan: FrameScan, findings: TrialFindings) -> Choice | None:
    """The message list: the one parent of every reply and of our echo."""
    parents = {u.get("parent") for u in list(findings.agent) + list(findings.shopper)}
    if len(parents) != 1 or None in parents:
        return None
    described = await scan.call("describe", parents.pop())
    if not described:
        return None
    from shopper.discover.ranking import choose

    return choose(described["candidates"], where=scan.where, base=0.9,
                  extra="the parent of every message seen", fits=lambda c: c.get("kind") != "tag")  # fmt: skip


def guessed(hints: Sequence[str], words: re.Pattern[str]) -> str | None:
    """A message selector guessed from the stylesheets' class names (``--try`` confirms it)."""
    scored: list[tuple[int, str]] = []
    for compound in hints:
        if not CLASSES_ONLY.match(compound):
            continue
        tokens = compound.lower()
        has_message, has_side = bool(MESSAGE_WORDS.search(tokens)), bool(words.search(tokens))
        if has_side:
            scored.append((2 if has_message else 1, compound))
    if not scored:
        return None
    scored.sort(key=lambda pair: (-pair[0], len(pair[1])))
    return scored[0][1]
