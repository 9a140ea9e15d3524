"""What changed between two runs of the same audit (``shopper compare RUN_A RUN_B``).

Conversations are matched by their stable ``key`` (target::scenario[locale-channel]#repeat).
Per target and scenario: mean score and pass rate before and after; criteria newly failing
(pass or n/a in A, fail in B, same conversation key) and newly passing; critical violations
in B that the same conversation did not have in A.

How noise is told from change in response times, per target and channel: the first-response
times of both runs are compared with a two-sided Mann–Whitney U test (normal approximation
with tie correction; no distribution assumed, robust to the long tails of response times). A
shift is reported as a change only when both runs have at least ``MIN_SAMPLES`` replies, the
p-value is below ``ALPHA`` and the medians differ by at least ``MIN_SHIFT`` (relative);
otherwise it is "no significant change" or "too few samples". Something "got worse" (exit 1
with ``--fail-on-regression``) when there is a new critical violation, a newly failing
criterion, a mean score drop of more than ``SCORE_TOLERANCE`` points, or a significant slowdown.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from shopper.reports.render import Run
from shopper.results import ConversationResult
from shopper.scoring.kpis import passed

MIN_SAMPLES = 8
ALPHA = 0.05
MIN_SHIFT = 0.10
SCORE_TOLERANCE = 0.5
RULE = (f"Mann–Whitney U (two-sided) on first-response times per target and channel; a change needs "
        f"≥ {MIN_SAMPLES} replies in each run, p < {ALPHA} and a median shift ≥ {MIN_SHIFT:.0%}.")


def mann_whitney_p(a: Sequence[float], b: Sequence[float]) -> float:
    """Two-sided p-value of the Mann–Whitney U test (normal approximation, tie-corrected)."""
    import pandas as pd

    n1, n2 = len(a), len(b)
    n = n1 + n2
    ranks = pd.Series([*a, *b]).rank(method="average")
    u1 = float(ranks.iloc[:n1].sum()) - n1 * (n1 + 1) / 2
    ties = pd.Series([*a, *b]).value_counts()
    tie_term = float(((ties**3) - ties).sum()) / (n * (n - 1)) if n > 1 else 0.0
    sigma = math.sqrt(n1 * n2 / 12 * ((n + 1) - tie_term))
    if sigma == 0:
        return 1.0
    z = (abs(u1 - n1 * n2 / 2) - 0.5) / sigma
    return math.erfc(max(z, 0.0) / math.sqrt(2))


def _median(values: Sequence[float]) -> float | None:
    ordered = sorted(values)
    if not ordered:
        return None
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


@dataclass
class Shift:
    target: str
    channel: str
    n_a: int
    n_b: int
    median_a_ms: float | None
    median_b_ms: float | None
    p_value: float | None
    verdict: str  # slower | faster | no significant change | too few samples


def shift(target: str, channel: str, a: Sequence[float], b: Sequence[float]) -> Shift:
    ma, mb = _median(a), _median(b)
    if len(a) < MIN_SAMPLES or len(b) < MIN_SAMPLES or not ma or mb is None:
        return Shift(target, channel, len(a), len(b), ma, mb, None, "too few samples")
    p = mann_whitney_p(a, b)
    relative = mb / ma - 1
    verdict = "no significant change"
    if p < ALPHA and abs(relative) >= MIN_SHIFT:
        verdict = "slower" if relative > 0 else "faster"
    return Shift(target, channel, len(a), len(b), ma, mb, p, verdict)


@dataclass
class GroupDiff:
    target: str
    scenario: str
    n_a: int = 0
    n_b: int = 0
    score_a: float | None = None
    score_b: float | None = None
    pass_a: float | None = None
    pass_b: float | None = None
    newly_failing: dict[str, int] = field(default_factory=dict)
    newly_passing: dict[str, int] = field(default_factory=dict)
    new_critical: list[tuple[str, str, str]] = field(default_factory=list)  # key, criterion, evidence

    @property
    def delta(self) -> float | None:
        return None if self.score_a is None or self.score_b is None else self.score_b - self.score_a


@dataclass
class Comparison:
    run_a: str
    run_b: str
    groups: list[GroupDiff]
    shifts: list[Shift]
    only_a: int
    only_b: int

    @property
    def regressions(self) -> list[str]:
        """Every way B is worse than A, one line each (empty: nothing got worse)."""
        return self.regressions_beyond(SCORE_TOLERANCE)

    def regressions_beyond(self, score_tolerance: float) -> list[str]:
        """The regressions, with mean-score drops up to ``score_tolerance`` points forgiven."""
        out = []
        for g in self.groups:
            where = f"{g.target} / {g.scenario}"
            out += [f"{where}: new critical violation {c} in {k}" for k, c, _ in g.new_critical]
            out += [f"{where}: {c} newly failing in {n} conversation(s)" for c, n in g.newly_failing.items()]
            if g.delta is not None and g.delta < -score_tolerance:
                out.append(f"{where}: mean score {g.score_a:.1f} → {g.score_b:.1f}")
        out += [f"{s.target} / {s.channel}: first response slower, median {s.median_a_ms:.0f} → {s.median_b_ms:.0f} ms "
                f"(p={s.p_value:.3g})" for s in self.shifts if s.verdict == "slower"]
        return out


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _failing(result: ConversationResult) -> set[str]:
    return {f"{c.rubric}/{c.id}" for c in result.criteria if c.result == "fail"}


def compare(a: Run, b: Run) -> Comparison:
    by_key_a = {r.key: r for r in a.results}
    by_key_b = {r.key: r for r in b.results}
    groups: dict[tuple[str, str], GroupDiff] = {}
    for side, results in (("a", a.results), ("b", b.results)):
        for r in results:
            g = groups.setdefault((r.target, r.scenario), GroupDiff(r.target, r.scenario))
            setattr(g, f"n_{side}", getattr(g, f"n_{side}") + 1)
    for (target, scenario), g in groups.items():
        for side, results in (("a", a.results), ("b", b.results)):
            mine = [r for r in results if r.target == target and r.scenario == scenario]
            setattr(g, f"score_{side}", _mean([r.score for r in mine if r.score is not None]))
            setattr(g, f"pass_{side}", _mean([1.0 if passed(r) else 0.0 for r in mine]))
    for key, rb in by_key_b.items():
        g = groups[(rb.target, rb.scenario)]
        ra = by_key_a.get(key)
        before = _failing(ra) if ra else set()
        critical_before = {f"{c.rubric}/{c.id}" for c in ra.criteria if c.critical and c.result == "fail"} if ra else set()
        for c in rb.criteria:
            name = f"{c.rubric}/{c.id}"
            if c.critical and c.result == "fail" and name not in critical_before:
                g.new_critical.append((key, name, c.evidence.line()))
        if ra is None:
            continue
        after = _failing(rb)
        for name in sorted(after - before):
            g.newly_failing[name] = g.newly_failing.get(name, 0) + 1
        for name in sorted(before - after):
            g.newly_passing[name] = g.newly_passing.get(name, 0) + 1
    return Comparison(a.name, b.name, sorted(groups.values(), key=lambda g: (g.target, g.scenario)),
                      _shifts(a.results, b.results), len(by_key_a.keys() - by_key_b.keys()),
                      len(by_key_b.keys() - by_key_a.keys()))


def _shifts(a: Sequence[ConversationResult], b: Sequence[ConversationResult]) -> list[Shift]:
    samples: dict[tuple[str, str], tuple[list[float], list[float]]] = {}
    for index, results in enumerate((a, b)):
        for r in results:
            if r.kpis.first_response_ms is not None:
                samples.setdefault((r.target, r.channel), ([], []))[index].append(r.kpis.first_response_ms)
    return [shift(t, c, xa, xb) for (t, c), (xa, xb) in sorted(samples.items())]
