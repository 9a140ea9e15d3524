"""The result record: one per conversation, produced by probes, read by everything after.

A run folder's ``results.jsonl`` holds one :class:`ConversationResult` per line, appended
and flushed as each conversation finishes. Scoring adds ``criteria``, ``score`` and
``critical_failures``; reports, the gate and history read only these records.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


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
    # Chat timing (epoch ms): when the frame that carried the message reached the page (None: no
    # frame matched, ``at_ms`` is then the shown time), when it was shown (visible with text),
    # and how late the page's main thread ran around those moments (the stamps' error bound).
    arrived_ms: float | None = None
    shown_ms: float | None = None
    bound_ms: float | None = None
    # A preset's event tap saw this message too: its stamp minus the page stamp of the same moment
    # (``arrived_ms`` for an event fired on delivery, ``shown_ms`` for one fired on display).
    tap_gap_ms: float | None = None

    @property
    def is_reply(self) -> bool:
        """An agent's own answer (the one definition the probes, the driver and scoring use)."""
        return self.role == "agent" and self.kind in REPLY_KINDS


# The first-response SLA per channel when an audit sets none: live chat (through its widget or
# the bot's API) is good under a minute, email under four hours. The audit model, scoring and reports read it from here.
DEFAULT_SLA_S: dict[str, float] = {"chat": 60.0, "email": 4 * 3600.0, "api": 60.0}


class Kpis(BaseModel):
    model_config = ConfigDict(extra="allow")

    first_response_ms: float | None = None
    mean_response_ms: float | None = None
    agent_turns: int = 0
    handed_off: bool = False
    resolution_ms: float | None = None  # first shopper message to the reply that resolved it
    sla_breached: bool | None = None  # first response later than the audit's SLA for the channel
    sla_ms: float | None = None  # the first-response SLA that was applied to this conversation's channel


_LEGACY_TURN = re.compile(r"^turn (\d+): ")
_LEGACY_QUOTE = re.compile(r'"(.{1,400})"', re.DOTALL)  # first to last double quote: quotes may hold quotes


class Evidence(BaseModel):
    """What decided a criterion, as data: reports read these fields and never parse ``text``.

    ``text`` is the words that say what decided it ("asks for seed"); ``turn`` the transcript
    index it points at; ``quote`` the platform's exact words, ``link`` a link target, ``part``
    where in the turn they were (``body``, ``signature``, ``button``, ``href``…), ``score`` a
    model's or judge's score when one decided. ``parts`` keeps the evidence of every part of
    an ``all`` / ``any`` combination (the deciding one is also the evidence itself).
    """

    model_config = ConfigDict(extra="forbid")

    text: str = ""
    turn: int | None = None
    quote: str | None = None
    link: str | None = None
    score: float | None = None
    part: str | None = None
    parts: list[Evidence] = Field(default_factory=list)

    def line(self) -> str:
        """One line for people: ``turn 3: asks for seed: "…"`` (the only place it is spelt)."""
        return self.text if self.turn is None else f"turn {self.turn}: {self.text}"

    def quotes(self) -> list[str]:
        """Every quote, this evidence's first, then its parts' (each once)."""
        found = [self.quote] if self.quote else []
        found += [q for part in self.parts for q in part.quotes()]
        return list(dict.fromkeys(found))

    def links(self) -> list[str]:
        """Every link target, this evidence's first, then its parts' (each once)."""
        found = [self.link] if self.link else []
        found += [link for part in self.parts for link in part.links()]
        return list(dict.fromkeys(found))

    @classmethod
    def from_line(cls, line: str) -> Evidence:
        """Evidence of a results.jsonl written before evidence was data: ``turn N: words "quote"``."""
        turn = _LEGACY_TURN.match(line)
        quote = _LEGACY_QUOTE.search(line)
        return cls(text=line[turn.end():] if turn else line, turn=int(turn.group(1)) if turn else None,
                   quote=quote.group(1) if quote else None)


class CriterionResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rubric: str
    id: str
    result: CriterionOutcome
    critical: bool = False
    weight: float = 1.0
    evidence: Evidence = Field(default_factory=Evidence)
    category: str | None = None

    @field_validator("evidence", mode="before")
    @classmethod
    def _legacy_text(cls, value: Any) -> Any:
        """Old records hold evidence as one string; it still loads, as ``Evidence.from_line``."""
        return Evidence.from_line(value) if isinstance(value, str) else value


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
    channel: Literal["chat", "email", "api", "http"]
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
