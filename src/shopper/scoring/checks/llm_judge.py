"""An LLM judges a criterion in the rubric's own words (only when the audit configures one).

``llm_judge: {prompt: TEXT}`` asks the judge the criterion's title and description (and the
prompt, when given); without a judge it is n/a. ``llm_judge: {otherwise: CHECK}`` lets the
judge decide where one is configured and the other check (a structural reading) elsewhere or
when the judge could not answer; the evidence says which decided. A judge's pass or fail
always quotes the transcript's words and carries the judge's confidence as the score.
"""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar

from shopper.scoring.checks.base import Check, CheckSpecError, Outcome, View, not_applicable
from shopper.scoring.context import Judge as Judge  # the protocol's home is the context
from shopper.scoring.judge.prompt import JudgeRequest


def request_for(view: View, question: str) -> JudgeRequest:
    """The judge's request for this view: the transcript up to the last reply in scope."""
    last = max(reply.index for reply in view.replies)
    criterion = view.context.criterion
    return JudgeRequest(
        criterion=criterion.id if criterion else "criterion",
        title=criterion.title if criterion else "",
        description=criterion.description if criterion else "",
        question=question,
        turns=tuple((turn.role, turn.text) for turn in view.turns[: last + 1]),
        in_scope=tuple(reply.index for reply in view.replies),
    )


class LlmJudge(Check):
    """An LLM judges the replies against the criterion's text (only when the audit configures one)."""

    name = "llm_judge"
    family = "llm_judge"
    example: ClassVar[Any] = {"prompt": "Does support explain why the withdrawal is delayed?"}

    def __init__(self, params: Any, path: str) -> None:
        super().__init__(params, path)
        here = f"{path}.{self.name}"
        if params is True:
            params = {}
        if not isinstance(params, dict) or set(params) - {"prompt", "otherwise"}:
            raise CheckSpecError(here, "expected true or {prompt: TEXT, otherwise: CHECK} (both optional)")
        prompt = params.get("prompt", "")
        if not isinstance(prompt, str):
            raise CheckSpecError(f"{here}.prompt", "expected a text")
        self.prompt: str = prompt
        self.otherwise: Check | None = None
        if "otherwise" in params:
            from shopper.scoring.checks.registry import compile_check

            self.otherwise = compile_check(params["otherwise"], f"{here}.otherwise")

    def evaluate(self, view: View) -> Outcome:
        judge = view.context.judge
        if not view.replies:
            return not_applicable("no agent reply")
        if judge is None:
            return self._fallback(view, "no LLM judge configured")
        verdict = judge.judge(request_for(view, self.prompt))
        if verdict.error:
            return self._fallback(view, verdict.reason)
        evidence = f"LLM judge: {verdict.reason}" if verdict.reason else "LLM judge"
        return Outcome(verdict.result, evidence, verdict.turn, quote=verdict.quote, score=verdict.confidence)

    def _fallback(self, view: View, why: str) -> Outcome:
        if self.otherwise is None:
            return not_applicable(why)
        outcome = self.otherwise.evaluate(view)
        return dataclasses.replace(outcome, evidence=f"structural reading ({why}): {outcome.evidence}")
