"""Trend figures from history equal the report's KPIs; the page escapes what it shows."""

from __future__ import annotations

import math
from pathlib import Path

from ops_helpers import result, write_run

from shopper.operations.history import import_run, open_db
from shopper.operations.trend import compute
from shopper.operations.trend_render import write
from shopper.scoring.kpis import aggregate

HOSTILE = "<script>alert(1)</script>"


def test_trend_points_equal_the_kpis_and_the_heatmap_cells(db_url: str, tmp_path: Path) -> None:
    first = [result("r1", "good", "2026-11-22T03:15:02.000Z", first_ms=1000.0),
             result("r1", "good", "2026-11-22T03:20:00.000Z", first_ms=3000.0, key="good::b#1", sla_breached=True),
             result("r1", HOSTILE, "2026-11-22T03:16:00.000Z", replied=False)]
    second = [result("r2", "good", "2026-11-24T14:00:00.000Z", first_ms=2000.0)]  # a Tuesday, 14 h
    engine = open_db(db_url)
    try:
        import_run(engine, write_run(tmp_path / "r1", "r1", "2026-11-22T03:15:00.000Z", first))
        import_run(engine, write_run(tmp_path / "r2", "r2", "2026-11-24T14:00:00.000Z", second))
        data = compute(engine)
        files = write(data, tmp_path / "trend")
    finally:
        engine.dispose()
    expected = aggregate(first).set_index("target")
    point = data.over_time[(data.over_time.run_id == "r1") & (data.over_time.target == "good")].iloc[0]
    for column in ("score_mean", "first_response_p50_ms", "first_response_p90_ms", "availability", "sla_breach_rate"):
        assert math.isclose(point[column], expected.loc["good", column]), column
    assert data.availability.loc["Sun", 3] == 2 / 3 and data.availability.loc["Tue", 14] == 1.0
    assert data.response_s.loc["Sun", 3] == 2.0 and math.isnan(data.response_s.loc["Mon", 0])
    assert list(data.sla_daily.sla_breach_rate) == [0.5, 0.0]
    html = files.html.read_text()
    assert HOSTILE not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html
