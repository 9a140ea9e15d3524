"""`shopper trend --alert-cmd/--webhook`: alert when the newest run in history broke its gate."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import Engine

from shopper.operations.alerts import (
    AlertSinks,
    Delivery,
    GateCheck,
    check_run,
    default_gate_check,
    dispatch,
    worst_case_s,
)
from shopper.operations.trend import latest_runs

log = logging.getLogger(__name__)


def alert_latest(engine: Engine, audit: str | None, sinks: AlertSinks, check: GateCheck | None = None) -> list[str]:
    """Judge the newest run of each audit with the gate; alert on a failure. One line per outcome.

    The gate needs the run folder (its results and audit file) the run was imported from; a
    folder that is gone is reported, not guessed at. Deliveries run in threads and are joined
    with a bound, so a dead endpoint costs at most the retries' worst case.
    """
    from shopper.audits.plan import load_plan
    from shopper.audits.runfolder import Manifest
    from shopper.results import read_results
    from shopper.runfiles import RESULTS

    check = check or default_gate_check()
    lines: list[str] = []
    threads = []
    outcomes: dict[str, list[str]] = {}
    for run in latest_runs(engine, audit):
        folder = Path(run.source)
        if not (folder / RESULTS).is_file():
            lines.append(f"alerts: {run.run_id}: its run folder {folder} is gone; not judged")
            continue
        plan = load_plan(Path(Manifest.read(folder).audit_path))
        alert = check_run(plan, list(read_results(folder / RESULTS)), check, run.run_id, str(folder))
        if alert is None:
            lines.append(f"alerts: {run.run_id} passed its gate")
            continue

        def done(deliveries: list[Delivery], run_id: str = run.run_id) -> None:
            outcomes[run_id] = [f"{d.sink} {'sent' if d.ok else 'FAILED'} after {d.attempts} attempts"
                                for d in deliveries]

        threads.append((run.run_id, dispatch(alert, sinks, done)))
    for run_id, thread in threads:
        thread.join(timeout=worst_case_s(sinks))
        sent = outcomes.get(run_id, ["still sending (timed out)"])
        lines.append(f"alerts: {run_id} broke its gate: " + "; ".join(sent))
    return lines
