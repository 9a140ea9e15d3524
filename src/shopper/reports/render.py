"""``render_run``: every output of a run folder from its ``results.jsonl`` (and ``run.json``)."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shopper.reports import junit
from shopper.reports.charts import category_chart, first_response_chart, hourly_chart
from shopper.reports.figures import by_hour, category_scores, findings, overview
from shopper.reports.html import render_index, write_transcripts
from shopper.reports.tables import markdown, summary, write_csv, write_json
from shopper.results import ConversationResult, read_results
from shopper.runfiles import MANIFEST, RESULTS, RunFolder

log = logging.getLogger(__name__)


class UnusableRun(Exception):
    """A folder without a readable results.jsonl (exit code 2 in the CLI)."""


@dataclass
class Run:
    folder: Path
    results: list[ConversationResult]
    manifest: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return str(self.manifest.get("run") or (self.results[0].run if self.results else self.folder.name))


def load_run(run_dir: Path) -> Run:
    """The records and the manifest of a run folder; the manifest is optional."""
    path = run_dir / RESULTS
    if not path.is_file():
        raise UnusableRun(f"{run_dir}: no {RESULTS}")
    try:
        results = list(read_results(path))
    except (OSError, ValueError) as exc:
        raise UnusableRun(f"{path}: {exc}") from exc
    manifest: dict[str, Any] = {}
    try:
        loaded = json.loads((run_dir / MANIFEST).read_text(encoding="utf-8"))
        manifest = loaded if isinstance(loaded, dict) else {}
    except (OSError, ValueError):
        log.info("%s: no readable %s; using the records alone", run_dir, MANIFEST)
    if results:
        manifest.setdefault("run", results[0].run)
        manifest.setdefault("audit", results[0].audit)
    return Run(run_dir, results, manifest)


def render_run(run_dir: Path) -> list[Path]:
    """Write index.html (+ transcripts/), junit.xml, summary.md, summary.json, results.csv.

    Reads only ``run_dir/results.jsonl`` (and ``run.json``, artifacts), so any run re-renders
    offline. Returns the paths written. Raises :class:`UnusableRun` without results.
    """
    run = load_run(run_dir)
    results = run.results
    found = findings(results)
    rows = overview(results, found)
    data = summary(results, run.manifest, rows, found)
    written = list(RunFolder(run_dir).reports())
    write_json(data, written[0])
    written[1].write_text(markdown(data), encoding="utf-8")
    write_csv(results, written[2])
    junit.write(results, written[3], name=str(run.manifest.get("audit") or "shopper"))
    charts = [c for c in (first_response_chart(results), category_chart(category_scores(results)),
                          hourly_chart(by_hour(results))) if c is not None]
    html = render_index(results, run.manifest, rows, found, charts, data, run_dir)
    written[4].write_text(html, encoding="utf-8")
    return [*written, *write_transcripts(results, run_dir)]
