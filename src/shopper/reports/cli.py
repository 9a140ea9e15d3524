"""CLI commands of the reports: ``report``, ``compare``, ``show-report`` (thin wrappers)."""

from __future__ import annotations

import threading
from pathlib import Path

import click

from shopper.exitcodes import ExitCode
from shopper.runfiles import RunFolder

RUN_DIR = click.Path(path_type=Path, file_okay=False)


@click.command()
@click.argument("run_dir", type=RUN_DIR)
def report(run_dir: Path) -> None:
    """Re-render every report of RUN_DIR from its results.jsonl (offline).

    Writes index.html (with transcripts/ beside it), junit.xml, summary.md, summary.json and
    results.csv into RUN_DIR, and prints the path of index.html.
    """
    from shopper.reports.render import UnusableRun, render_run

    try:
        written = render_run(run_dir)
    except UnusableRun as exc:
        click.echo(f"shopper report: {exc}", err=True)
        raise SystemExit(ExitCode.INVALID_INPUT) from None
    click.echo(f"{len(written)} files written", err=True)
    click.echo(str(RunFolder(run_dir).index))


@click.command()
@click.argument("run_a", type=RUN_DIR)
@click.argument("run_b", type=RUN_DIR)
@click.option("--out", type=RUN_DIR, help="Write compare.html and compare.md here (default: RUN_B).")
@click.option("--fail-on-regression", is_flag=True, help="Exit 1 when anything got worse in RUN_B.")
def compare(run_a: Path, run_b: Path, out: Path | None, fail_on_regression: bool) -> None:
    """What changed from RUN_A to RUN_B: scores, criteria, critical violations, response times.

    Prints the Markdown to stdout and writes compare.html and compare.md. Response-time shifts
    count as change only with at least 8 replies per run, a Mann–Whitney U p < 0.05 and a
    median shift of at least 10%. Exit codes: 0 ok (or not asked to fail), 1 something got
    worse with --fail-on-regression, 2 a folder without results.jsonl.
    """
    from shopper.reports import compare_out
    from shopper.reports.compare import compare as diff
    from shopper.reports.render import UnusableRun, load_run

    try:
        a, b = load_run(run_a), load_run(run_b)
    except UnusableRun as exc:
        click.echo(f"shopper compare: {exc}", err=True)
        raise SystemExit(ExitCode.INVALID_INPUT) from None
    comparison = diff(a, b)
    written = compare_out.write(comparison, out or run_b)
    click.echo(compare_out.markdown(comparison))
    click.echo(f"written: {', '.join(str(p) for p in written)}", err=True)
    if fail_on_regression and comparison.regressions:
        raise SystemExit(ExitCode.GATE_FAILED)


@click.command(name="show-report")
@click.argument("run_dir", required=False, type=RUN_DIR)
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="Port on 127.0.0.1 (default: a free one).")
@click.option("--no-open", is_flag=True, help="Do not open a browser; just serve and print the URL.")
def show_report(run_dir: Path | None, port: int, no_open: bool) -> None:
    """Serve a run's report on 127.0.0.1 and open it (default: the newest run under ./reports).

    Renders the report first if the folder has none. Stops on Ctrl-C.
    """
    import webbrowser

    from shopper.reports.render import UnusableRun, render_run
    from shopper.reports.serve import ReportServer, newest_run

    folder = run_dir or newest_run(Path("reports"))
    if folder is None:
        click.echo("shopper show-report: no run folder under ./reports; give RUN_DIR", err=True)
        raise SystemExit(ExitCode.INVALID_INPUT)
    try:
        if not RunFolder(folder).index.is_file():
            render_run(folder)
    except UnusableRun as exc:
        click.echo(f"shopper show-report: {exc}", err=True)
        raise SystemExit(ExitCode.INVALID_INPUT) from None
    with ReportServer(folder, port) as server:
        click.echo(f"Serving {folder} at {server.url} (Ctrl-C to stop)")
        if not no_open:
            webbrowser.open(server.url)
        stop = threading.Event()
        try:
            while not stop.wait(3600):  # woken only by Ctrl-C (KeyboardInterrupt)
                pass
        except KeyboardInterrupt:
            click.echo("stopped", err=True)
