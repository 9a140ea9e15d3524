"""Scoring each finished conversation of a run with the plan's rubrics."""

from __future__ import annotations

from shopper.audits.matrix import ConversationSpec
from shopper.audits.model import Target
from shopper.audits.plan import Plan
from shopper.audits.runner import Scorer
from shopper.results import ConversationResult
from shopper.scenarios.driver import Transcript


def brand_of(target: Target) -> str | None:
    """The name look-alike domains borrow: the target's ``brand``, else its first domain's label."""
    if target.brand:
        return target.brand
    if target.domains:
        return target.domains[0].split(".")[0]
    return None


def scorer_for(plan: Plan) -> Scorer | None:
    """A scorer over the plan's rubrics, or None when the plan names none."""
    if not plan.rubrics:
        return None
    from shopper.scoring.context import ScoringContext
    from shopper.scoring.engine import score_conversation

    rubrics = plan.rubrics
    sla = plan.audit.sla

    def score(result: ConversationResult, spec: ConversationSpec, transcript: Transcript) -> ConversationResult:
        context = ScoringContext(
            official_domains=spec.target.domains,
            brand=brand_of(spec.target),
            step_criteria=transcript.step_criteria,
            scenario_tags=spec.scenario.tags,
            sla_s={"chat": sla.chat, "email": sla.email},
        )
        return score_conversation(result, rubrics, context)  # SLA breach: the speed criteria decide

    return score
