"""Charts drawn server-side with matplotlib, embedded as SVG ``data:`` images.

An SVG in an ``<img>`` runs no script and loads nothing, so the page needs no chart library
and its Content-Security-Policy stays strict (``img-src data:``). Figures are built with the
object API (no pyplot state), so rendering is safe in a thread.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from shopper.results import DEFAULT_SLA_S, ConversationResult

RC: Any = {"svg.fonttype": "none", "svg.hashsalt": "shopper", "font.size": 9, "axes.spines.top": False,
      "axes.spines.right": False}


@dataclass(frozen=True)
class Chart:
    title: str
    alt: str
    src: str  # data:image/svg+xml;base64,…


def _to_chart(fig: object, title: str, alt: str) -> Chart:
    from matplotlib.figure import Figure

    assert isinstance(fig, Figure)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    return Chart(title, alt, "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii"))


def applied_sla_s(results: Sequence[ConversationResult]) -> dict[str, float]:
    """Per channel, the SLA the run applied (recorded in each result's KPIs; the default for old records)."""
    found: dict[str, float] = {}
    for r in results:
        if r.kpis.sla_ms is not None:
            found.setdefault(r.channel, r.kpis.sla_ms / 1000)
    return {**DEFAULT_SLA_S, **found}


def first_response_chart(results: Sequence[ConversationResult]) -> Chart | None:
    """Box plot of first-response times (log seconds) per target and channel, SLA marked."""
    import matplotlib
    from matplotlib.figure import Figure

    groups: dict[tuple[str, str], list[float]] = {}
    for r in results:
        if r.kpis.first_response_ms is not None:
            groups.setdefault((r.target, r.channel), []).append(r.kpis.first_response_ms / 1000)
    if not groups:
        return None
    labels = sorted(groups, reverse=True)
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(7.5, 0.9 + 0.32 * len(labels)))
        ax = fig.add_subplot()
        ax.boxplot([groups[k] for k in labels], orientation="horizontal", widths=0.6, showfliers=True,
                   flierprops={"markersize": 2, "alpha": 0.4})
        ax.set_yticks(range(1, len(labels) + 1), [f"{t} · {c}" for t, c in labels])
        ax.set_xscale("log")
        ax.set_xlabel("first response (seconds, log scale)")
        for channel, seconds in applied_sla_s(results).items():
            if any(c == channel for _, c in labels):
                ax.axvline(seconds, color="#c0392b", linestyle="--", linewidth=0.8)
                ax.annotate(f"{channel} SLA", (seconds, len(labels) + 0.4), color="#c0392b", fontsize=7,
                            annotation_clip=False)
        return _to_chart(fig, "First response per target and channel",
                         "Box plot of first-response times per target and channel, with the SLA lines.")


def category_chart(scores: pd.DataFrame) -> Chart | None:
    """Grouped bars: score (0-100) by rubric category per target."""
    import matplotlib
    from matplotlib.figure import Figure

    if scores.empty:
        return None
    table = scores.pivot(index="target", columns="category", values="score").sort_index(ascending=False)
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(7.5, 1.0 + 0.5 * len(table)))
        ax = fig.add_subplot()
        table.plot.barh(ax=ax, width=0.8)
        ax.set_xlim(0, 100)
        ax.set_xlabel("score by category (0–100)")
        ax.set_ylabel("")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), fontsize=7, frameon=False, ncols=len(table.columns))
        return _to_chart(fig, "Score by rubric category",
                         "Bars of each target's score per rubric category (safety, speed, language, quality).")


def hourly_chart(hours: pd.DataFrame) -> Chart | None:
    """Availability and median first response by UTC hour of day, one line per target."""
    import matplotlib
    from matplotlib.figure import Figure

    if hours.empty or hours["hour"].nunique() < 2:
        return None
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(7.5, 4.2))
        top, bottom = fig.subplots(2, 1, sharex=True)
        for target, group in hours.groupby("target", sort=True):
            top.plot(group["hour"], 100 * group["availability"], marker="o", markersize=3, label=str(target))
            p50 = group.dropna(subset=["first_response_p50_ms"])
            bottom.plot(p50["hour"], p50["first_response_p50_ms"] / 1000, marker="o", markersize=3)
        top.set_ylabel("availability %")
        top.set_ylim(0, 105)
        top.legend(fontsize=7, frameon=False, ncols=3, loc="lower left")
        bottom.set_yscale("log")
        bottom.set_ylabel("first response p50 (s)")
        bottom.set_xlabel("hour of day (UTC)")
        return _to_chart(fig, "By hour of day", "Availability and median first response per target by hour.")
