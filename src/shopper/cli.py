"""The `shopper` command line: a thin wrapper over the library.

User errors leave with one line per problem and an exit code from :class:`ExitCode`; data goes
to stdout, diagnostics to stderr. Heavy modules are imported inside the commands, so
``shopper --help`` stays instant.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import click

from shopper import __version__
from shopper.audits.concurrency import Concurrency, parse_concurrency
from shopper.exitcodes import ExitCode
from shopper.formats.problems import InvalidFiles
from shopper.runfiles import RunFolder

F = TypeVar("F", bound=Callable[..., Any])


class ConcurrencyParam(click.ParamType):  # type: ignore[type-arg]
    """``--concurrency N|auto``."""

    name = "N|auto"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Concurrency:
        if isinstance(value, int) or value == "auto":
            return value  # type: ignore[no-any-return]
        try:
            return parse_concurrency(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


def reports_invalid_files(func: F) -> F:
    """Turn InvalidFiles into one stderr line per problem and exit code 2, no traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InvalidFiles as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            count = len(exc.problems)
            click.echo(f"{count} problem{'s' if count != 1 else ''} found", err=True)
            raise SystemExit(ExitCode.INVALID_INPUT) from None

    return wrapper  # type: ignore[return-value]


class LazyGroup(click.Group):
    """Commands from the sub-packages, imported only when used (``--help`` stays instant)."""

    lazy: ClassVar[dict[str, str]] = {
        "demo": "shopper.demo.command:demo",
        "discover": "shopper.discover.command:discover",
        "score": "shopper.scoring.cli:score",
        "rescore": "shopper.scoring.cli:rescore",
        "calibrate": "shopper.scoring.calibrate_cli:calibrate",
        "report": "shopper.reports.cli:report",
        "compare": "shopper.reports.cli:compare",
        "show-report": "shopper.reports.cli:show_report",
        "history": "shopper.operations.cli:history",
        "schedule": "shopper.operations.cli:schedule",
        "trend": "shopper.operations.cli:trend",
        "merge": "shopper.audits.merge:merge",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            import importlib

            module, attr = self.lazy[cmd_name].split(":")
            command = getattr(importlib.import_module(module), attr)
            assert isinstance(command, click.Command)
            return command
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="shopper")
def cli() -> None:
    """Mystery-shopper audits of customer support: chat and email, timed and scored.

    Exit codes: 0 ok; 1 the audit's gate failed; 2 invalid input; 3 the audit could not run.
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@reports_invalid_files
def validate(paths: tuple[Path, ...]) -> None:
    """Validate audits, scenarios, rubrics and widget presets (files or folders).

    Every problem is reported as FILE:LINE:COLUMN: what is wrong (key path); audits are loaded
    with everything they name, so a scenario or criterion that does not exist is found too.
    """
    from shopper.validate import validate_paths

    counts = validate_paths(list(paths), os.environ)
    summary = ", ".join(f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in sorted(counts.items()))
    click.echo(f"ok: {sum(counts.values())} files valid ({summary or 'nothing found'})")


@cli.command(name="list")
@click.argument("audit", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "keys", "json"]),
    default="table",
    help="table for people, keys one per line, json for programs.",
)
@reports_invalid_files
def list_command(audit: Path, fmt: str) -> None:
    """Print the expanded matrix of AUDIT: target × scenario × channel × locale × repeat."""
    import json

    from shopper.audits.matrix import expand
    from shopper.audits.plan import load_plan

    plan = load_plan(audit)
    specs = expand(plan)
    if fmt == "keys":
        for spec in specs:
            click.echo(spec.key)
        return
    if fmt == "json":
        rows = [
            {
                "key": s.key,
                "target": s.target.id,
                "scenario": s.scenario.scenario,
                "channel": s.channel,
                "locale": s.locale,
                "repeat": s.repeat,
            }
            for s in specs
        ]
        click.echo(json.dumps(rows, indent=2))
        return
    width = max((len(s.target.id) for s in specs), default=6)
    swidth = max((len(s.scenario.scenario) for s in specs), default=8)
    click.echo(f"{'target':<{width}}  {'scenario':<{swidth}}  channel  locale  repeat")
    for s in specs:
        click.echo(
            f"{s.target.id:<{width}}  {s.scenario.scenario:<{swidth}}  {s.channel:<7}  {s.locale:<6}  {s.repeat}"
        )
    a = plan.audit
    click.echo(
        f"{len(specs)} conversations: {len(a.targets)} targets × {len(plan.scenarios)} scenarios × "
        f"channels {'/'.join(a.channels)} × {len(a.locales)} locales × {a.repeat} repeats"
    )


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path))
def init(directory: Path) -> None:
    """Scaffold an audit project in DIRECTORY: audits, scenarios, probes, scoring, reports.

    The example audit runs against the embedded demo platform, so it works at once; point its
    target at your own support site when you are ready. Refuses to overwrite anything.
    """
    from shopper.scaffold import ScaffoldError, scaffold

    try:
        written = scaffold(directory)
    except ScaffoldError as exc:
        click.echo(f"shopper init: {exc}", err=True)
        raise SystemExit(ExitCode.INVALID_INPUT) from None
    click.echo(f"created {directory} ({len(written)} files); next: shopper validate {directory}")


@cli.command()
@click.argument("audit", required=False, type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--resume", type=click.Path(path_type=Path, exists=True, file_okay=False),
              help="Finish an interrupted run folder without redoing what it finished.")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False),
              help="Write the run folder exactly here (default reports/<audit>/<UTC timestamp>/).")
@click.option("--concurrency", type=ConcurrencyParam(), metavar="N|auto",
              help="Conversations at once (default: the audit's); auto: as many as this machine holds "
                   "within the timing bound, measured at start.")
@click.option("--quiet", "-q", is_flag=True, help="No progress display on stderr.")
@click.option("--shard", "shard_text", metavar="I/N|auto",
              help="Run only shard I of N (stable by conversation key); 'auto' reads CI_NODE_INDEX/CI_NODE_TOTAL "
                   "or JOB_COMPLETION_INDEX. The gate is then judged by `shopper merge`.")
@click.option("--shard-total", type=click.IntRange(min=1), help="N for --shard auto with JOB_COMPLETION_INDEX.")
@click.option("--baseline", type=click.Path(path_type=Path, exists=True, file_okay=False),
              help="A known-good run folder: the gate also fails on regressions against it (as `shopper compare`).")
@reports_invalid_files
def run(
    audit: Path | None, resume: Path | None, out: Path | None, concurrency: Concurrency | None, quiet: bool,
    shard_text: str | None, shard_total: int | None, baseline: Path | None,
) -> None:
    """Run AUDIT: every conversation of its matrix, timed, scored, one result per line.

    Results are appended to results.jsonl as each conversation finishes, so a killed run loses
    nothing finished; `--resume RUN_DIR` finishes the rest. The audit's gate decides the exit
    code (0 passed, 1 failed) and is printed on stderr and written to gate.md; when no
    conversation reached its platform (all unavailable, or errors before any reply) it is 3.
    """
    import asyncio

    from shopper.audits.execute import RunRequest, RunSetupError, execute
    from shopper.audits.shard import ShardError, parse_shard

    if (audit is None) == (resume is None):
        raise click.UsageError("give exactly one of AUDIT or --resume RUN_DIR")
    if shard_text is not None and resume is not None:
        raise click.UsageError("--shard applies to a new run; --resume keeps the shard of the run it resumes")
    if baseline is not None and not RunFolder(baseline).is_run():
        raise click.UsageError(f"--baseline {baseline}: no results.jsonl there")
    try:
        shard = parse_shard(shard_text, os.environ, shard_total) if shard_text is not None else None
    except ShardError as exc:
        raise click.UsageError(str(exc)) from None
    request = RunRequest(audit=audit, resume=resume, out=out, concurrency=concurrency, quiet=quiet,
                         shard=shard, baseline=baseline)
    try:
        outcome = asyncio.run(execute(request))
    except RunSetupError as exc:
        click.echo(f"shopper run: {exc}", err=True)
        raise SystemExit(ExitCode.INFRASTRUCTURE) from None
    counts = ", ".join(f"{n} {status}" for status, n in sorted(outcome.summary.by_status.items()))
    skipped = f"; {outcome.summary.skipped} finished earlier" if outcome.summary.skipped else ""
    click.echo(f"{outcome.summary.total} conversations ({counts or 'none'}{skipped})", err=True)
    if outcome.verdict is not None:
        click.echo(outcome.verdict.block(), err=True, nl=False)
    else:
        click.echo("gate: not judged for a shard (run `shopper merge` on all shards)", err=True)
    click.echo(str(outcome.run_dir))
    if outcome.unreached is not None:
        click.echo(f"shopper run: {outcome.unreached}", err=True)
        raise SystemExit(ExitCode.INFRASTRUCTURE)
    if outcome.verdict is not None and not outcome.verdict.passed:
        raise SystemExit(ExitCode.GATE_FAILED)


# Commands of the sub-packages are registered in LazyGroup.lazy (module:attribute).


def main() -> None:
    """Entry point: click's usage errors exit 2, like ours."""
    cli.main(prog_name="shopper")


__all__ = ["ExitCode", "cli", "main", "reports_invalid_files"]
