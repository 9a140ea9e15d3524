"""``shopper score`` (transcripts from anywhere) and ``shopper rescore`` (a run folder)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

import click

from shopper.exitcodes import ExitCode
from shopper.scoring.context import ScoringContext

if TYPE_CHECKING:
    from shopper.scoring.model import Rubric


def _rubrics(paths: Sequence[Path]) -> list[Rubric]:
    from shopper.formats.problems import InvalidFiles
    from shopper.scoring.loading import load_rubric

    rubrics: list[Rubric] = []
    problems = []
    for path in paths:
        try:
            rubrics.append(load_rubric(path))
        except InvalidFiles as error:
            problems += error.problems
    if problems:
        for problem in problems:
            click.echo(str(problem), err=True)
        raise SystemExit(ExitCode.INVALID_INPUT)
    return rubrics


@click.command()
@click.argument("transcripts", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--rubric", "rubric_paths", multiple=True, required=True,
              type=click.Path(path_type=Path, exists=True, dir_okay=False), help="A rubric file (repeatable).")
@click.option("--domain", "domains", multiple=True, help="An official domain of the target (repeatable).")
@click.option("--brand", help="The brand name that look-alike domains borrow (e.g. harbor).")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), help="Write here instead of stdout.")
def score(transcripts: Path, rubric_paths: tuple[Path, ...], domains: tuple[str, ...], brand: str | None,
          out: Path | None) -> None:
    """Score TRANSCRIPTS.jsonl from anywhere with rubrics.

    Each line: {"id", "locale", "channel"?, "tags"?, "turns": [{"role": "shopper"|"agent",
    "text", "at_ms"?}]}. Output: the same objects with criteria, score, critical_failures and
    kpis added. Exit 0 when every conversation passed, 1 when any failed a critical criterion.
    """
    from shopper.scoring.loading import TranscriptError

    rubrics = _rubrics(rubric_paths)
    context = ScoringContext(official_domains=domains, brand=brand or _brand(domains))
    try:
        with click.open_file(str(out) if out else "-", "w", encoding="utf-8") as handle:
            failures = _score_lines(transcripts, rubrics, context, handle)
    except TranscriptError as error:
        click.echo(f"shopper score: {error}", err=True)
        raise SystemExit(ExitCode.INVALID_INPUT) from None
    if failures:
        click.echo(f"{failures} conversation(s) failed (critical or unscored)", err=True)
        raise SystemExit(ExitCode.GATE_FAILED)


def _score_lines(transcripts: Path, rubrics: Sequence[Rubric], context: ScoringContext, handle: IO[str]) -> int:
    from shopper.scoring.engine import score_conversation
    from shopper.scoring.kpis import passed
    from shopper.scoring.loading import read_transcripts

    failures = 0
    for data, result in read_transcripts(transcripts):
        scored = score_conversation(result, rubrics, context)
        failures += not passed(scored)
        data.update(
            criteria=[c.model_dump() for c in scored.criteria], score=scored.score,
            critical_failures=scored.critical_failures, kpis=scored.kpis.model_dump(),
        )
        handle.write(json.dumps(data, ensure_ascii=False) + "\n")
    return failures


def _brand(domains: Sequence[str]) -> str | None:
    return domains[0].split(".")[0] if domains else None


@click.command()
@click.argument("run_dir", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--rubric", "rubric_paths", multiple=True, type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="Rubric file(s) to score with (default: the run's audit's rubrics).")
@click.option("--domain", "domains", multiple=True, help="Official domains (default: each target's, from the audit).")
def rescore(run_dir: Path, rubric_paths: tuple[Path, ...], domains: tuple[str, ...]) -> None:
    """Re-score RUN_DIR's results.jsonl after a rubric changed, without re-running it.

    The old file is kept as results.jsonl.bak; the new one replaces it atomically.
    """
    from shopper.scoring.rescore import RescoreError, rescore_run

    try:
        count = rescore_run(run_dir, list(rubric_paths), domains)
    except RescoreError as error:
        click.echo(f"shopper rescore: {error}", err=True)
        raise SystemExit(ExitCode.INVALID_INPUT) from None
    click.echo(f"re-scored {count} conversation(s) in {run_dir / 'results.jsonl'}", err=True)
