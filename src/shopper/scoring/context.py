"""What scoring knows about the world beyond a transcript: the target, the scenario, options."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from shopper.results import DEFAULT_SLA_S

if TYPE_CHECKING:
    from shopper.scoring.judge.prompt import JudgeRequest
    from shopper.scoring.judge.verdict import JudgeVerdict


class Judge(Protocol):
    """An LLM judge (``shopper.scoring.judge.client``): a request in, a verdict out.

    Declared here, beside the context that carries it, so the checks import the context and
    the context imports no check (no cycle).
    """

    def judge(self, request: JudgeRequest) -> JudgeVerdict: ...


class Embedder(Protocol):
    """Turns texts into vectors (any model; cosine similarity is taken between them)."""

    def embed(self, texts: Sequence[str]) -> list[list[float]]: ...


@dataclass(frozen=True)
class CriterionText:
    """The rubric's own words for the criterion being judged (what an LLM judge is asked)."""

    id: str
    title: str = ""
    description: str = ""


@dataclass(frozen=True)
class ScoringContext:
    """One frozen bundle per conversation (or per run when every conversation shares it).

    ``official_domains`` are the target's own domains (``harbor.example`` also allows its
    subdomains; an entry with a path such as ``t.me/harbor_official`` allows that one
    account). ``brand`` names look-alike domains. ``sla_s`` is the audit's SLA per channel,
    which ``first_response_within: sla`` uses (see :meth:`sla_ms`). Which criteria a step asks
    for is on its shopper turn (``meta["expect_criteria"]``), never here: the record carries it.
    ``judge`` and ``embedder`` are the optional
    LLM judge and embedding model; without them those checks answer n/a. ``criterion`` is the
    criterion being judged, set by the engine for each one.
    """

    official_domains: tuple[str, ...] = ()
    brand: str | None = None
    scenario_tags: tuple[str, ...] = ()
    sla_s: Mapping[str, float] = field(default_factory=dict)  # first-response SLA per channel
    judge: Judge | None = None
    embedder: Embedder | None = None
    criterion: CriterionText | None = None

    def sla_ms(self, channel: str) -> float:
        """The first-response SLA applied to ``channel``: the audit's, else the default."""
        return 1000 * self.sla_s.get(channel, DEFAULT_SLA_S.get(channel, DEFAULT_SLA_S["chat"]))
