"""The result record: one per conversation, produced by probes, read by everything after.

A run folder's ``results.jsonl`` holds one :class:`ConversationResult` per line, appended
and flushed as each conversation finishes. Scoring adds ``criteria``, ``score`` and
``critical_failures``; reports, the gate and history read only these records.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Status(StrEnum):
    """How a conversation ended, as infrastructure sees it (not how well support did)."""

    COMPLETED = "completed"
    NO_REPLY = "no_reply"  # nothing came back within a step's `within`
    UNAVAILABLE = "unavailable"  # the page, widget or mailbox never came up
    ERROR = "error"  # anything else, with the message in `error`


Role = Literal["shopper", "agent", "system"]
TurnKind = Literal["message", "welcome", "auto_ack", "bounce", "out_of_office", "handoff", "event"]
CriterionOutcome = Literal["pass", "fail", "na"]
# Where a piece of a turn sits. A mail splits into its new text, the quoted mail under it, the
# signature and closing, disclaimer and footer, and helpdesk markers; a chat message may carry
# buttons (quick replies) and link targets beside its visible text.
PartKind = Literal["new", "quote", "signature", "disclaimer", "footer", "marker", "button", "href"]
# The agent turns that answer the customer. A welcome, an auto-acknowledgement, a bounce, an
# out-of-office or a system event is something the platform said, never a reply to time or score.
REPLY_KINDS: frozenset[TurnKind] = frozenset({"message", "handoff"})


class TurnPart(BaseModel):
    """One piece of a turn, kept so scoring and reports can tell the desk's words from the rest."""

    model_config = ConfigDict(extra="forbid")

    kind: PartKind
    text: str


class Turn(BaseModel):
    """One message of a transcript, stamped with the clock that saw it (epoch ms)."""

    model_config = ConfigDict(extra="forbid")

    role: Role
    text: str
    at_ms: float | None = None
    latency_ms: float | None = None  # agent turns: from the shopper's last message
    kind: TurnKind = "message"
    automated: bool = False  # sent by a bot or an autoresponder (headers or meaning said so)
    parts: list[TurnPart] = Field(default_factory=list)  # empty: ``text`` is all there is
    step: int | None = None  # index of the scenario step this turn belongs to
    meta: dict[str, Any] = Field(default_factory=dict)  # e.g. email Message-ID, subject

    @property
    def is_reply(self) -> bool:
        """An agent's own answer (the one definition the probes, the driver and scoring use)."""
        return self.role == "agent" and self.kind in REPLY_KINDS


class Kpis(BaseModel):
    model_config = ConfigDict(extra="allow")

    first_response_ms: float | None = None
    mean_response_ms: float | None = None
    agent_turns: int = 0
    handed_off: bool = False
    resolution_ms: float | None = None  # first shopper message to the reply that resolved it
    sla_breached: bool | None = None  # first response later than the audit's SLA for the channel


class CriterionResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rubric: str
    id: str
    result: CriterionOutcome
    critical: bool = False
    weight: float = 1.0
    evidence: str = ""
    category: str | None = None


class Artifacts(BaseModel):
    model_config = ConfigDict(extra="allow")

    screenshot: str | None = None
    trace: str | None = None


class ConversationResult(BaseModel):
    """One conversation of the matrix, whatever happened to it."""

    model_config = ConfigDict(extra="forbid")

    run: str
    audit: str
    key: str  # stable identity in the matrix; see shopper.audits.matrix.conversation_key
    target: str
    scenario: str
    channel: Literal["chat", "email", "http"]
    locale: str
    repeat: int
    status: Status
    started_at: str  # ISO 8601 UTC
    ended_at: str
    persona: dict[str, Any] = Field(default_factory=dict)
    turns: list[Turn] = Field(default_factory=list)
    kpis: Kpis = Field(default_factory=Kpis)
    criteria: list[CriterionResult] = Field(default_factory=list)
    score: float | None = None
    critical_failures: int = 0
    artifacts: Artifacts = Field(default_factory=Artifacts)
    attempts: int = 1
    error: str | None = None
    tags: list[str] = Field(default_factory=list)

    @property
    def reached_platform(self) -> bool:
        """Did the conversation reach its platform: a channel that opened, or any agent reply.

        ``unavailable`` (the page, widget or mailbox never came up) and an ``error`` before any
        reply did not; a run in which no conversation did could not audit anything (exit 3).
        """
        if self.status in (Status.COMPLETED, Status.NO_REPLY):
            return True
        return any(turn.is_reply for turn in self.turns)


def append_result(path: Path, result: ConversationResult) -> None:
    """Append one record and flush it to disk, so a crash loses nothing that finished."""
    line = result.model_dump_json() + "\n"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line)
        handle.flush()


def read_results(path: Path) -> Iterator[ConversationResult]:
    """Yield the records of a results.jsonl; a torn last line (killed mid-write) is skipped."""
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            raw = raw.strip()
            if not raw:
                continue
            try:
                data = json.loads(raw)
            except json.JSONDecodeError:
                continue
            yield ConversationResult.model_validate(data)
