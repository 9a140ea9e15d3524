"""The check contract: a registry of small classes, each judging a view of a conversation.

A check is one class (garak style): class attributes carry its metadata, the first line of
its docstring is its user-facing description, ``__init__`` validates its parameters (raising
:class:`CheckSpecError` with the path inside the check) and :meth:`Check.evaluate` returns an
:class:`Outcome` whose evidence quotes what decided it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from shopper.results import Evidence, Turn
from shopper.scoring.context import ScoringContext
from shopper.scoring.said import Said

Verdict = Literal["pass", "fail", "na"]


class CheckSpecError(ValueError):
    """A check spec that cannot be used; ``path`` is where inside the check (``check.not.x``)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass(frozen=True, slots=True)
class Outcome:
    """A verdict and the evidence for it, as data.

    ``evidence`` says in words what decided it ("asks for seed"); ``turn`` is the transcript
    index it points at; ``quote`` the platform's exact words, ``link`` a link target, ``part``
    where in the turn they were (``body``, ``signature``, ``button``, ``href``…) and ``score``
    a model's or judge's score when one decided; ``parts`` the outcomes of every part of a
    combination. Reports read these fields (as :class:`~shopper.results.Evidence`), never the text.
    """

    result: Verdict
    evidence: str = ""
    turn: int | None = None
    quote: str | None = None
    link: str | None = None
    score: float | None = None
    part: str | None = None
    parts: tuple[Outcome, ...] = ()

    def describe(self) -> str:
        """The evidence on one line, for checks that join several: ``turn 3: "…"``."""
        return self.record().line()

    def record(self) -> Evidence:
        """The evidence as a result stores it."""
        return Evidence(text=self.evidence, turn=self.turn, quote=self.quote, link=self.link, score=self.score,
                        part=self.part, parts=[o.record() for o in self.parts])


def passed(evidence: str, turn: int | None = None, **found: Any) -> Outcome:
    return Outcome("pass", evidence, turn, **found)


def failed(evidence: str, turn: int | None = None, **found: Any) -> Outcome:
    return Outcome("fail", evidence, turn, **found)


def not_applicable(evidence: str, turn: int | None = None, **found: Any) -> Outcome:
    return Outcome("na", evidence, turn, **found)


@dataclass(frozen=True, slots=True)
class Reply:
    """An agent reply: its index in the transcript, the turn, and its latency if known."""

    index: int
    turn: Turn
    latency_ms: float | None

    @property
    def text(self) -> str:
        return self.turn.text


@dataclass(frozen=True, slots=True)
class View:
    """What a check sees: the replies in scope and the conversation around them.

    ``unanswered`` holds the transcript indices of shopper messages that never got a reply
    (only when the conversation ended with ``no_reply``). ``said`` is every piece of what the
    platform said in scope (see :mod:`shopper.scoring.said`), which the safety checks read.
    """

    replies: tuple[Reply, ...]
    turns: tuple[Turn, ...]
    language: str
    channel: str
    context: ScoringContext
    unanswered: tuple[int, ...] = ()
    said: tuple[Said, ...] = ()


class Check:
    """Base of every check; subclasses set ``name`` and implement ``evaluate``."""

    name: ClassVar[str] = ""
    family: ClassVar[str] = ""
    example: ClassVar[Any] = True  # a valid parameter value, for docs and contract tests
    safety: ClassVar[bool] = False  # reads everything the platform said (View.said), not replies

    def __init__(self, params: Any, path: str) -> None:
        self.params = params
        self.path = path

    def evaluate(self, view: View) -> Outcome:  # pragma: no cover - abstract
        raise NotImplementedError

    def reads_said(self) -> bool:
        """Does this check (or a part of it) judge everything the platform said?"""
        return self.safety

    @classmethod
    def description(cls) -> str:
        """The user-facing description: the docstring's first line."""
        return (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""


class FlagCheck(Check):
    """A check whose only parameter is ``true`` (``asks_for_secret: true``)."""

    def __init__(self, params: Any, path: str) -> None:
        super().__init__(params, path)
        if params is not True:
            raise CheckSpecError(f"{path}.{self.name}", "expected true")


def first_reply(view: View, evidence_in: Callable[[Reply], str | None], none_found: str) -> Outcome:
    """Pass on the first agent reply in which ``evidence_in`` finds something (its evidence);
    fail with ``none_found`` when no reply does; not applicable when the agent never replied."""
    if not view.replies:
        return not_applicable("no agent reply")
    for reply in view.replies:
        evidence = evidence_in(reply)
        if evidence is not None:
            return passed(evidence, reply.index)
    return failed(none_found)


@dataclass(frozen=True, slots=True)
class Found:
    """What a detector found in one text: the words that say so, and the exact quote or link."""

    evidence: str
    quote: str | None = None
    link: str | None = None
    score: float | None = None


def first_said(view: View, find: Callable[[str], Found | None], none_found: str) -> Outcome:
    """Pass on the first piece of what the platform said in which ``find`` finds something.

    The outcome names the turn, the turn's kind and the part (``turn 2: welcome button: …``,
    ``part="button"``); fail with ``none_found`` when no piece has it; not applicable when the
    platform said nothing at all.
    """
    if not view.said:
        return not_applicable("the platform said nothing")
    for piece in view.said:
        found = find(piece.text)
        if found is not None:
            return passed(f"{piece.where}: {found.evidence}", piece.index, quote=found.quote,
                          link=found.link, score=found.score, part=piece.part)  # fmt: skip
    return failed(none_found)
