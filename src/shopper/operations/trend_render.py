"""`shopper trend` output: ``trend.html`` (self-contained), ``trend.md`` and the charts as SVG files.

The HTML follows the report's safety rules: Jinja2 autoescape on everything (target ids, run
ids come from users' files), a strict Content-Security-Policy (no script at all, styles by nonce,
images only as ``data:``), nothing fetched from the network.
"""

from __future__ import annotations

import math
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shopper.operations.trend import WEEKDAYS, TrendData
from shopper.operations.trend_charts import Chart, charts


def csp(nonce: str) -> str:
    return (f"default-src 'none'; style-src 'nonce-{nonce}'; img-src data:; base-uri 'none'; "
            "form-action 'none'")


@dataclass(frozen=True)
class TrendFiles:
    html: Path
    markdown: Path
    charts: list[Path]


def _pct(value: Any) -> str:
    return "–" if _missing(value) else f"{100 * float(value):.0f}%"


def _secs(ms: Any) -> str:
    return "–" if _missing(ms) else f"{float(ms) / 1000:.1f}s"


def _num(value: Any) -> str:
    return "–" if _missing(value) else f"{float(value):.1f}"


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _latest(data: TrendData) -> list[dict[str, str]]:
    table = data.over_time
    if table.empty:
        return []
    newest = table.sort_values("run_started").groupby(["target", "channel"], sort=True).tail(1)
    return [{"target": str(r.target), "channel": str(r.channel), "run_id": str(r.run_id), "score": _num(r.score_mean),
             "p50": _secs(r.first_response_p50_ms), "p90": _secs(r.first_response_p90_ms),
             "availability": _pct(r.availability), "sla": _pct(r.sla_breach_rate)}
            for r in newest.sort_values(["target", "channel"]).itertuples()]


def _context(data: TrendData, found: list[Chart]) -> dict[str, Any]:
    conversations = data.conversations
    times = conversations["run_started"] if not conversations.empty else None
    return {
        "audit": data.audit, "runs": data.runs, "conversations": len(conversations),
        "since": data.since.strftime("%Y-%m-%d %H:%M UTC") if data.since else None,
        "first": times.min().strftime("%Y-%m-%d %H:%M") if times is not None else None,
        "last": times.max().strftime("%Y-%m-%d %H:%M") if times is not None else None,
        "latest": _latest(data), "charts": found,
        "sla_daily": [{"day": r.day, "conversations": r.conversations, "rate": _pct(r.sla_breach_rate)}
                      for r in data.sla_daily.itertuples()],
        "schedule": data.schedule.to_dict("records"),
    }


def render_html(data: TrendData, found: list[Chart]) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("shopper.operations", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    nonce = secrets.token_urlsafe(16)
    return env.get_template("trend.html.j2").render(nonce=nonce, csp=csp(nonce), **_context(data, found))


def _md_cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def _md_table(header: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def render_markdown(data: TrendData, found: list[Chart]) -> str:
    ctx = _context(data, found)
    lines = [f"# Trend{': ' + data.audit if data.audit else ''}", "",
             f"{ctx['runs']} runs, {ctx['conversations']} conversations"
             + (f", {ctx['first']} to {ctx['last']}" if ctx["first"] else "") + ". Times are UTC.", ""]
    if ctx["latest"]:
        lines += ["## Latest run per target and channel", ""]
        lines += _md_table(["target", "channel", "run", "score", "first response p50", "p90", "availability",
                            "SLA breached"], [list(row.values()) for row in ctx["latest"]])
    for chart in found:
        lines += [f"## {chart.title}", "", f"![{chart.alt}]({chart.name}.svg)", ""]
    if not data.conversations.empty:
        lines += ["## Availability by hour of day (UTC) × weekday", ""]
        hours = [h for h in range(24) if data.availability[h].notna().any()]
        lines += _md_table(["", *[f"{h:02d}h" for h in hours]],
                           [[day, *[_pct(data.availability.loc[day, h]) for h in hours]] for day in WEEKDAYS])
    if ctx["sla_daily"]:
        lines += ["## SLA breach rate per day", ""]
        lines += _md_table(["day", "conversations", "SLA breached"],
                           [[r["day"], r["conversations"], r["rate"]] for r in ctx["sla_daily"]])
    if ctx["schedule"]:
        lines += ["## Schedule log", ""]
        lines += _md_table(["audit", "event", "slots"], [[r["audit"], r["event"], r["count"]] for r in ctx["schedule"]])
    return "\n".join(lines)


def write(data: TrendData, out: Path) -> TrendFiles:
    """Write the HTML, the Markdown and one SVG per chart into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    found = charts(data)
    paths = []
    for chart in found:
        path = out / f"{chart.name}.svg"
        path.write_text(chart.svg, encoding="utf-8")
        paths.append(path)
    html = out / "trend.html"
    html.write_text(render_html(data, found), encoding="utf-8")
    markdown = out / "trend.md"
    markdown.write_text(render_markdown(data, found), encoding="utf-8")
    return TrendFiles(html, markdown, paths)
