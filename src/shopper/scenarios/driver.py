"""Walking a scenario's script over one channel session.

The driver owns everything channel-independent: rendering each ``say`` in the locale,
think-time pacing, ``wait`` steps, ``when`` branches on the last reply, ``capture`` of values
from replies into later templates, and the decision that a conversation got no reply. A
:class:`~shopper.probes.base.ChannelSession` does only the transport.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from typing import Any

from shopper.formats.locales import text_for
from shopper.probes.base import ChannelSession
from shopper.results import Status, Turn
from shopper.scenarios.model import Condition, Scenario, Step, walk_steps
from shopper.scenarios.templates import render


@dataclass(frozen=True)
class Pace:
    """Channel defaults and pacing for one conversation."""

    within_s: float  # default wait for a reply when a step does not say
    settle_s: float  # default quiet time that ends an agent's turn
    think_s: float = 0.0  # pause after a reply before the shopper's next message


@dataclass
class Transcript:
    """What the driver hands back: turns (a step's criteria on its shopper turn) and how it ended."""

    turns: list[Turn] = field(default_factory=list)
    status: Status = Status.COMPLETED
    error: str | None = None
    resolved_at_ms: float | None = None
    variables: dict[str, Any] = field(default_factory=dict)


class _NoReply(Exception):
    pass


def step_numbers(scenario: Scenario) -> dict[int, int]:
    """Every step's number in depth-first order (stable across runs), keyed by ``id(step)``."""
    return {id(step): number for number, (_, step) in enumerate(walk_steps(scenario.script))}


async def hold_conversation(
    session: ChannelSession,
    scenario: Scenario,
    locale: str,
    variables: dict[str, Any],
    pace: Pace,
    transcript: Transcript | None = None,
) -> Transcript:
    """Open the channel and play the script; probe errors propagate to the caller.

    ``variables`` is the template context of :func:`~shopper.scenarios.templates.persona_and_context`;
    values a step ``capture``s are added to it for the steps after.

    ``transcript`` may be passed in so that what was said before an exception stays visible
    to the caller (the runner records partial transcripts of failed conversations).
    """
    out = transcript if transcript is not None else Transcript()
    out.variables = dict(variables)
    numbers = step_numbers(scenario)
    out.turns.extend(await session.open())
    last_reply: list[Turn] | None = None

    async def play(steps: tuple[Step, ...]) -> None:
        nonlocal last_reply
        for index, step in enumerate(steps):
            number = numbers[id(step)]
            if step.wait is not None:
                await asyncio.sleep(step.wait)
            elif step.when is not None:
                chosen = step.then if _holds(step.when, last_reply, locale) else step.else_
                await play(chosen)
            else:
                last_reply = await _say(step, number)
                if not last_reply and not _branches_on_silence(steps[index + 1 : index + 2]):
                    raise _NoReply

    async def _say(step: Step, number: int) -> list[Turn]:
        assert step.say is not None
        if pace.think_s and any(t.role == "agent" for t in out.turns):
            await asyncio.sleep(pace.think_s)  # pacing, not synchronisation: a person reads first
        text = render(_localized(step.say, locale), out.variables)
        subject = render(_localized(step.subject, locale), out.variables) if step.subject else None
        sent = await session.say(text, subject=subject)
        expect = step.expect
        meta = dict(sent.meta)
        if expect is not None and expect.criteria:
            meta["expect_criteria"] = list(expect.criteria)  # the one record of a step's criteria
        out.turns.append(sent.model_copy(update={"step": number, "meta": meta}))
        within = expect.within if expect and expect.within is not None else pace.within_s
        settle = expect.settle if expect and expect.settle is not None else pace.settle_s
        reply = await session.await_reply(within_s=within, settle_s=settle)
        out.turns.extend(turn.model_copy(update={"step": number}) for turn in reply)
        answers = [t for t in reply if t.is_reply]
        if not answers:
            return []
        if expect is not None and expect.resolves and out.resolved_at_ms is None:
            out.resolved_at_ms = answers[0].at_ms
        reply_text = "\n".join(t.text for t in answers)
        for name, pattern in step.capture.items():
            match = re.search(pattern, reply_text)
            if match:
                out.variables[name] = match.group(1) if match.groups() else match.group(0)
            else:
                out.variables.setdefault(name, "")
        return answers

    try:
        await play(scenario.script)
    except _NoReply:
        out.status = Status.NO_REPLY
        out.error = "no reply within the step's time limit"
    return out


def _branches_on_silence(following: tuple[Step, ...]) -> bool:
    """A silent desk ends the conversation, unless the next step is a branch that asks about it."""
    return bool(following) and following[0].when is not None and following[0].when.no_reply is not None


def _localized(text: str | dict[str, str], locale: str) -> str:
    found = text_for(text, locale)
    if found is None:  # the loader refuses plans like this; kept as a clear failure
        raise ValueError(f"no text for locale {locale}")
    return found


def _holds(condition: Condition, reply: list[Turn] | None, locale: str) -> bool:
    text = "\n".join(t.text for t in reply or [])
    checks: list[bool] = []
    if condition.no_reply is not None:
        checks.append(condition.no_reply == (not reply))
    if condition.reply_matches is not None:
        checks.append(re.search(condition.reply_matches, text) is not None)
    if condition.reply_contains is not None:
        phrase = text_for(condition.reply_contains, locale)
        checks.append(phrase is not None and phrase.casefold() in text.casefold())
    return all(checks)
