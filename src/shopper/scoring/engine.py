"""Scoring one conversation: which criteria apply, what each check says, the score.

Score = 100 × Σ weight·pass / Σ weight over the criteria that apply (n/a excluded); a
critical criterion that fails makes the conversation fail whatever its score. A conversation
that got no agent reply at all is not scored as if it had: its score is None and it counts
against availability (see :mod:`shopper.scoring.kpis`). Its criteria are n/a, but for the
safety ones: they judge everything the platform said (:mod:`shopper.scoring.said`), so a
welcome or an acknowledgement that asks for the seed phrase still fails critically.
"""

from __future__ import annotations

import dataclasses
import fnmatch
from collections.abc import Sequence

from shopper.formats.locales import language_of
from shopper.results import ConversationResult, CriterionResult, Status, Turn
from shopper.scoring.checks.base import Outcome, Reply, View
from shopper.scoring.context import CriterionText, ScoringContext
from shopper.scoring.kpis import conversation_kpis
from shopper.scoring.kpis import passed as passed  # its home is kpis (a figure); kept importable here
from shopper.scoring.model import Criterion, Rubric
from shopper.scoring.said import said_by_platform


def replies_of(turns: Sequence[Turn]) -> tuple[Reply, ...]:
    """Agent replies with their latency: the stamped one, else from the shopper's last message."""
    replies: list[Reply] = []
    last_shopper_ms: float | None = None
    for index, turn in enumerate(turns):
        if turn.role == "shopper":
            last_shopper_ms = turn.at_ms
            continue
        if not turn.is_reply:
            continue
        latency = turn.latency_ms
        if latency is None and turn.at_ms is not None and last_shopper_ms is not None:
            latency = turn.at_ms - last_shopper_ms
        replies.append(Reply(index, turn, latency))
        last_shopper_ms = None
    return tuple(replies)


def _unanswered(result: ConversationResult) -> tuple[int, ...]:
    if result.status != Status.NO_REPLY:
        return ()
    pending: list[int] = []
    for index, turn in enumerate(result.turns):
        if turn.role == "shopper":
            pending = [index]
        elif turn.is_reply:
            pending = []
    return tuple(pending)


def applies(criterion: Criterion, result: ConversationResult, tags: Sequence[str]) -> bool:
    where = criterion.applies_to
    if where.channels is not None and result.channel not in where.channels:
        return False
    if where.scenarios is not None and not any(fnmatch.fnmatchcase(result.scenario, p) for p in where.scenarios):
        return False
    return where.tags is None or bool(set(where.tags) & set(tags))


def step_criteria(turns: Sequence[Turn]) -> dict[int, tuple[str, ...]]:
    """Criterion ids per step, as the shopper turns recorded them (the record's one copy).

    A shopper turn carries ``meta["expect_criteria"]`` (the ids its step's ``expect`` names),
    so a run and ``shopper rescore`` of its ``results.jsonl`` read the same steps.
    """
    found: dict[int, tuple[str, ...]] = {}
    for turn in turns:
        recorded = turn.meta.get("expect_criteria")
        if turn.role == "shopper" and turn.step is not None and isinstance(recorded, list):
            found.setdefault(turn.step, tuple(str(i) for i in recorded))
    return found


def _step_replies(criterion: Criterion, replies: tuple[Reply, ...], steps: dict[int, tuple[str, ...]]) -> tuple[Reply, ...]:
    wanted = {step for step, ids in steps.items() if criterion.id in ids}
    return tuple(r for r in replies if r.turn.step in wanted)


def evaluate(criterion: Criterion, view: View) -> Outcome:
    """One criterion over a view; ``turn`` scope asks every turn (reply, or platform turn) on its own."""
    check = criterion.compiled
    if criterion.scope != "turn":
        return check.evaluate(view)
    indices = sorted({*(r.index for r in view.replies), *(p.index for p in view.said)})
    outcomes = [check.evaluate(View(tuple(r for r in view.replies if r.index == i), view.turns, view.language,
                                    view.channel, view.context, said=tuple(p for p in view.said if p.index == i)))
                for i in indices]
    for outcome in outcomes:
        if outcome.result == "fail":
            return outcome
    passes = [o for o in outcomes if o.result == "pass"]
    return passes[0] if passes else Outcome("na", "no reply to judge")


def score_conversation(
    result: ConversationResult, rubrics: Sequence[Rubric], context: ScoringContext
) -> ConversationResult:
    """A copy of ``result`` with ``criteria``, ``score``, ``critical_failures`` and ``kpis`` filled."""
    replies = replies_of(result.turns)
    tags = (*result.tags, *context.scenario_tags)
    base = View(replies, tuple(result.turns), language_of(result.locale), result.channel, context,
                _unanswered(result), said_by_platform(result.turns))
    rows: list[CriterionResult] = []
    for rubric in rubrics:
        for criterion in rubric.criteria:
            outcome = _judge(criterion, result, base, tags, context)
            rows.append(CriterionResult(rubric=rubric.rubric, id=criterion.id, result=outcome.result,
                                        critical=criterion.critical, weight=criterion.weight,
                                        evidence=outcome.record(), category=criterion.category))
    applicable = [row for row in rows if row.result != "na"]
    total = sum(row.weight for row in applicable)
    scored = bool(total and replies)  # safety criteria judge a silent desk's welcome; it gets no score
    score = round(100 * sum(r.weight for r in applicable if r.result == "pass") / total, 2) if scored else None
    critical = sum(1 for row in rows if row.critical and row.result == "fail")
    kpis = conversation_kpis(result, replies, rows, context.sla_ms(result.channel))
    return result.model_copy(update={"criteria": rows, "score": score, "critical_failures": critical, "kpis": kpis})


def _judge(criterion: Criterion, result: ConversationResult, base: View, tags: Sequence[str],
           context: ScoringContext) -> Outcome:
    if not applies(criterion, result, tags):
        return Outcome("na", "does not apply here")
    context = dataclasses.replace(context, criterion=CriterionText(criterion.id, criterion.title, criterion.description))
    base = dataclasses.replace(base, context=context)  # a judge asks the criterion in the rubric's words
    reads_said = criterion.compiled.reads_said()
    if not base.replies and not (reads_said and base.said):
        return Outcome("na", f"no agent reply ({result.status})")
    view = base
    if criterion.scope == "step":
        steps = step_criteria(base.turns)
        wanted = {step for step, ids in steps.items() if criterion.id in ids}
        view = View(_step_replies(criterion, base.replies, steps), base.turns, base.language, base.channel,
                    context, said=tuple(p for p in base.said if p.turn.step in wanted))
        if not view.replies and not (reads_said and view.said):
            return Outcome("na", "no step asks for this criterion")
    return evaluate(criterion, view)

