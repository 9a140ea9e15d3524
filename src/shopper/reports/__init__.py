"""Reports: handlers over the results stream (HTML, JUnit, Markdown, JSON, CSV).

Reporters read only ``results.jsonl`` and artifacts, so any run re-renders offline:
:func:`render_run` writes every output of a run folder; ``shopper compare`` diffs two runs.
"""

from __future__ import annotations

from pathlib import Path


def render_run(run_dir: Path) -> list[Path]:
    """Write index.html (+ transcripts/), junit.xml, summary.md, summary.json, results.csv.

    The runner calls it at the end of every run; ``shopper report RUN_DIR`` calls it too.
    Raises :class:`shopper.reports.render.UnusableRun` when the folder has no results.jsonl.
    """
    from shopper.reports.render import render_run as _render

    return _render(run_dir)


__all__ = ["render_run"]
