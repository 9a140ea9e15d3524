"""Trends from the history database: the figures of `shopper trend`, as pandas tables.

Every aggregate over a group of conversations is :mod:`shopper.scoring.kpis`' own summary of
the same per-conversation columns, so a trend point for one run equals that run's report. Times
are UTC: the hour-of-day × weekday heatmap answers "is support really there at 3 am on Sunday".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from shopper.operations.history import ConversationRow, RunRow, ScheduleEvent, as_utc

if TYPE_CHECKING:
    import pandas as pd

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
OVER_TIME = ("run_id", "audit", "run_started", "target", "channel", "conversations", "score_mean",
             "first_response_p50_ms", "first_response_p90_ms", "availability", "sla_breach_rate")


@dataclass(frozen=True)
class TrendData:
    audit: str | None
    since: datetime | None
    conversations: pd.DataFrame  # one row per conversation (kpis.frame columns + time columns)
    over_time: pd.DataFrame  # one row per run × target × channel (OVER_TIME)
    availability: pd.DataFrame  # 7 weekdays × 24 hours, share of conversations that got a reply
    response_s: pd.DataFrame  # 7 × 24, median first response in seconds
    sla_daily: pd.DataFrame  # day, conversations, sla_breach_rate
    schedule: pd.DataFrame  # audit, event, count

    @property
    def runs(self) -> int:
        return int(self.conversations["run_id"].nunique()) if not self.conversations.empty else 0


def load_conversations(engine: Engine, audit: str | None = None, since: datetime | None = None) -> pd.DataFrame:
    import pandas as pd

    query = (select(RunRow.run_id, RunRow.audit, RunRow.started_at.label("run_started"), ConversationRow.target,
                    ConversationRow.channel, ConversationRow.scenario, ConversationRow.status,
                    ConversationRow.available.label("replied"), ConversationRow.first_response_ms,
                    ConversationRow.mean_response_ms, ConversationRow.sla_breached, ConversationRow.resolved,
                    ConversationRow.handed_off, ConversationRow.language_match,
                    ConversationRow.critical_failures, ConversationRow.score, ConversationRow.passed,
                    ConversationRow.started_at, ConversationRow.hour, ConversationRow.weekday)
             .join(RunRow, ConversationRow.run_pk == RunRow.id)
             .order_by(RunRow.started_at, ConversationRow.key))
    if audit is not None:
        query = query.where(RunRow.audit == audit)
    if since is not None:
        query = query.where(RunRow.started_at >= since)
    with Session(engine) as session:
        rows = [dict(row) for row in session.execute(query).mappings()]
    data = pd.DataFrame(rows, columns=[c.name for c in query.selected_columns])
    for column in ("run_started", "started_at"):
        data[column] = pd.to_datetime([as_utc(moment) for moment in data[column]], utc=True)
    for column in ("replied", "handed_off", "passed"):
        data[column] = data[column].astype(bool)
    return data


def _over_time(data: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    from shopper.scoring.kpis import summarize  # the one definition of every aggregate

    rows: list[dict[str, Any]] = []
    for (run_id, audit, started, target, channel), group in data.groupby(
            ["run_id", "audit", "run_started", "target", "channel"], sort=True):
        rows.append({"run_id": run_id, "audit": audit, "run_started": started, "target": target,
                     "channel": channel, **summarize(group)})
    table = pd.DataFrame(rows, columns=[*OVER_TIME[:5], *_summary_columns()])
    return table.sort_values(["run_started", "target", "channel"]).reset_index(drop=True)[list(OVER_TIME)]


def _summary_columns() -> list[str]:
    from shopper.scoring.kpis import COLUMNS

    return list(COLUMNS[2:])


def _grid(data: pd.DataFrame, values: pd.Series) -> pd.DataFrame:
    """A weekday × hour table of ``values`` (NaN where nothing ran)."""
    import pandas as pd

    table = pd.DataFrame({"weekday": data["weekday"], "hour": data["hour"], "value": values})
    grid = table.groupby(["weekday", "hour"])["value"].agg("mean" if values.dtype == bool else "median")
    full = grid.unstack("hour").reindex(index=range(7), columns=range(24))
    full.index = pd.Index(WEEKDAYS, name="weekday")
    return full.astype(float)


def _sla_daily(data: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    from shopper.scoring.kpis import rate

    days = data["started_at"].dt.strftime("%Y-%m-%d")
    rows = [{"day": day, "conversations": len(group), "sla_breach_rate": rate(group["sla_breached"])}
            for day, group in data.groupby(days, sort=True)]
    return pd.DataFrame(rows, columns=["day", "conversations", "sla_breach_rate"])


def _schedule(engine: Engine, audit: str | None, since: datetime | None) -> pd.DataFrame:
    import pandas as pd

    query = select(ScheduleEvent.audit, ScheduleEvent.event, func.count().label("count")).group_by(
        ScheduleEvent.audit, ScheduleEvent.event).order_by(ScheduleEvent.audit, ScheduleEvent.event)
    if audit is not None:
        query = query.where(ScheduleEvent.audit == audit)
    if since is not None:
        query = query.where(ScheduleEvent.slot >= since)
    with Session(engine) as session:
        rows = [dict(row) for row in session.execute(query).mappings()]
    return pd.DataFrame(rows, columns=["audit", "event", "count"])


def compute(engine: Engine, audit: str | None = None, since: datetime | None = None) -> TrendData:
    data = load_conversations(engine, audit, since)
    replied = data[data["replied"]]
    response = (replied["first_response_ms"].astype(float) / 1000).reindex(data.index)
    return TrendData(
        audit=audit, since=since, conversations=data, over_time=_over_time(data),
        availability=_grid(data, data["replied"]), response_s=_grid(data, response.astype(float)),
        sla_daily=_sla_daily(data), schedule=_schedule(engine, audit, since),
    )


def latest_runs(engine: Engine, audit: str | None = None) -> list[RunRow]:
    """The newest run of each audit (of ``audit`` only, if given): what the alerts judge."""
    newest = select(RunRow.audit, func.max(RunRow.started_at).label("newest")).group_by(RunRow.audit)
    if audit is not None:
        newest = newest.where(RunRow.audit == audit)
    sub = newest.subquery()
    query = select(RunRow).join(sub, (RunRow.audit == sub.c.audit) & (RunRow.started_at == sub.c.newest))
    with Session(engine, expire_on_commit=False) as session:
        return list(session.scalars(query.order_by(RunRow.audit, RunRow.shard)))
