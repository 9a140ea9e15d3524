"""The report flags chat turns whose timing bound exceeds the run's threshold (issue 16)."""

from __future__ import annotations

import json
from pathlib import Path

from shopper.reports import render_run
from shopper.reports.synthetic import synthetic_results, write_run
from shopper.results import Turn


def _run_with_bounds(folder: Path, bounds: list[float]) -> str:
    results = synthetic_results(2, seed=3, run="timing")
    results[0].turns.append(Turn(role="agent", text="late", at_ms=1.0, arrived_ms=1.0, shown_ms=3.0,
                                 bound_ms=bounds[0]))  # fmt: skip
    results[1].turns.append(Turn(role="agent", text="on time", at_ms=1.0, bound_ms=bounds[1]))
    write_run(folder, results)
    render_run(folder)
    return results[0].key


def test_a_turn_over_the_bound_is_flagged_in_summary_md_json_and_html(tmp_path: Path) -> None:
    key = _run_with_bounds(tmp_path, [35.0, 4.0])
    timing = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))["timing"]
    assert timing["bound_threshold_ms"] == 20.0
    assert timing["flagged_turns"] == 1 and timing["flagged"][0]["key"] == key
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "### Timing" in summary and "bound 35 ms" in summary
    assert 'id="timing"' in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_turns_within_the_bound_are_not_flagged(tmp_path: Path) -> None:
    _run_with_bounds(tmp_path, [19.0, 4.0])
    assert "### Timing" not in (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert 'id="timing"' not in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_old_records_without_timing_fields_still_load() -> None:
    turn = Turn.model_validate({"role": "agent", "text": "hi", "at_ms": 1.0})
    assert (turn.arrived_ms, turn.shown_ms, turn.bound_ms) == (None, None, None)


def test_the_event_taps_agreement_is_shown_in_summary_md_json_and_html(tmp_path: Path) -> None:
    results = synthetic_results(2, seed=3, run="taps")
    for gap in (0.4, -1.2, 3.0):
        results[0].turns.append(Turn(role="agent", text="tapped", at_ms=1.0, tap_gap_ms=gap))
    write_run(tmp_path, results)
    render_run(tmp_path)
    taps = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))["timing"]["tap_agreement"]
    assert taps["turns"] == 3 and taps["p50_ms"] == 1.2 and taps["max_ms"] == 3.0
    assert 2.8 <= taps["p95_ms"] <= 3.0  # linear between 1.2 and 3.0, near the top
    assert "Event taps: 3 turn(s)" in (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert 'id="tap-agreement"' in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_a_run_without_taps_says_nothing_of_them(tmp_path: Path) -> None:
    _run_with_bounds(tmp_path, [19.0, 4.0])
    assert json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))["timing"]["tap_agreement"] is None
    assert "Event taps" not in (tmp_path / "summary.md").read_text(encoding="utf-8")
