"""``shopper calibrate``: a criterion (or the LLM judge) against a labelled set, before trusting it."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from shopper.exitcodes import ExitCode

if TYPE_CHECKING:
    from collections.abc import Sequence

    from shopper.scoring.calibration import Calibration
    from shopper.scoring.context import ScoringContext
    from shopper.scoring.model import Criterion, Rubric


def _fail(message: str) -> SystemExit:
    click.echo(f"shopper calibrate: {message}", err=True)
    return SystemExit(ExitCode.INVALID_INPUT)


def _criterion(spec: str, audit_rubrics: Sequence[Rubric]) -> Criterion:
    """``RUBRIC.yaml#ID`` (or a bare ID of the --judge audit's rubrics) → that criterion, or a
    one-line error naming what is missing."""
    from shopper.formats.problems import InvalidFiles
    from shopper.scoring.loading import load_rubric

    path, _, wanted = spec.partition("#")
    if not wanted and audit_rubrics:
        found = [c for r in audit_rubrics for c in r.criteria if c.id == spec]
        if found:
            return found[0]
        known = ", ".join(c.id for r in audit_rubrics for c in r.criteria)
        raise _fail(f"--criterion {spec}: no such criterion in the --judge audit's rubrics (they have: {known})")
    if not wanted:
        raise _fail(f"--criterion {spec}: expected RUBRIC.yaml#CRITERION-ID")
    if not Path(path).is_file():
        raise _fail(f"--criterion {spec}: no rubric file '{path}'")
    try:
        rubric = load_rubric(Path(path))
    except InvalidFiles as error:
        raise _fail("; ".join(str(p) for p in error.problems)) from None
    for criterion in rubric.criteria:
        if criterion.id == wanted:
            return criterion
    known = ", ".join(c.id for c in rubric.criteria)
    raise _fail(f"--criterion {spec}: no criterion '{wanted}' in {path} (it has: {known})")


def _uses_judge(check: object) -> bool:
    return "llm_judge" in json.dumps(check)


def _context(judge_audit: Path | None, domains: tuple[str, ...]) -> tuple[ScoringContext, int, Sequence[Rubric]]:
    """The scoring context (with the audit's judge, if given), how many rows to score at once and
    the audit's rubrics."""
    from shopper.scoring.context import ScoringContext

    if judge_audit is None:
        return ScoringContext(official_domains=domains, brand=domains[0].split(".")[0] if domains else None), 1, ()
    from shopper.audits.plan import load_plan
    from shopper.audits.scoring_bridge import brand_of, judge_for
    from shopper.formats.problems import InvalidFiles

    try:
        plan = load_plan(judge_audit, os.environ)
    except InvalidFiles as error:
        raise _fail("; ".join(str(p) for p in error.problems)) from None
    config = plan.audit.judge
    if config is None:
        raise _fail(f"--judge {judge_audit}: the audit has no judge: block")
    target = plan.audit.targets[0]
    official = domains or target.domains
    context = ScoringContext(official_domains=official, brand=brand_of(target), judge=judge_for(config, plan.root))
    return context, config.concurrency, plan.rubrics


def _figure(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def render(report: Calibration) -> str:
    holds = "passes" if report.label_means == "pass" else "fails"
    lines = [f"criterion {report.criterion} vs label {report.label} (label holds = the criterion {holds})",
             f"{'lang':<6}{'n':>5}{'tp':>5}{'fp':>5}{'fn':>5}{'tn':>5}{'n/a':>5}  precision  recall  kappa"]
    rows = [*sorted(report.by_language.items()), ("all", report.overall)]
    for lang, a in rows:
        lines.append(f"{lang:<6}{a.n:>5}{a.tp:>5}{a.fp:>5}{a.fn:>5}{a.tn:>5}{a.na:>5}  "
                     f"{_figure(a.precision):>9}  {_figure(a.recall):>6}  {_figure(a.kappa):>5}")
    lines.append(f"disagreements ({len(report.disagreements)}):")
    for d in report.disagreements:
        lines.append(f"  {d.id} [{d.lang}] label {'holds' if d.label_holds else 'does not hold'}, "
                     f"criterion {d.result}: {d.evidence[:160]}")
    return "\n".join(lines)


@click.command()
@click.argument("labelled", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--criterion", "criterion_spec", required=True, metavar="RUBRIC.yaml#ID",
              help="The criterion to calibrate (with --judge, a bare ID names one of the audit's rubrics).")
@click.option("--label", required=True, help="The label of the set that the criterion should agree with.")
@click.option("--label-means", type=click.Choice(["pass", "fail"]), required=True,
              help="pass: the label holding means the criterion should pass; fail: it should fail.")
@click.option("--judge", "judge_audit", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              metavar="AUDIT.yaml", help="Use this audit's judge: block; a criterion without llm_judge is then "
                                         "asked to the judge in its own words.")
@click.option("--domain", "domains", multiple=True, help="An official domain (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--min-kappa", type=float, help="Exit 1 when the overall Cohen's kappa is below this.")
def calibrate(labelled: Path, criterion_spec: str, label: str, label_means: str, judge_audit: Path | None,
              domains: tuple[str, ...], as_json: bool, min_kappa: float | None) -> None:
    """Agreement of a criterion with LABELLED.jsonl: precision, recall, Cohen's kappa per language.

    Each row's reply is scored as the answer to its "customer" message. A row is flagged when
    the criterion gives the --label-means result (n/a never flags). Prints the figures per
    language and overall, then the ids of the rows where criterion and label disagree.
    Exit 0; 1 when --min-kappa is not reached; 2 for bad input.
    """
    from shopper.scoring.calibration import calibrate as run
    from shopper.scoring.labelled import LabelledSetError, load_labelled

    context, workers, audit_rubrics = _context(judge_audit, domains)
    criterion = _criterion(criterion_spec, audit_rubrics)
    try:
        rows = load_labelled(labelled)
    except LabelledSetError as error:
        raise _fail(str(error)) from None
    if not rows:
        raise _fail(f"{labelled}: no rows")
    if label not in {name for row in rows for name in row.labels}:
        raise _fail(f"--label {label}: no row of {labelled} carries it")
    if context.judge is not None and not _uses_judge(criterion.check):
        criterion = type(criterion).model_validate({**criterion.model_dump(), "check": {"llm_judge": True}})
    report = run(rows, criterion, label, "pass" if label_means == "pass" else "fail", context, workers)
    click.echo(json.dumps(report.as_json(), ensure_ascii=False, indent=2) if as_json else render(report))
    kappa = report.overall.kappa
    if min_kappa is not None and (kappa is None or kappa < min_kappa):
        click.echo(f"shopper calibrate: kappa {_figure(kappa)} < {min_kappa:g} (--min-kappa)", err=True)
        raise SystemExit(ExitCode.GATE_FAILED)
