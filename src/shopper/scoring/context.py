"""What scoring knows about the world beyond a transcript: the target, the scenario, options."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shopper.scoring.checks.llm_judge import Judge
    from shopper.scoring.checks.similarity import Embedder


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
    account). ``brand`` names look-alike domains. ``step_criteria`` maps a step index to the
    criterion ids its ``expect.criteria`` names. ``sla_s`` is the audit's SLA per channel, which ``first_response_within: sla`` uses.
    ``judge`` and ``embedder`` are the optional
    LLM judge and embedding model; without them those checks answer n/a. ``criterion`` is the
    criterion being judged, set by the engine for each one.
    """

    official_domains: tuple[str, ...] = ()
    brand: str | None = None
    step_criteria: Mapping[int, Sequence[str]] = field(default_factory=dict)
    scenario_tags: tuple[str, ...] = ()
    sla_s: Mapping[str, float] = field(default_factory=dict)  # first-response SLA per channel
    judge: Judge | None = None
    embedder: Embedder | None = None
    criterion: CriterionText | None = None
