"""How far a criterion agrees with people's labels: precision, recall, Cohen's kappa per language.

Each labelled reply becomes a two-turn conversation (the customer's message, the reply) scored
with the one criterion. ``label_means`` makes the polarity explicit: with ``pass``, the label
holding means the criterion should pass (``acknowledges_problem`` with
``acknowledges-problem``); with ``fail``, it means the criterion should fail (``secret`` with
``never-asks-for-secrets``). A row is *flagged* when the criterion gives that result; n/a is
never a flag, so a judge that cannot answer loses recall instead of gaining it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from shopper.results import ConversationResult, Status, Turn
from shopper.scoring.context import ScoringContext
from shopper.scoring.engine import score_conversation
from shopper.scoring.labelled import LabelledReply
from shopper.scoring.model import Criterion, Rubric

LabelMeans = Literal["pass", "fail"]
NEUTRAL_OPENING = "Hello, I need help."


@dataclass
class Agreement:
    """A confusion matrix (label holds × criterion flags) and the figures read from it."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    na: int = 0  # rows the criterion answered n/a (counted as not flagged)

    def add(self, holds: bool, flagged: bool) -> None:
        if holds and flagged:
            self.tp += 1
        elif flagged:
            self.fp += 1
        elif holds:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def kappa(self) -> float | None:
        """Cohen's kappa of the two raters (labels, criterion) on this binary question."""
        n = self.n
        if not n:
            return None
        observed = (self.tp + self.tn) / n
        expected = ((self.tp + self.fp) * (self.tp + self.fn) + (self.fn + self.tn) * (self.fp + self.tn)) / n**2
        if expected == 1:
            return 1.0 if observed == 1 else 0.0
        return (observed - expected) / (1 - expected)

    def figures(self) -> dict[str, Any]:
        return {**asdict(self), "n": self.n, "precision": self.precision, "recall": self.recall, "kappa": self.kappa}


@dataclass(frozen=True)
class Disagreement:
    id: str
    lang: str
    label_holds: bool
    result: str
    evidence: str


@dataclass
class Calibration:
    criterion: str
    label: str
    label_means: LabelMeans
    by_language: dict[str, Agreement] = field(default_factory=dict)
    overall: Agreement = field(default_factory=Agreement)
    disagreements: list[Disagreement] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "criterion": self.criterion, "label": self.label, "label_means": self.label_means,
            "overall": self.overall.figures(),
            "by_language": {lang: a.figures() for lang, a in sorted(self.by_language.items())},
            "disagreements": [asdict(d) for d in self.disagreements],
        }


def as_conversation(row: LabelledReply) -> ConversationResult:
    """A labelled reply as a scored-able record: the customer's message, then the reply."""
    turns = [Turn(role="shopper", text=row.customer or NEUTRAL_OPENING, at_ms=0.0),
             Turn(role="agent", text=row.text, at_ms=1000.0)]
    return ConversationResult(
        run="calibrate", audit="calibrate", key=row.id, target="labelled", scenario=row.family,
        channel="chat", locale=row.lang, repeat=0, status=Status.COMPLETED, started_at="1970-01-01T00:00:00Z",
        ended_at="1970-01-01T00:00:01Z", turns=turns,
    )


def verdict_of(row: LabelledReply, rubric: Rubric, context: ScoringContext) -> tuple[str, str]:
    scored = score_conversation(as_conversation(row), [rubric], context).criteria[0]
    return scored.result, scored.evidence.line()


def calibrate(rows: Sequence[LabelledReply], criterion: Criterion, label: str, label_means: LabelMeans,
              context: ScoringContext, workers: int = 1,
              progress: Callable[[int], None] | None = None) -> Calibration:
    """Score every row with ``criterion`` and compare with whether ``label`` holds."""
    # applies_to is the audit's business; calibration asks the check itself on every row
    rubric = Rubric(rubric="calibrate", criteria=(criterion.model_copy(update={"applies_to": type(criterion.applies_to)()}),))
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        verdicts = list(pool.map(lambda row: verdict_of(row, rubric, context), rows))
    report = Calibration(criterion.id, label, label_means)
    for count, (row, (result, evidence)) in enumerate(zip(rows, verdicts, strict=True), start=1):
        holds, flagged = label in row.labels, result == label_means
        for agreement in (report.overall, report.by_language.setdefault(row.lang, Agreement())):
            agreement.add(holds, flagged)
            agreement.na += result == "na"
        if holds != flagged:
            report.disagreements.append(Disagreement(row.id, row.lang, holds, result, evidence))
        if progress:
            progress(count)
    return report
