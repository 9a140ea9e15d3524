"""Scoring each finished conversation of a run with the plan's rubrics."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from shopper.audits.matrix import ConversationSpec
from shopper.audits.model import Judge, Target
from shopper.audits.plan import Plan
from shopper.audits.runner import Scorer
from shopper.results import ConversationResult
from shopper.scenarios.driver import Transcript

if TYPE_CHECKING:
    from shopper.scoring.judge.client import OpenAICompatibleJudge


def brand_of(target: Target) -> str | None:
    """The name look-alike domains borrow: the target's ``brand``, else its first domain's label."""
    if target.brand:
        return target.brand
    if target.domains:
        return target.domains[0].split(".")[0]
    return None


def judge_for(config: Judge | None, root: Path) -> OpenAICompatibleJudge | None:
    """The audit's ``judge:`` block as a client (None without one); ``cache`` is project-relative."""
    if config is None:
        return None
    from shopper.scoring.judge.client import OpenAICompatibleJudge

    return OpenAICompatibleJudge(
        config.url, config.model, api_key=config.api_key.get_secret_value() if config.api_key else None,
        cache_dir=root / config.cache if config.cache else None, timeout_s=config.timeout,
        concurrency=config.concurrency, retries=config.retries,
    )


def scorer_for(plan: Plan) -> Scorer | None:
    """A scorer over the plan's rubrics, or None when the plan names none."""
    if not plan.rubrics:
        return None
    from shopper.scoring.context import ScoringContext
    from shopper.scoring.engine import score_conversation

    rubrics = plan.rubrics
    sla = plan.audit.sla
    judge = judge_for(plan.audit.judge, plan.root)

    def score(result: ConversationResult, spec: ConversationSpec, transcript: Transcript) -> ConversationResult:
        context = ScoringContext(
            official_domains=spec.target.domains,
            brand=brand_of(spec.target),
            scenario_tags=spec.scenario.tags,
            sla_s={"chat": sla.chat, "email": sla.email, "api": sla.api},
            judge=judge,
        )
        return score_conversation(result, rubrics, context)  # SLA breach: the speed criteria decide

    return score
