"""``summary.json`` (every aggregate figure), ``summary.md`` (short, for CI) and ``results.csv``."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pandas as pd

from shopper.reports.figures import Finding, TargetRow, by_hour, category_scores, records
from shopper.reports.timing import bound_threshold, loose_turns, tap_agreement
from shopper.results import ConversationResult
from shopper.scoring.kpis import aggregate, frame, overall


def summary(results: Sequence[ConversationResult], manifest: dict[str, Any], rows: Sequence[TargetRow],
            found: Sequence[Finding]) -> dict[str, Any]:
    """Every aggregate figure of a run, as plain JSON data."""
    return {
        "run": manifest.get("run") or (results[0].run if results else None),
        "audit": manifest.get("audit") or (results[0].audit if results else None),
        "started_at": manifest.get("started_at"),
        "conversations": len(results),
        "planned": len(manifest.get("keys") or []) or None,
        "by_status": dict(sorted(Counter(str(r.status) for r in results).items())),
        "overall": records(overall(results))[0] if results else None,
        "targets": [{"target": r.target, **r.figures, "channels": r.channels, "widget_delay_ms": r.widget_delay_ms,
                     "top_findings": [{"criterion": c, "count": n, "example": q} for c, n, q in r.top_findings],
                     "wrong_language_locales": r.wrong_language,
                     "top_failures": [{"criterion": c, "count": n, "example": q} for c, n, q in r.top_failures]}
                    for r in rows],
        "target_channel": records(aggregate(results)),
        "categories": records(category_scores(results)),
        "by_hour": records(by_hour(results)),
        "critical_findings": [
            {k: v for k, v in asdict(f).items() if k not in ("conversation", "screenshot", "trace")} for f in found
        ],
        "timing": {**loose_turns(results, bound_threshold(manifest)), "tap_agreement": tap_agreement(results)},
    }


def write_json(data: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n", encoding="utf-8")


def md_code(text: str, limit: int = 120) -> str:
    """Untrusted text as a Markdown code span: no link, no HTML, no table break."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return "`" + text.replace("`", "'").replace("|", "\\|") + "`" if text else ""


def pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


def seconds(value: float | None) -> str:
    if value is None:
        return "–"
    s = value / 1000
    return f"{s:.1f} s" if s < 120 else (f"{s / 60:.0f} min" if s < 7200 else f"{s / 3600:.1f} h")


def markdown(data: dict[str, Any], limit: int = 15) -> str:
    """A short Markdown summary: the overview table and the critical findings."""
    total = data["overall"] or {}
    status = ", ".join(f"{n} {s}" for s, n in data["by_status"].items())
    lines = [f"## shopper audit `{data['audit']}` — run `{data['run']}`", "",
             f"{data['conversations']} conversations ({status or 'none'}); pass rate {pct(total.get('pass_rate'))}, "
             f"{total.get('critical_violations', 0)} critical violations.", "",
             "| target | score | pass rate | critical | availability | chat p50 / p90 | api p50 / p90 "
             "| email p50 / p90 | SLA breach | language match | answered by a bot |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for t in data["targets"]:
        per = []
        for channel in ("chat", "api", "email"):
            c = t["channels"].get(channel)
            per.append("–" if not c else f"{seconds(c['first_response_p50_ms'])} / {seconds(c['first_response_p90_ms'])}")
        score = "–" if t["score_mean"] is None else f"{t['score_mean']:.0f}"
        lines.append(f"| {md_code(t['target'])} | {score} | {pct(t['pass_rate'])} | {t['critical_violations']} "
                     f"| {pct(t['availability'])} | {per[0]} | {per[1]} | {per[2]} | {pct(t['sla_breach_rate'])} "
                     f"| {pct(t['language_match_rate'])} | {pct(t.get('bot_answer_rate'))} |")
    groups = [(t["target"], f) for t in data["targets"] for f in t["top_findings"]]
    if groups:
        lines += ["", "### Critical findings", ""]
        for target, f in groups[:limit]:
            lines.append(f"- **{md_code(target)}** {md_code(f['criterion'])} × {f['count']}: {md_code(f['example'])}")
        if len(groups) > limit:
            lines.append(f"- … and {len(groups) - limit} more kinds (see index.html)")
    timing = data.get("timing") or {}
    if timing.get("flagged_turns"):
        lines += ["", "### Timing", "",
                  f"{timing['flagged_turns']} turn(s) whose stamps may be off by more than "
                  f"{timing['bound_threshold_ms']:.0f} ms (the page's main thread ran late around them):"]
        for turn in timing["flagged"][:limit]:
            lines.append(f"- {md_code(turn['key'])} turn {turn['turn']}: bound {turn['bound_ms']:.0f} ms")
    taps = timing.get("tap_agreement")
    if taps:
        lines += ["", f"Event taps: {taps['turns']} turn(s) stamped by the widget's own events too; "
                      f"|tap - page stamp| p50 {taps['p50_ms']:.1f} ms, p95 {taps['p95_ms']:.1f} ms, "
                      f"max {taps['max_ms']:.1f} ms."]
    return "\n".join(lines) + "\n"


def _safe_cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas in text cells (a platform's text is untrusted)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


IDENT = ["key", "locale", "repeat", "started_at", "ended_at", "agent_turns", "resolution_ms", "error"]


def csv_frame(results: Sequence[ConversationResult]) -> pd.DataFrame:
    """One row per conversation: identity, every KPI of kpis.frame, one column per criterion."""
    base = frame(results)
    ident = pd.DataFrame(columns=IDENT, data=[{"key": r.key, "locale": r.locale, "repeat": r.repeat, "started_at": r.started_at,
                           "ended_at": r.ended_at, "agent_turns": r.kpis.agent_turns,
                           "resolution_ms": r.kpis.resolution_ms, "error": r.error} for r in results])
    criteria = pd.DataFrame([{f"{c.rubric}/{c.id}": c.result for c in r.criteria} for r in results])
    criteria = criteria.reindex(columns=sorted(criteria.columns))
    out = pd.concat([ident[["key"]], base, ident.drop(columns=["key"]), criteria], axis=1)
    for column in ("key", "target", "scenario", "error"):
        if column in out:
            out[column] = out[column].map(_safe_cell)
    return out


def write_csv(results: Sequence[ConversationResult], path: Path) -> None:
    csv_frame(results).to_csv(path, index=False)
