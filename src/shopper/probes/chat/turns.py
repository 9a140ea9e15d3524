"""From observer records to result turns: roles, kinds, latencies, redaction."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from shopper.probes.chat.observer import Message
from shopper.redaction import Redactor
from shopper.results import Turn, TurnPart

# A system line that announces a human agent, in the languages the scenario library ships.
HUMAN_HANDOFF = re.compile(
    r"\bhuman\b|\b(live|real) (agent|person)\b|\bconnect(ed|ing)? (you )?(to|with) (an? )?agent"
    r"|人工|真人|客服人员|상담원|상담사|オペレーター|担当者",
    re.IGNORECASE,
)


def welcome_turns(messages: Iterable[Message], redact: Redactor, conversation: str | None) -> list[Turn]:
    """Messages that arrived before the shopper spoke: never replies."""
    turns: list[Turn] = []
    for message in messages:
        meta = _meta(message, redact, conversation)
        if message.kind == "agent":
            turns.append(Turn(role="agent", text=redact(message.text), at_ms=message.at_ms,
                              kind="welcome", parts=_parts(message, redact), meta=meta,
                              **_timing(message)))  # fmt: skip
        elif message.kind == "system":
            turns.append(_system(message, redact, meta))
    return turns


def reply_turns(
    messages: Iterable[Message],
    *,
    sent_at_ms: float,
    redact: Redactor,
    conversation: str | None,
    typing: list[list[float | None]],
) -> list[Turn]:
    """The agent's messages after the shopper's send, with latencies from that send stamp."""
    turns: list[Turn] = []
    for message in messages:
        meta = _meta(message, redact, conversation)
        if message.kind == "agent":
            turns.append(Turn(role="agent", text=redact(message.text), at_ms=message.at_ms,
                              latency_ms=round(message.at_ms - sent_at_ms, 3),
                              parts=_parts(message, redact), meta=meta, **_timing(message)))  # fmt: skip
        elif message.kind == "system":
            turns.append(_system(message, redact, meta))
    first_agent = next((turn for turn in turns if turn.role == "agent"), None)
    if first_agent is not None and typing:
        first_agent.meta["typing"] = typing
    return turns


def _system(message: Message, redact: Redactor, meta: dict[str, Any]) -> Turn:
    kind = "handoff" if HUMAN_HANDOFF.search(message.text) else "event"
    return Turn(role="system", text=redact(message.text), at_ms=message.at_ms, kind=kind,
                parts=_parts(message, redact), meta=meta, **_timing(message))  # fmt: skip


def _timing(message: Message) -> dict[str, float | None]:
    return {"arrived_ms": message.arrived_ms, "shown_ms": message.shown_ms, "bound_ms": message.bound_ms,
            "tap_gap_ms": message.tap_gap_ms}


def _parts(message: Message, redact: Redactor) -> list[TurnPart]:
    """A message's button labels and link targets; its visible text stays the turn's text."""
    return [*(TurnPart(kind="button", text=redact(label)) for label in message.buttons),
            *(TurnPart(kind="href", text=redact(href)) for href in message.links)]  # fmt: skip


def _meta(message: Message, redact: Redactor, conversation: str | None) -> dict[str, Any]:
    meta: dict[str, Any] = {"stamped": message.via}
    if message.tap_ms is not None:
        meta["tap"] = {"at_ms": message.tap_ms, "marks": message.tap_marks}
    if message.clock_uncertainty_ms is not None:
        meta["clock_uncertainty_ms"] = round(message.clock_uncertainty_ms, 3)
    if message.changed_ms != message.at_ms:
        meta["settled_at_ms"] = message.changed_ms
    if message.data:
        meta["data"] = redact.data(message.data)
    if conversation:
        meta["conversation_id"] = conversation
    return meta
