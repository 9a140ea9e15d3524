"""`shopper history import`, `shopper schedule` and `shopper trend`: thin wrappers."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import click

from shopper.cli import reports_invalid_files
from shopper.exitcodes import ExitCode

DB_HELP = "History database: any SQLAlchemy URL (default $SHOPPER_HISTORY_URL, else sqlite:///reports/history.sqlite)."
db_option = click.option("--db", "db_url", metavar="URL", help=DB_HELP)


def _engine(db_url: str | None) -> Any:
    from sqlalchemy.exc import SQLAlchemyError

    from shopper.operations.history import open_db, resolve_url

    try:
        return open_db(db_url)
    except (SQLAlchemyError, ImportError, OSError) as exc:
        click.echo(f"shopper: cannot open the history database {_safe(resolve_url(db_url))}: {exc}", err=True)
        raise SystemExit(ExitCode.INFRASTRUCTURE) from None


def _safe(url: str) -> str:
    """The URL without its password (it would land in logs)."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(unparseable URL)"


def _sinks(alert_cmd: str | None, webhook: str | None) -> Any:
    from shopper.operations.alerts import AlertSinks

    return AlertSinks(command=alert_cmd, webhook=webhook)


alert_options = [
    click.option("--alert-cmd", metavar="CMD", help="Run CMD with the alert JSON on stdin when a run breaks its gate."),
    click.option("--webhook", metavar="URL", help="POST a Slack-compatible JSON body {\"text\": …} to URL then."),
]


def with_alerts(func: Any) -> Any:
    for option in reversed(alert_options):
        func = option(func)
    return func


def _log_to_stderr() -> None:
    """The scheduler's and the runs' INFO lines on stderr (other libraries stay quiet)."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%Y-%m-%d %H:%M:%S"))
    logger = logging.getLogger("shopper")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


@click.group()
def history() -> None:
    """The history database of runs: one row per conversation with its KPIs and criteria."""


@history.command(name="import")
@click.argument("run_dirs", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True, file_okay=False))
@db_option
def import_command(run_dirs: tuple[Path, ...], db_url: str | None) -> None:
    """Load run folders (made by `shopper run`) into history; importing one again replaces it."""
    from shopper.operations.history import import_run

    engine = _engine(db_url)
    failed = False
    for folder in run_dirs:
        try:
            done = import_run(engine, folder)
        except (FileNotFoundError, ValueError) as exc:
            click.echo(f"shopper history import: {exc}", err=True)
            failed = True
            continue
        verb = "replaced" if done.replaced else "imported"
        click.echo(f"{verb} {done.run_id} ({done.audit}, {done.conversations} conversations)")
    if failed:
        raise SystemExit(ExitCode.INVALID_INPUT)


@click.command()
@click.argument("audits", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True, dir_okay=False))
@db_option
@click.option("--jitter", type=click.FloatRange(min=0), default=0.0, show_default=True,
              help="Start each run up to this many seconds after its slot (random).")
@click.option("--grace", type=click.FloatRange(min=0), default=60.0, show_default=True,
              help="On SIGTERM, seconds the runs in flight may take to finish.")
@click.option("--max-runs", type=click.IntRange(min=1), help="Stop after this many runs (all audits together).")
@with_alerts
@click.option("--quiet", "-q", is_flag=True, help="No log lines on stderr.")
@reports_invalid_files
def schedule(audits: tuple[Path, ...], db_url: str | None, jitter: float, grace: float, max_runs: int | None,
             alert_cmd: str | None, webhook: str | None, quiet: bool) -> None:
    """Run each AUDIT on its cron `schedule:`, forever, one run at a time per audit.

    Cron has 5 fields, or 6 with seconds first (`*/30 * * * * *`). Every run is written as
    `shopper run` writes it and imported into history; every slot is logged there (ran, skipped
    because the last run was still going, missed, failed). SIGTERM: runs in flight get --grace
    seconds to finish, then exit 0.
    """
    import asyncio

    from shopper.operations.alerts import default_gate_check
    from shopper.operations.schedule import ScheduleError, ScheduleOptions, Scheduler, load_schedules

    if not quiet:
        _log_to_stderr()
    try:
        scheduled = load_schedules(list(audits))
    except ScheduleError as exc:
        click.echo(f"shopper schedule: {exc}", err=True)
        raise SystemExit(ExitCode.INVALID_INPUT) from None
    engine = _engine(db_url)
    sinks = _sinks(alert_cmd, webhook)
    gate_check = default_gate_check() if sinks else None
    options = ScheduleOptions(jitter_s=jitter, grace_s=grace, max_runs=max_runs, sinks=sinks)
    scheduler = Scheduler(scheduled, engine, options, gate_check=gate_check)
    asyncio.run(scheduler.serve())
    click.echo(f"schedule stopped after {scheduler.started_runs} runs", err=True)


@click.command()
@click.option("--audit", help="Only this audit (default: every audit in history).")
@click.option("--since", metavar="DURATION", help="Only runs this recent: 7d, 12h, 30m.")
@db_option
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("reports/trend"),
              show_default=True, help="Folder for trend.html, trend.md and the charts.")
@with_alerts
def trend(audit: str | None, since: str | None, db_url: str | None, out: Path, alert_cmd: str | None,
          webhook: str | None) -> None:
    """Trends from history: score, first response p50/p90, availability over time; an hour × weekday
    heatmap; SLA breaches per day. With --alert-cmd / --webhook, alerts if the latest run broke its gate."""
    from datetime import UTC, datetime, timedelta

    from shopper.formats.durations import parse_duration
    from shopper.operations.trend import compute
    from shopper.operations.trend_render import write

    start = None
    if since is not None:
        try:
            start = datetime.now(UTC) - timedelta(seconds=parse_duration(since))
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--since") from None
    engine = _engine(db_url)
    files = write(compute(engine, audit, start), out)
    click.echo(str(files.html))
    click.echo(str(files.markdown))
    sinks = _sinks(alert_cmd, webhook)
    if sinks:
        from shopper.operations.trend_alerts import alert_latest

        for line in alert_latest(engine, audit, sinks):
            click.echo(line, err=True)
