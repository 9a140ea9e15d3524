"""The scheduler's bookkeeping with a fake run (unit tests): missed, failed, max runs, bad crons."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from ops_helpers import query, result, write_run

from shopper.operations.history import open_db, record_event
from shopper.operations.schedule import (
    ScheduledAudit,
    ScheduleError,
    ScheduleOptions,
    Scheduler,
    load_schedules,
)


def _audit(tmp_path: Path, cron: str = "* * * * * *") -> ScheduledAudit:
    return ScheduledAudit(tmp_path / "audit.yaml", "unit", cron, tmp_path / "reports")


async def _fake_run(path: Path, out: Path) -> None:
    write_run(out, f"unit-{out.name}", "2026-11-22T03:00:00.000Z",
              [result(f"unit-{out.name}", "good", "2026-11-22T03:00:01.000Z")], audit="unit")


def _serve(tmp_path: Path, url: str, **kwargs: object) -> Scheduler:
    engine = open_db(url)
    try:
        scheduler = Scheduler([_audit(tmp_path)], engine, ScheduleOptions(max_runs=2), **kwargs)  # type: ignore[arg-type]
        asyncio.run(scheduler.serve())
        return scheduler
    finally:
        engine.dispose()


def test_max_runs_stops_after_that_many_runs_each_imported(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'h.sqlite'}"
    scheduler = _serve(tmp_path, url, run_audit=_fake_run)
    assert scheduler.started_runs == 2
    assert query(url, "SELECT count(*) FROM runs") == [(2,)]
    assert query(url, "SELECT count(*) FROM schedule_events WHERE event = 'ran' AND run_id IS NOT NULL") == [(2,)]


def test_a_run_that_cannot_start_is_logged_and_the_schedule_goes_on(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'h.sqlite'}"

    async def broken(path: Path, out: Path) -> None:
        raise RuntimeError("no browser")

    _serve(tmp_path, url, run_audit=broken)
    assert query(url, "SELECT event, detail FROM schedule_events") == [("failed", "RuntimeError: no browser")] * 2


def test_slots_passed_while_the_loop_was_held_up_are_recorded_missed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'h.sqlite'}"
    offset = [timedelta(0)]

    def clock() -> datetime:
        return datetime.now(UTC) + offset[0]

    async def slow_to_return(path: Path, out: Path) -> None:
        offset[0] += timedelta(seconds=5)  # the clock jumps: as if the process had been suspended
        await _fake_run(path, out)

    _serve(tmp_path, url, run_audit=slow_to_return, clock=clock)
    events = [e for (e,) in query(url, "SELECT event FROM schedule_events ORDER BY slot")]
    assert events.count("ran") == 2
    assert events.count("missed") >= 3, events


def test_slots_passed_while_no_scheduler_ran_are_recorded_missed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'h.sqlite'}"
    engine = open_db(url)
    record_event(engine, "unit", datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=10), "ran", "old")
    engine.dispose()
    _serve(tmp_path, url, run_audit=_fake_run)
    missed = query(url, "SELECT detail FROM schedule_events WHERE event = 'missed'")
    assert len(missed) >= 9 and {d for (d,) in missed} == {"no scheduler was running"}


def test_an_audit_without_a_valid_schedule_is_refused(tmp_path: Path) -> None:
    (tmp_path / "audits").mkdir()
    body = ("audit: nosched\ntargets: [{id: good, demo: {profile: good}}]\n"
            "scenarios: [\"scenarios/crypto/kyc-delayed.yaml\"]\n"
            "rubrics: [scoring/crypto-safety.yaml, scoring/service-quality.yaml]\n")
    (tmp_path / "audits" / "a.yaml").write_text(body, encoding="utf-8")
    with pytest.raises(ScheduleError, match="has no `schedule:`"):
        load_schedules([tmp_path / "audits" / "a.yaml"])
    (tmp_path / "audits" / "a.yaml").write_text(body + 'schedule: "61 * * * *"\n', encoding="utf-8")
    with pytest.raises(ScheduleError, match="not a valid cron"):
        load_schedules([tmp_path / "audits" / "a.yaml"])
