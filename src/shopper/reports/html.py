"""``index.html``: one self-contained page, plus lazily loaded transcript chunks beside it.

The page is rendered by Jinja2 with autoescape; CSS and JS are inline under a per-render
nonce, charts are SVG ``data:`` images, the conversation index is JSON in a non-executed
``<script type="application/json">``. Transcripts are written as ``transcripts/chunk-NNNN.js``
files that call ``shopperReport.addChunk(n, [...])``: a ``<script src>`` works from
``file://`` where ``fetch()`` does not, so the overview renders without waiting for them and a
conversation's transcript loads when it is opened. Platform text reaches the DOM only as
``textContent`` (client) or escaped by Jinja (server); only http(s) URLs become links.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from shopper.reports.charts import Chart
from shopper.reports.figures import Finding, TargetRow, artifact_href
from shopper.reports.tables import seconds
from shopper.results import DEFAULT_SLA_S, ConversationResult

CHUNK = 100  # conversations per transcript file
TRANSCRIPTS = "transcripts"
INDEX_COLUMNS = ("key", "target", "scenario", "channel", "locale", "status", "score", "passed",
                 "critical", "first_response_ms", "started_at", "error")


def csp(nonce: str) -> str:
    return (f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; "
            "img-src 'self' data:; base-uri 'none'; form-action 'none'")


def _asset(name: str) -> str:
    return resources.files("shopper.reports").joinpath("static", name).read_text(encoding="utf-8")


def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("shopper.reports", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters["pct"] = lambda v: "–" if v is None else f"{100 * v:.0f}%"
    env.filters["secs"] = seconds
    return env


def _cls(value: float | None, bad: float, warn: float, higher_is_better: bool = True) -> str:
    if value is None:
        return "na"
    if higher_is_better:
        return "bad" if value < bad else ("warn" if value < warn else "good")
    return "bad" if value > bad else ("warn" if value > warn else "good")


def overview_cells(row: TargetRow) -> dict[str, str]:
    """CSS classes that flag a target's figures (red: act on it)."""
    f = row.figures
    return {
        "score": _cls(f["score_mean"], 60, 80),
        "pass": _cls(f["pass_rate"], 0.8, 0.95),
        "critical": "bad" if f["critical_violations"] else "good",
        "availability": _cls(f["availability"], 0.9, 0.98),
        "sla": _cls(f["sla_breach_rate"], 0.1, 0.0, higher_is_better=False),
        "language": _cls(f["language_match_rate"], 0.9, 0.98),
    }


def index_rows(results: Sequence[ConversationResult]) -> list[list[Any]]:
    from shopper.scoring.kpis import passed

    return [[r.key, r.target, r.scenario, r.channel, r.locale, str(r.status), r.score, passed(r),
             r.critical_failures, r.kpis.first_response_ms, r.started_at, r.error] for r in results]


def transcript(result: ConversationResult, run_dir: Path) -> dict[str, Any]:
    """What the detail view of one conversation shows (data only; the page escapes it)."""
    turns = [[t.role, t.kind, t.text, t.at_ms, t.latency_ms,
              [list(span) for span in t.meta.get("typing", []) if isinstance(span, list | tuple)],
              [[p.kind, p.text] for p in t.parts if p.kind != "new"], t.automated]  # shown folded
             for t in result.turns]
    criteria = [[c.rubric, c.id, c.result, c.critical, c.weight, c.evidence.line(), c.category] for c in result.criteria]
    return {"turns": turns, "criteria": criteria, "kpis": result.kpis.model_dump(mode="json"),
            "screenshot": artifact_href(run_dir, result.artifacts.screenshot),
            "trace": artifact_href(run_dir, result.artifacts.trace), "ended_at": result.ended_at,
            "persona": str(result.persona.get("name", ""))}


def write_transcripts(results: Sequence[ConversationResult], run_dir: Path) -> list[Path]:
    folder = run_dir / TRANSCRIPTS
    folder.mkdir(exist_ok=True)
    for stale in folder.glob("chunk-*.js"):
        stale.unlink()
    written = []
    for number, start in enumerate(range(0, len(results), CHUNK)):
        items = [transcript(r, run_dir) for r in results[start:start + CHUNK]]
        path = folder / f"chunk-{number:04d}.js"
        body = json.dumps(items, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        path.write_text(f"shopperReport.addChunk({number},{body});\n", encoding="utf-8")
        written.append(path)
    return written


def finding_rows(found: Sequence[Finding], run_dir: Path) -> list[list[Any]]:
    return [[f.conversation, f.criterion, f.evidence, f.quotes, f.links, artifact_href(run_dir, f.screenshot)]
            for f in found]


def render_index(results: Sequence[ConversationResult], manifest: dict[str, Any], rows: Sequence[TargetRow],
                 found: Sequence[Finding], charts: Sequence[Chart], totals: dict[str, Any], run_dir: Path) -> str:
    nonce = secrets.token_urlsafe(18)
    data = {"columns": list(INDEX_COLUMNS), "rows": index_rows(results), "chunk": CHUNK,
            "transcripts": TRANSCRIPTS, "findings": finding_rows(found, run_dir),
            "default_sla_ms": {channel: seconds * 1000 for channel, seconds in DEFAULT_SLA_S.items()}}
    options = {name: sorted({str(getattr(r, name)) for r in results})
               for name in ("target", "scenario", "channel", "locale", "status")}
    template = _environment().get_template("index.html.j2")
    return str(template.render(
        nonce=nonce, csp=csp(nonce), css=_asset("report.css"), js=_asset("report.js"), data=data,
        manifest=manifest, rows=rows, cells={r.target: overview_cells(r) for r in rows}, found=found,
        charts=charts, totals=totals, options=options, count=len(results),
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    ))
