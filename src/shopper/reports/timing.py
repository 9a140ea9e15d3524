"""Chat turns whose timing stamps carry a wide error bound (the page's main thread ran late).

Each chat turn records ``bound_ms``: how late the page's main thread was running around the
moment its arrival and shown stamps were taken. A wide bound means its latency may be off by
that much; the report lists those turns rather than hide them in the percentiles.

A turn a widget's event tap also saw records ``tap_gap_ms``: the tap's stamp minus the page's
stamp of the same moment. The report gives their spread, so a reader sees whether the two
clocks of one message agreed.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import Any

from shopper.results import ConversationResult

DEFAULT_BOUND_MS = 20.0
"""The bound above which a turn is flagged when the run names none (``run.json`` ``timing_bound_ms``)."""

MAX_LISTED = 50


def bound_threshold(manifest: dict[str, Any]) -> float:
    """The run's threshold: ``timing_bound_ms`` from its manifest when a positive number."""
    raw = manifest.get("timing_bound_ms")
    if isinstance(raw, int | float) and not isinstance(raw, bool) and raw > 0:
        return float(raw)
    return DEFAULT_BOUND_MS


def loose_turns(results: Sequence[ConversationResult], threshold_ms: float) -> dict[str, Any]:
    """The turns whose bound exceeds ``threshold_ms`` (the first :data:`MAX_LISTED`) and how many."""
    flagged: list[dict[str, Any]] = []
    total = 0
    for result in results:
        for index, turn in enumerate(result.turns):
            if turn.bound_ms is None or turn.bound_ms <= threshold_ms:
                continue
            total += 1
            if len(flagged) < MAX_LISTED:
                flagged.append({"key": result.key, "turn": index, "bound_ms": turn.bound_ms,
                                "arrived_ms": turn.arrived_ms, "shown_ms": turn.shown_ms,
                                "latency_ms": turn.latency_ms})  # fmt: skip
    return {"bound_threshold_ms": threshold_ms, "flagged_turns": total, "flagged": flagged}


def tap_agreement(results: Sequence[ConversationResult]) -> dict[str, Any] | None:
    """|tap - page stamp| over every turn that has both: how many, p50, p95 (linear), max; or None."""
    gaps = sorted(abs(t.tap_gap_ms) for r in results for t in r.turns if t.tap_gap_ms is not None)
    if not gaps:
        return None
    cuts = statistics.quantiles(gaps, n=100, method="inclusive") if len(gaps) > 1 else [gaps[0]] * 99
    return {"turns": len(gaps), "p50_ms": round(statistics.median(gaps), 3), "p95_ms": round(cuts[94], 3),
            "max_ms": round(gaps[-1], 3)}  # fmt: skip
