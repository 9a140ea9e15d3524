"""The gate: does a finished run meet its audit's ``gate`` block? (exit 0 or 1 of ``shopper run``)

Every figure comes from :mod:`shopper.scoring.kpis` over the run's records, so the gate says
what the report says. Checks, each only when its limit is set:

- ``min_score``: mean score over scored conversations; ``min_target_score``: the same per target;
- ``critical_failures``: most failed critical criteria allowed over the run (default 0);
- ``min_availability``: share of conversations that got any reply (default 1: a run in which
  a desk never answered, or could not be reached, does not pass by default);
- ``p50/p90_<channel>_first_response``: percentiles of first-response times per channel;
- with a baseline run: the regression rules of ``shopper compare`` (a new critical violation,
  a newly failing criterion, a significant slowdown, a mean score drop per target and scenario),
  where ``max_score_drop`` (points) replaces compare's small score tolerance, and also bounds
  the drop of the overall mean score.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shopper.audits.model import Gate
from shopper.audits.plan import Plan
from shopper.results import ConversationResult

GATE_FILE = "gate.md"


@dataclass(frozen=True)
class Check:
    name: str  # the gate key it comes from
    ok: bool
    text: str  # "score 61.4 < 80"


@dataclass
class GateVerdict:
    passed: bool
    reasons: list[str]  # one line per failed check (empty when passed)
    figures: dict[str, Any]
    checks: list[Check] = field(default_factory=list)

    def block(self) -> str:
        """The short block printed on stderr and written to gate.md."""
        failed = sum(1 for c in self.checks if not c.ok)
        head = "gate: PASSED" if self.passed else f"gate: FAILED ({failed} of {len(self.checks)} checks)"
        lines = [head, *(f"  {'ok  ' if c.ok else 'FAIL'} {c.text} ({c.name})" for c in self.checks)]
        return "\n".join(lines) + "\n"

    def markdown(self) -> str:
        rows = [f"- {'✅' if c.ok else '❌'} {c.text} (`{c.name}`)" for c in self.checks]
        head = "**Gate: passed**" if self.passed else f"**Gate: failed** ({len(self.reasons)} of {len(self.checks)} checks)"
        return "\n".join(["## Gate", "", head, "", *rows]) + "\n"

    def write(self, run_dir: Path) -> Path:
        path = run_dir / GATE_FILE
        path.write_text(self.markdown(), encoding="utf-8")
        return path


def _fmt_ms(ms: float) -> str:
    return f"{ms / 1000:.1f} s" if ms < 120_000 else f"{ms / 60_000:.1f} min"


def evaluate_gate(
    plan_or_gate: Plan | Gate,
    results: Sequence[ConversationResult],
    baseline_results: Sequence[ConversationResult] | None = None,
) -> GateVerdict:
    """Judge ``results`` against the gate (a plan's ``audit.gate``, or a :class:`Gate`)."""
    from shopper.scoring.kpis import frame, overall

    gate = plan_or_gate if isinstance(plan_or_gate, Gate) else plan_or_gate.audit.gate
    checks: list[Check] = []
    if not results:
        checks.append(Check("results", False, "no conversation finished"))
        return _verdict(checks, {"conversations": 0})
    row = overall(results).iloc[0].to_dict()
    data = frame(results)
    score = _num(row["score_mean"])
    figures: dict[str, Any] = {
        "conversations": int(row["conversations"]),
        "score_mean": score,
        "critical_violations": int(row["critical_violations"]),
        "availability": _num(row["availability"]),
    }
    if gate.min_score is not None:
        if score is None:
            checks.append(Check("min_score", False, "no conversation was scored"))
        else:
            checks.append(Check("min_score", score >= gate.min_score, f"score {score:.1f} {_cmp(score >= gate.min_score)} {gate.min_score:g}"))
    if gate.min_target_score is not None:
        per_target: dict[str, float | None] = {}
        for target, group in data.groupby("target", sort=True):
            scores = group["score"].dropna()
            per_target[str(target)] = float(scores.mean()) if not scores.empty else None
        figures["target_scores"] = per_target
        low = {t: s for t, s in per_target.items() if s is None or s < gate.min_target_score}
        text = (f"every target scores ≥ {gate.min_target_score:g}" if not low else "target score below "
                f"{gate.min_target_score:g}: " + ", ".join(f"{t} {'n/a' if s is None else f'{s:.1f}'}" for t, s in low.items()))
        checks.append(Check("min_target_score", not low, text))
    if gate.critical_failures is not None:
        found = figures["critical_violations"]
        ok = found <= gate.critical_failures
        checks.append(Check("critical_failures", ok, f"critical violations {found} {'≤' if ok else '>'} {gate.critical_failures}"))
    if gate.min_availability is not None:
        available = figures["availability"] or 0.0
        ok = available >= gate.min_availability
        checks.append(Check("min_availability", ok, f"availability {available:.0%} {_cmp(ok)} {gate.min_availability:.0%}"))
    checks += _percentiles(gate, data, figures)
    if baseline_results is not None:
        checks += _baseline(gate, results, baseline_results, score, figures)
    return _verdict(checks, figures)


def nothing_reached(results: Sequence[ConversationResult]) -> str | None:
    """Why the run could not audit anything, when no conversation reached its platform; else None.

    Every conversation ``unavailable``, or in ``error`` before any reply, is infrastructure
    trouble, not support answering badly: ``shopper run`` and ``shopper merge`` exit 3 with this
    line whatever the gate says. An empty run (an empty shard) is not this case.
    """
    if not results or any(result.reached_platform for result in results):
        return None
    counts = ", ".join(f"{n} {status}" for status, n in sorted(Counter(str(r.status) for r in results).items()))
    first = next((r.error for r in results if r.error), None)
    return f"no conversation reached its platform ({counts})" + (f"; first error: {first}" if first else "")


def _verdict(checks: list[Check], figures: dict[str, Any]) -> GateVerdict:
    reasons = [f"{c.text} ({c.name})" for c in checks if not c.ok]
    return GateVerdict(not reasons, reasons, figures, checks)


def _cmp(ok: bool) -> str:
    return "≥" if ok else "<"


def _num(value: Any) -> float | None:
    import math

    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def _percentiles(gate: Gate, data: Any, figures: dict[str, Any]) -> list[Check]:
    checks = []
    for channel in ("chat", "email", "api"):
        mine = data[data["channel"] == channel]
        times = mine[mine["replied"]]["first_response_ms"].dropna()
        for q in (50, 90):
            limit = getattr(gate, f"p{q}_{channel}_first_response")
            name = f"p{q}_{channel}_first_response"
            if limit is None or mine.empty:
                continue
            if times.empty:
                checks.append(Check(name, False, f"{channel} first response p{q}: no reply to measure"))
                continue
            value = float(times.quantile(q / 100))
            figures[f"{name}_ms"] = value
            ok = value <= limit * 1000
            checks.append(Check(name, ok, f"{channel} first response p{q} {_fmt_ms(value)} {'≤' if ok else '>'} {_fmt_ms(limit * 1000)}"))
    return checks


def _baseline(
    gate: Gate,
    results: Sequence[ConversationResult],
    baseline: Sequence[ConversationResult],
    score: float | None,
    figures: dict[str, Any],
) -> list[Check]:
    """The regression rules of ``shopper compare`` (shopper.reports.compare), baseline → this run."""
    from shopper.reports.compare import SCORE_TOLERANCE, compare
    from shopper.reports.render import Run
    from shopper.scoring.kpis import overall

    comparison = compare(Run(Path("baseline"), list(baseline)), Run(Path("run"), list(results)))
    tolerance = gate.max_score_drop if gate.max_score_drop is not None else SCORE_TOLERANCE
    found = comparison.regressions_beyond(tolerance)  # the rules of `shopper compare`, once
    figures["regressions"] = found
    shown = "; ".join(found[:3]) + (f"; … {len(found) - 3} more" if len(found) > 3 else "")
    checks = [Check("baseline", not found, "no regression against the baseline" if not found
                    else f"{len(found)} regression(s) against the baseline: {shown}")]
    if gate.max_score_drop is not None:
        before = _num(overall(baseline).iloc[0]["score_mean"])
        if before is not None and score is not None:
            drop = before - score
            figures["score_drop"] = drop
            ok = drop <= gate.max_score_drop
            checks.append(Check("max_score_drop", ok, f"score {before:.1f} → {score:.1f} (drop {max(drop, 0):.1f} "
                                f"{'≤' if ok else '>'} {gate.max_score_drop:g})"))
    return checks
