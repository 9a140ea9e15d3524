"""The trend charts, drawn with matplotlib's object API (no pyplot state) as standalone SVG.

The SVG is self-contained (fonts as text, no metadata block, no links); the HTML embeds it as a
``data:`` image, which runs nothing and loads nothing, so the page's CSP stays strict.
"""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from shopper.operations.trend import WEEKDAYS, TrendData

if TYPE_CHECKING:
    import pandas as pd

RC: Any = {"svg.fonttype": "none", "svg.hashsalt": "shopper-trend", "font.size": 9,
           "axes.spines.top": False, "axes.spines.right": False}
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)


@dataclass(frozen=True)
class Chart:
    name: str  # file stem and element id: heatmap, score, …
    title: str
    alt: str
    svg: str

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode("ascii")


def _svg(fig: Any) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    return _METADATA.sub("", buffer.getvalue())


def _series_chart(over_time: pd.DataFrame, name: str, title: str, columns: dict[str, str], ylabel: str,
                  scale: float = 1.0, ylim: tuple[float, float] | None = None) -> Chart | None:
    import matplotlib
    from matplotlib.figure import Figure

    if over_time.empty or over_time[list(columns)].isna().all().all():
        return None
    styles = ("-", "--", ":")
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(7.5, 3.0))
        ax = fig.add_subplot()
        for (target, channel), group in over_time.groupby(["target", "channel"], sort=True):
            for style, (column, label) in zip(styles, columns.items(), strict=False):
                values = group[column].astype(float) * scale
                ax.plot(group["run_started"], values, style, marker="o", markersize=3,
                        label=f"{target} · {channel}{' ' + label if label else ''}")
        ax.set_ylabel(ylabel)
        if ylim:
            ax.set_ylim(*ylim)
        ax.legend(fontsize=7, loc="best")
        fig.autofmt_xdate()
        ax.set_gid(f"chart-{name}")
        return Chart(name, title, f"{title}, one line per target and channel, one point per run", _svg(fig))


def heatmap_chart(data: TrendData) -> Chart | None:
    """Availability and median first response, hour of day × weekday (UTC), side by side."""
    import matplotlib
    import numpy
    from matplotlib.figure import Figure

    if data.conversations.empty:
        return None
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(9.0, 4.6))
        top, bottom = fig.subplots(2, 1)
        panels = ((top, data.availability, "availability (share that got a reply)", "RdYlGn", (0.0, 1.0)),
                  (bottom, data.response_s, "median first response (s)", "viridis_r", None))
        for ax, grid, label, cmap, limits in panels:
            vmin, vmax = limits if limits else (None, None)
            values = numpy.ma.masked_invalid(grid.to_numpy(dtype=float))  # blank where nothing ran
            image = ax.pcolormesh(values, cmap=cmap, vmin=vmin, vmax=vmax, edgecolors="white", linewidth=0.5)
            ax.set_yticks([d + 0.5 for d in range(7)], WEEKDAYS)
            ax.invert_yaxis()
            ax.set_xticks([h + 0.5 for h in range(24)], [str(h) for h in range(24)], fontsize=7)
            ax.set_title(label, fontsize=9)
            bar = fig.colorbar(image, ax=ax, fraction=0.03)
            if bar.solids is not None:
                bar.solids.set_rasterized(False)  # vector, like the cells: no embedded bitmap
        bottom.set_xlabel("hour of day (UTC); blank cells: nothing ran")
        top.set_gid("heatmap-availability")
        bottom.set_gid("heatmap-response")
        fig.subplots_adjust(hspace=0.45)
        return Chart("heatmap", "Hour of day × weekday",
                     "Heatmaps of availability and median first response by UTC hour and weekday", _svg(fig))


def sla_chart(data: TrendData) -> Chart | None:
    import matplotlib
    from matplotlib.figure import Figure

    daily = data.sla_daily.dropna(subset=["sla_breach_rate"])
    if daily.empty:
        return None
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(7.5, 2.6))
        ax = fig.add_subplot()
        ax.bar(daily["day"], daily["sla_breach_rate"].astype(float) * 100, color="#c0504d")
        ax.set_ylabel("SLA breached (%)")
        ax.set_ylim(0, 100)
        ax.set_gid("chart-sla")
        fig.autofmt_xdate()
        return Chart("sla", "SLA breach rate per day", "Bar chart of the share of conversations per UTC day "
                     "whose first response broke the SLA", _svg(fig))


def charts(data: TrendData) -> list[Chart]:
    found = [
        _series_chart(data.over_time, "score", "Score", {"score_mean": ""}, "mean score", ylim=(0, 100)),
        _series_chart(data.over_time, "first-response", "First response p50 / p90",
                      {"first_response_p50_ms": "p50", "first_response_p90_ms": "p90"}, "seconds", scale=0.001),
        _series_chart(data.over_time, "availability", "Availability", {"availability": ""},
                      "share that got a reply", ylim=(0, 1.05)),
        heatmap_chart(data),
        sla_chart(data),
    ]
    return [chart for chart in found if chart is not None]
