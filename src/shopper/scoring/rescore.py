"""Re-scoring a run folder's ``results.jsonl`` with the current (or given) rubrics."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from shopper.formats.problems import InvalidFiles
from shopper.results import read_results
from shopper.runfiles import RunFolder
from shopper.scoring.context import ScoringContext
from shopper.scoring.engine import score_conversation
from shopper.scoring.loading import load_rubric
from shopper.scoring.model import Rubric

if TYPE_CHECKING:
    from shopper.scoring.checks.llm_judge import Judge


class RescoreError(Exception):
    """The run folder or its rubrics cannot be used."""


@dataclass(frozen=True)
class _FromAudit:
    """What the run's audit says about scoring (empty when it cannot be loaded)."""

    rubrics: list[Rubric] = field(default_factory=list)
    targets: dict[str, tuple[tuple[str, ...], str | None]] = field(default_factory=dict)  # (domains, brand)
    sla: dict[str, float] = field(default_factory=dict)
    judge: Judge | None = None


def _from_audit(run_dir: Path) -> _FromAudit:
    """Rubrics, (domains, brand) per target, the SLA per channel and the judge from the run's audit."""
    try:
        from shopper.audits.plan import load_plan
        from shopper.audits.runfolder import Manifest
        from shopper.audits.scoring_bridge import brand_of, judge_for

        plan = load_plan(Path(Manifest.read(run_dir).audit_path))
    except Exception:
        return _FromAudit()
    targets = {t.id: (tuple(t.domains), brand_of(t)) for t in plan.audit.targets}
    sla = {"chat": plan.audit.sla.chat, "email": plan.audit.sla.email, "api": plan.audit.sla.api}
    return _FromAudit(list(plan.rubrics), targets, sla, judge_for(plan.audit.judge, plan.root))


def rescore_run(run_dir: Path, rubric_paths: Sequence[Path], domains: Sequence[str]) -> int:
    """Rewrite ``run_dir/results.jsonl`` with new scoring; returns the number of records."""
    results_path = RunFolder(run_dir).results
    if not results_path.exists():
        raise RescoreError(f"{results_path} does not exist")
    audit = _from_audit(run_dir)
    try:
        rubrics = [load_rubric(p) for p in rubric_paths] or audit.rubrics
    except InvalidFiles as error:
        raise RescoreError("; ".join(str(p) for p in error.problems)) from None
    if not rubrics:
        raise RescoreError("no rubrics: give --rubric (the run's audit could not be loaded)")
    lines: list[str] = []
    for result in read_results(results_path):
        official, brand = audit.targets.get(result.target, ((), None))
        if domains:
            official, brand = tuple(domains), brand or domains[0].split(".")[0]
        context = ScoringContext(official_domains=official, brand=brand, sla_s=audit.sla, judge=audit.judge)
        lines.append(score_conversation(result, rubrics, context).model_dump_json() + "\n")
    copy_then_replace(results_path, lines)
    return len(lines)


def copy_then_replace(path: Path, lines: Sequence[str]) -> None:
    """Keep ``path.bak``, write a temp file next to ``path`` and rename it over (atomic)."""
    shutil.copy2(path, path.with_name(path.name + ".bak"))
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        handle.writelines(lines)
        handle.flush()
    tmp.replace(path)
