"""``--try``: what appeared after one harmless message, sorted into the shopper's echo, the typing
indicator and the agent's reply.

The rules read what a person watching would: the element that shows the text we sent is our
own message; an element that came after it and went away again is the typing indicator; what
came after it and stayed, holding other text, is the reply. :func:`classify` is pure (it reads
the records ``scan.js`` ``report()`` returns), so each rule is unit-tested on its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

HARMLESS_MESSAGE = "Hello! Just checking that this chat works, no need to reply. Thank you."
TYPING_WORDS = re.compile(r"typing|is writing|loading|dots|indicator|thinking|…|\.\.\.|输入|入力中|입력", re.I)
NOISE = re.compile(r"^(\d{1,2}:\d{2}( ?[ap]m)?|just now|now|sent|delivered|read|seen|today)$", re.I)
ECHO_SLACK = 60  # characters an echo bubble may add to our text (a time, "You", a tick)

Record = Mapping[str, Any]


def normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


@dataclass
class TrialFindings:
    """The elements seen after the send, by what they turned out to be."""

    shopper: list[Record] = field(default_factory=list)
    typing: list[Record] = field(default_factory=list)
    agent: list[Record] = field(default_factory=list)

    @property
    def replied(self) -> bool:
        return bool(self.agent)


def _outermost(records: Sequence[Record]) -> list[Record]:
    numbers = {r["i"] for r in records}
    return [r for r in records if r.get("parent") not in numbers]


def _with_family(units: Sequence[Record], records: Sequence[Record]) -> list[Record]:
    """Each unit with ``family``: itself and the elements inside it showing the same text.

    A message's stable name often sits on an inner bubble (``.message-bubble.ai-message``)
    while the outer wrapper is shared by both sides, so every level is a candidate.
    """
    parent = {r["i"]: r.get("parent") for r in records}
    out: list[Record] = []
    for unit in units:
        text = normal(unit["text"])
        family = []
        for r in records:
            if normal(r["text"]) != text or r["attached"] != unit["attached"]:
                continue
            node, steps = r["i"], 0
            while node is not None and node != unit["i"] and steps < 50:
                node, steps = parent.get(node), steps + 1
            if node == unit["i"]:
                family.append(r)
        out.append({**unit, "family": family or [unit]})
    return out


def classify(records: Sequence[Record], sent: str, sent_at: float) -> TrialFindings:
    """Sort what ``report()`` saw after ``sent_at`` into echo, typing indicator and reply."""
    want = normal(sent)
    after = [r for r in records if float(r["at"]) >= sent_at]
    echo = [r for r in after if r["attached"] and want in normal(r["text"])
            and len(normal(r["text"])) <= len(want) + ECHO_SLACK]  # fmt: skip
    found = TrialFindings(shopper=_with_family(_outermost(echo), after))
    echo_at = min((float(r["at"]) for r in found.shopper), default=sent_at)
    gone = [r for r in after if r.get("removed_at") is not None and want not in normal(r["text"])]
    found.typing = [r for r in _outermost(gone)
                    if TYPING_WORDS.search(f"{r['text']} {' '.join(r.get('classes', []))}") or len(r["text"]) < 40]
    agent = [r for r in after if r["attached"] and float(r["at"]) >= echo_at and want not in normal(r["text"])
             and normal(r["text"]) and not NOISE.match(normal(r["text"]))]  # fmt: skip
    typing_numbers = {r["i"] for r in found.typing}
    found.agent = _with_family([r for r in _outermost(agent) if r["i"] not in typing_numbers], after)
    found.typing = _with_family(found.typing, after)
    return found


def names(unit: Record, selector: str) -> bool:
    """Whether ``selector`` is a candidate of the unit or of an element of its family."""
    return any(c["selector"] == selector for r in unit.get("family", [unit]) for c in r.get("candidates", []))


def covering(selector: str, units: Sequence[Record]) -> int:
    """How many of ``units`` ``selector`` names."""
    return sum(1 for u in units if names(u, selector))


def family_candidates(units: Sequence[Record]) -> list[Mapping[str, Any]]:
    """Every candidate selector of the units' families, once each."""
    seen: dict[str, Mapping[str, Any]] = {}
    for unit in units:
        for r in unit.get("family", [unit]):
            for c in r.get("candidates", []):
                seen.setdefault(str(c["selector"]), c)
    return list(seen.values())
