"""The figures of a report, built on :mod:`shopper.scoring.kpis` (never recomputed differently).

``kpis.overall`` over one target's records gives that target's row; ``kpis.aggregate`` gives
the per-channel first-response percentiles. What kpis has no function for is built here on
``kpis.frame``: score by rubric category (:func:`category_scores`, from a per-criterion
frame) and figures by hour of day (:func:`by_hour`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, cast

import pandas as pd

from shopper.results import ConversationResult, Evidence
from shopper.scoring.kpis import aggregate, frame, overall

SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
URL = re.compile(r"(?:https?|javascript|data|vbscript):[^\s\"'<>]+|\bt\.me/[^\s\"'<>]+", re.IGNORECASE)


def clean(value: Any) -> Any:
    """NaN/NA to None, numpy scalars to Python: JSON- and template-friendly."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return clean(value.item())
    return value


def records(data: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): clean(v) for k, v in row.items()} for row in data.to_dict(orient="records")]


def hour_of(iso: str) -> int | None:
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00")).hour
    except ValueError:
        return None


def criteria_frame(results: Sequence[ConversationResult]) -> pd.DataFrame:
    """One row per criterion of every conversation (index = position in ``results``)."""
    rows = [
        {"conversation": i, "target": r.target, "scenario": r.scenario, "channel": r.channel, "key": r.key,
         "rubric": c.rubric, "id": c.id, "category": c.category or c.rubric, "result": c.result,
         "critical": c.critical, "weight": c.weight}
        for i, r in enumerate(results) for c in r.criteria
    ]
    return pd.DataFrame(rows, columns=["conversation", "target", "scenario", "channel", "key", "rubric", "id",
                                       "category", "result", "critical", "weight"])


def category_scores(results: Sequence[ConversationResult]) -> pd.DataFrame:
    """Score by rubric category per target: 100 × Σ weight·pass / Σ weight over applicable criteria."""
    data = criteria_frame(results)
    data = data[data["result"] != "na"]
    if data.empty:
        return pd.DataFrame(columns=["target", "category", "score", "criteria"])
    data = data.assign(earned=data["weight"].where(data["result"] == "pass", 0.0))
    grouped = data.groupby(["target", "category"], sort=True)
    out = grouped[["earned", "weight"]].sum().reset_index()
    out["score"] = 100 * out["earned"] / out["weight"]
    out["criteria"] = grouped.size().to_numpy()
    return out[["target", "category", "score", "criteria"]]


def by_hour(results: Sequence[ConversationResult]) -> pd.DataFrame:
    """Availability and first-response median per target and UTC hour of day (as kpis defines them)."""
    hours = pd.Series([hour_of(r.started_at) for r in results], dtype="float64")
    data = frame(results).assign(hour=hours.to_numpy()).dropna(subset=["hour"])
    rows = []
    for key, group in data.groupby(["target", "hour"], sort=True):
        target, hour = cast(tuple[str, float], key)
        replied = group[group["replied"]]
        first = replied["first_response_ms"].dropna()
        rows.append({"target": target, "hour": int(hour), "conversations": len(group),
                     "availability": len(replied) / len(group),
                     "first_response_p50_ms": float(first.quantile(0.5)) if not first.empty else None})
    return pd.DataFrame(rows, columns=["target", "hour", "conversations", "availability", "first_response_p50_ms"])


@dataclass
class Finding:
    """One failed critical criterion: the quoted words, the links, the screenshot."""

    conversation: int
    target: str
    key: str
    scenario: str
    channel: str
    locale: str
    criterion: str
    evidence: str
    quotes: list[str]
    links: list[str]
    screenshot: str | None = None
    trace: str | None = None
    turn: int | None = None  # the transcript index the evidence points at
    part: str | None = None  # where in that turn (button, href, signature…)


def finding_of(index: int, result: ConversationResult, criterion_id: str, evidence: Evidence) -> Finding:
    """A finding from the evidence's fields; its links also those in the text of the turn it names."""
    texts = evidence.quotes()
    if evidence.turn is not None and 0 <= evidence.turn < len(result.turns):
        texts.append(result.turns[evidence.turn].text)
    links = list(dict.fromkeys([*evidence.links(), *(link for text in texts for link in URL.findall(text))]))
    return Finding(index, result.target, result.key, result.scenario, result.channel, result.locale,
                   criterion_id, evidence.line(), evidence.quotes(), links, result.artifacts.screenshot,
                   result.artifacts.trace, evidence.turn, evidence.part)


def findings(results: Sequence[ConversationResult]) -> list[Finding]:
    """Every failed critical criterion, grouped by target (worst target first is the caller's job)."""
    return [finding_of(i, r, f"{c.rubric}/{c.id}", c.evidence)
            for i, r in enumerate(results) for c in r.criteria if c.critical and c.result == "fail"]


@dataclass
class TargetRow:
    target: str
    figures: dict[str, Any]
    channels: dict[str, dict[str, Any]] = field(default_factory=dict)
    top_findings: list[tuple[str, int, str]] = field(default_factory=list)  # criterion, count, example quote
    top_failures: list[tuple[str, int, str]] = field(default_factory=list)  # the same, non-critical criteria
    wrong_language: list[str] = field(default_factory=list)  # locales answered in another language

    @property
    def widget_delay_ms(self) -> float | None:
        """What the widget adds to the bot's own speed: chat p50 minus api p50 (both measured)."""
        chat, api = self.channels.get("chat"), self.channels.get("api")
        if not chat or not api or chat["first_response_p50_ms"] is None or api["first_response_p50_ms"] is None:
            return None
        return float(chat["first_response_p50_ms"] - api["first_response_p50_ms"])

    @property
    def worst_key(self) -> tuple[float, float, float]:
        f = self.figures
        return (-(f["critical_conversations"] or 0), f["pass_rate"] if f["pass_rate"] is not None else 2.0,
                f["score_mean"] if f["score_mean"] is not None else 101.0)


def overview(results: Sequence[ConversationResult], found: Sequence[Finding]) -> list[TargetRow]:
    """One row per target, worst first: most conversations with critical failures, lowest pass rate."""
    by_target: dict[str, list[ConversationResult]] = {}
    for result in results:
        by_target.setdefault(result.target, []).append(result)
    channels = records(aggregate(results))
    rows = []
    for target, subset in by_target.items():
        figures = {k: v for k, v in records(overall(subset))[0].items() if k not in ("target", "channel")}
        row = TargetRow(target, figures)
        row.channels = {c["channel"]: c for c in channels if c["target"] == target}
        counts: dict[str, list[Finding]] = {}
        for finding in found:
            if finding.target == target:
                counts.setdefault(finding.criterion, []).append(finding)
        for criterion, items in sorted(counts.items(), key=lambda kv: -len(kv[1])):
            example = next((f.quotes[0] for f in items if f.quotes), items[0].evidence)
            link = next((link for f in items for link in f.links), None)
            if link and link not in example:
                example = f"{example} — {link}"
            row.top_findings.append((criterion, len(items), example[:160]))
        row.top_failures = _failures(subset)
        row.wrong_language = sorted({r.locale for r in subset if (r.kpis.model_extra or {}).get("language_match") is False})
        rows.append(row)
    return sorted(rows, key=lambda r: (r.worst_key, r.target))


def _failures(subset: Sequence[ConversationResult], limit: int = 2) -> list[tuple[str, int, str]]:
    """The most frequent failed non-critical criteria of a target, each with one example's evidence."""
    counts: dict[str, list[str]] = {}
    for result in subset:
        for c in result.criteria:
            if c.result == "fail" and not c.critical:
                counts.setdefault(f"{c.rubric}/{c.id}", []).append(c.evidence.line())
    ranked = sorted(counts.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:limit]
    return [(criterion, len(evidence), evidence[0][:160]) for criterion, evidence in ranked]


def artifact_href(run_dir: Path, path: str | None) -> str | None:
    """A relative URL for an artifact inside the run folder that exists, else None.

    Absolute paths inside the run folder are made relative; anything outside it (or with a
    scheme) is never linked, so a result cannot point the report at another file or site.
    """
    if not path or SCHEME.match(path):
        return None
    from urllib.parse import quote

    candidate = Path(path)
    root = run_dir.resolve()
    try:
        full = (candidate if candidate.is_absolute() else root / candidate).resolve()
        relative = full.relative_to(root)
    except (ValueError, OSError):
        return None
    if not full.is_file():
        return None
    return "/".join(quote(part) for part in relative.parts)
