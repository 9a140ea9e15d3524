"""`shopper schedule`: each audit on its cron, forever, one run at a time per audit.

Cron slots come from croniter (5 fields, or 6 with **seconds first**, as Quartz and node-cron
write them: ``*/2 * * * * *`` is every two seconds). Every slot leaves a row in the history
database's ``schedule_events``: ``ran``; ``skipped`` (the audit's previous run was still going);
``missed`` (the slot passed while the scheduler was not running or its loop was held up);
``failed`` (the run could not start); ``interrupted`` (stopped by SIGTERM after the grace time).
Each run is written as ``shopper run`` writes it, then imported into history; when alert sinks
are given and the run breaks its gate, an alert goes out in a background thread.

SIGTERM or SIGINT: no new slot is taken, runs in flight get ``grace`` seconds to finish (what
they finished is imported either way; ``shopper run --resume`` completes an interrupted one),
then :meth:`Scheduler.serve` returns and the command exits 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import signal
import threading
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from croniter import croniter
from sqlalchemy import Engine

from shopper.operations import history
from shopper.operations.alerts import AlertSinks, GateCheck, check_run, dispatch, worst_case_s
from shopper.runfiles import RunFolder

log = logging.getLogger(__name__)
MAX_MISSED_ROWS = 100  # a long outage is one row per slot up to this, then one summary row

RunAudit = Callable[[Path, Path], Awaitable[None]]
"""Runs the audit at the first path into the run folder at the second."""


class ScheduleError(Exception):
    """An audit cannot be scheduled (no or invalid cron): exit code 2."""


@dataclass(frozen=True)
class ScheduledAudit:
    path: Path
    audit: str
    cron: str
    reports: Path  # where its run folders go: <project>/reports


def cron_iter(cron: str, start: datetime) -> croniter:
    return croniter(cron, start, second_at_beginning=True)


def load_schedules(paths: Sequence[Path]) -> list[ScheduledAudit]:
    """The audits with their cron; raises InvalidFiles for bad files, ScheduleError for bad crons."""
    from shopper.audits.plan import load_plan

    found: list[ScheduledAudit] = []
    for path in paths:
        plan = load_plan(path)
        cron = plan.audit.schedule
        if cron is None:
            raise ScheduleError(f"{path}: the audit has no `schedule:` (a cron like '0 */4 * * *')")
        if not croniter.is_valid(cron, second_at_beginning=True):
            raise ScheduleError(f"{path}: `schedule: {cron}` is not a valid cron expression")
        if any(s.audit == plan.audit.audit for s in found):
            raise ScheduleError(f"{path}: audit '{plan.audit.audit}' is given twice")
        found.append(ScheduledAudit(path, plan.audit.audit, cron, plan.root / "reports"))
    return found


async def execute_audit(path: Path, out: Path) -> None:
    """The real run: exactly what `shopper run AUDIT --out OUT --quiet` does."""
    from shopper.audits.execute import RunRequest, execute

    await execute(RunRequest(audit=path, out=out, quiet=True))


@dataclass(frozen=True)
class ScheduleOptions:
    jitter_s: float = 0.0  # each run starts up to this much after its slot
    grace_s: float = 60.0  # after SIGTERM, how long runs in flight may take to finish
    max_runs: int | None = None  # stop after this many runs (all audits together)
    sinks: AlertSinks = field(default_factory=AlertSinks)


class Scheduler:
    def __init__(self, audits: Sequence[ScheduledAudit], engine: Engine, options: ScheduleOptions,
                 run_audit: RunAudit = execute_audit, gate_check: GateCheck | None = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.audits = list(audits)
        self.engine = engine
        self.options = options
        self.run_audit = run_audit
        self.gate_check = gate_check
        self.clock = clock  # injectable: tests move time to show missed slots
        self.started_runs = 0
        self.alert_threads: list[threading.Thread] = []
        self._active: dict[str, asyncio.Task[None]] = {}
        self._stopping = asyncio.Event()  # take no more slots
        self._terminating = asyncio.Event()  # a signal: runs in flight get the grace time
        self._random = random.Random()

    def terminate(self) -> None:
        log.info("stopping: no new runs; runs in flight get %.0fs to finish", self.options.grace_s)
        self._terminating.set()
        self._stopping.set()

    async def serve(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self.terminate)
        try:
            await asyncio.gather(*(self._loop(audit) for audit in self.audits))
            await self._drain()
        finally:
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.remove_signal_handler(sig)
        await asyncio.to_thread(self._join_alerts)

    async def _record(self, audit: str, slot: datetime, event: str, run_id: str | None = None,
                      detail: str = "") -> None:
        log.info("%s %s: %s %s", audit, history_time(slot), event, detail or run_id or "")
        await asyncio.to_thread(history.record_event, self.engine, audit, slot, event, run_id, detail)

    async def _loop(self, audit: ScheduledAudit) -> None:
        now = self.clock()
        await self._record_outage(audit, now)
        slots = cron_iter(audit.cron, now)
        slot: datetime = slots.get_next(datetime)
        while not self._stopping.is_set():
            jitter = self._random.uniform(0, self.options.jitter_s) if self.options.jitter_s else 0.0
            delay = (slot - self.clock()).total_seconds() + jitter
            if await self._wait_stop(delay):
                return
            late = self.clock().timestamp() - jitter
            following: datetime = slots.get_next(datetime)
            missed: list[datetime] = []
            while following.timestamp() <= late and len(missed) < MAX_MISSED_ROWS:
                missed.append(slot)  # the loop was held up past the next slot: this one is gone
                slot, following = following, slots.get_next(datetime)
            for gone in missed:
                await self._record(audit.audit, gone, "missed", detail="the scheduler was held up")
            await self._take(audit, slot)
            slot = following

    async def _record_outage(self, audit: ScheduledAudit, now: datetime) -> None:
        """Slots between the last one recorded and now passed while no scheduler was running."""
        last = await asyncio.to_thread(history.last_slot, self.engine, audit.audit)
        if last is None:
            return
        slots = cron_iter(audit.cron, last)
        gone: list[datetime] = []
        nxt: datetime = slots.get_next(datetime)
        while nxt < now and len(gone) <= MAX_MISSED_ROWS:
            gone.append(nxt)
            nxt = slots.get_next(datetime)
        for slot in gone[:MAX_MISSED_ROWS]:
            await self._record(audit.audit, slot, "missed", detail="no scheduler was running")
        if len(gone) > MAX_MISSED_ROWS:
            await self._record(audit.audit, gone[-1], "missed",
                               detail=f"and more slots until {history_time(now)}: no scheduler was running")

    async def _wait_stop(self, delay: float) -> bool:
        """Sleep ``delay`` seconds unless told to stop; True if stopping."""
        if delay > 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), timeout=delay)
        return self._stopping.is_set()

    async def _take(self, audit: ScheduledAudit, slot: datetime) -> None:
        running = self._active.get(audit.audit)
        if running is not None and not running.done():
            await self._record(audit.audit, slot, "skipped", detail="the previous run was still going")
            return
        limit = self.options.max_runs
        if limit is not None and self.started_runs >= limit:
            self._stopping.set()
            return
        self.started_runs += 1
        self._active[audit.audit] = asyncio.create_task(self._run(audit, slot), name=f"run-{audit.audit}")
        if limit is not None and self.started_runs >= limit:
            self._stopping.set()

    async def _run(self, audit: ScheduledAudit, slot: datetime) -> None:
        from shopper.audits.runfolder import default_run_dir

        out = default_run_dir(audit.reports, audit.audit, self.clock())
        try:
            await self.run_audit(audit.path, out)
        except asyncio.CancelledError:
            await asyncio.shield(self._finish(audit, slot, out, "interrupted", "stopped after the grace time"))
            raise
        except Exception as exc:  # a run that cannot start is a row in the log, never the end
            log.debug("run of %s failed", audit.audit, exc_info=True)
            await self._finish(audit, slot, out, "failed", f"{type(exc).__name__}: {exc}")
            return
        await self._finish(audit, slot, out, "ran", "")

    async def _finish(self, audit: ScheduledAudit, slot: datetime, out: Path, event: str, detail: str) -> None:
        run_id = None
        if RunFolder(out).manifest.is_file():
            imported = await asyncio.to_thread(history.import_run, self.engine, out)
            run_id = imported.run_id
            detail = detail or f"{imported.conversations} conversations"
        await self._record(audit.audit, slot, event, run_id, detail)
        if event == "ran" and self.options.sinks and self.gate_check is not None:
            await asyncio.to_thread(self._alert_if_failed, audit, out, run_id or out.name)

    def _alert_if_failed(self, audit: ScheduledAudit, out: Path, run_id: str) -> None:
        from shopper.audits.plan import load_plan
        from shopper.results import read_results

        assert self.gate_check is not None
        alert = check_run(load_plan(audit.path), list(read_results(RunFolder(out).results)), self.gate_check,
                          run_id, str(out))
        if alert is not None:
            self.alert_threads.append(dispatch(alert, self.options.sinks))

    async def _drain(self) -> None:
        active = {task for task in self._active.values() if not task.done()}
        waiter = asyncio.create_task(self._terminating.wait())
        while active and not self._terminating.is_set():
            done, _ = await asyncio.wait(active | {waiter}, return_when=asyncio.FIRST_COMPLETED)
            active -= done
        waiter.cancel()
        await asyncio.gather(waiter, return_exceptions=True)
        if active:
            _, pending = await asyncio.wait(active, timeout=self.options.grace_s)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)

    def _join_alerts(self) -> None:
        """Give alerts in flight their bounded time (they are daemon threads after that)."""
        for thread in self.alert_threads:
            thread.join(timeout=worst_case_s(self.options.sinks))


def history_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
