"""The history database: every run, one row per conversation with its KPIs, one per criterion.

SQLAlchemy 2 models over any SQLAlchemy URL (SQLite by default, PostgreSQL for a team); the
schema is made by the Alembic migrations shipped in :mod:`shopper.operations.migrations`, never
by ``create_all``, so a team database upgrades in place. :func:`import_run` is idempotent: a
run already there is replaced in one transaction (a resumed run re-imports with its new rows).

Per-conversation figures come from :func:`shopper.scoring.kpis.frame`, the same table every
report aggregate is computed from, so history and reports cannot disagree.
"""

from __future__ import annotations

import os
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    delete,
    select,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

from shopper.results import ConversationResult

DEFAULT_URL = "sqlite:///reports/history.sqlite"
URL_ENV = "SHOPPER_HISTORY_URL"


class Base(DeclarativeBase):
    pass


class RunRow(Base):
    """One run folder (or one shard of a run)."""

    __tablename__ = "runs"
    __table_args__ = (UniqueConstraint("run_id", "shard", name="uq_runs_run_shard"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[str] = mapped_column(String(200))
    audit: Mapped[str] = mapped_column(String(200), index=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    shard: Mapped[str] = mapped_column(String(20), default="")  # "" when not sharded
    source: Mapped[str] = mapped_column(Text)  # the run folder it was imported from
    planned: Mapped[int] = mapped_column(Integer)  # conversations the run set out to hold
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    conversations: Mapped[list[ConversationRow]] = relationship(
        back_populates="run", cascade="all, delete-orphan", passive_deletes=True)


class ConversationRow(Base):
    __tablename__ = "conversations"
    __table_args__ = (UniqueConstraint("run_pk", "key", name="uq_conversations_run_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_pk: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(400))
    target: Mapped[str] = mapped_column(String(200), index=True)
    scenario: Mapped[str] = mapped_column(String(200))
    channel: Mapped[str] = mapped_column(String(20))
    locale: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    hour: Mapped[int] = mapped_column(Integer)  # hour of day, UTC
    weekday: Mapped[int] = mapped_column(Integer)  # 0 Monday … 6 Sunday, UTC
    first_response_ms: Mapped[float | None] = mapped_column(Float)
    mean_response_ms: Mapped[float | None] = mapped_column(Float)
    score: Mapped[float | None] = mapped_column(Float)
    critical_failures: Mapped[int] = mapped_column(Integer)
    sla_breached: Mapped[bool | None] = mapped_column(Boolean)
    handed_off: Mapped[bool] = mapped_column(Boolean)
    language_match: Mapped[bool | None] = mapped_column(Boolean)
    resolved: Mapped[bool | None] = mapped_column(Boolean)
    available: Mapped[bool] = mapped_column(Boolean)  # got any agent reply
    passed: Mapped[bool] = mapped_column(Boolean)
    run: Mapped[RunRow] = relationship(back_populates="conversations")
    criteria: Mapped[list[CriterionRow]] = relationship(
        back_populates="conversation", cascade="all, delete-orphan", passive_deletes=True)


class CriterionRow(Base):
    __tablename__ = "criteria"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_pk: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    rubric: Mapped[str] = mapped_column(String(200))
    criterion: Mapped[str] = mapped_column(String(200))
    result: Mapped[str] = mapped_column(String(8))  # pass | fail | na
    critical: Mapped[bool] = mapped_column(Boolean)
    weight: Mapped[float] = mapped_column(Float)
    category: Mapped[str | None] = mapped_column(String(100))
    conversation: Mapped[ConversationRow] = relationship(back_populates="criteria")


class ScheduleEvent(Base):
    """What the scheduler did with one cron slot: ran, skipped (overlap), missed, failed…"""

    __tablename__ = "schedule_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    audit: Mapped[str] = mapped_column(String(200), index=True)
    slot: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    event: Mapped[str] = mapped_column(String(20))  # ran | skipped | missed | failed | interrupted
    run_id: Mapped[str | None] = mapped_column(String(200))
    detail: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def resolve_url(url: str | None) -> str:
    """``--db``, else ``$SHOPPER_HISTORY_URL``, else SQLite at ./reports/history.sqlite."""
    return url or os.environ.get(URL_ENV) or DEFAULT_URL


def open_db(url: str | None = None) -> Engine:
    """An engine on the history database, migrated to the latest schema."""
    from shopper.operations.migrate import upgrade

    resolved = resolve_url(url)
    if resolved.startswith("sqlite:///") and resolved != "sqlite:///:memory:":
        Path(resolved.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(resolved)
    upgrade(engine)
    return engine


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def as_utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; every one we store is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@dataclass(frozen=True)
class Imported:
    run_id: str
    audit: str
    conversations: int
    replaced: bool  # the run was there already and its rows were replaced


def _conversation(result: ConversationResult, row: Mapping[Hashable, Any]) -> ConversationRow:
    started = parse_time(result.started_at)
    return ConversationRow(
        key=result.key, target=result.target, scenario=result.scenario, channel=result.channel,
        locale=result.locale, status=str(result.status), started_at=started, hour=started.hour,
        weekday=started.weekday(), first_response_ms=_num(row["first_response_ms"]),
        mean_response_ms=_num(row["mean_response_ms"]), score=_num(row["score"]),
        critical_failures=int(row["critical_failures"]), sla_breached=_flag(row["sla_breached"]),
        handed_off=bool(row["handed_off"]), language_match=_flag(row["language_match"]),
        resolved=_flag(row["resolved"]), available=bool(row["replied"]), passed=bool(row["passed"]),
        criteria=[CriterionRow(rubric=c.rubric, criterion=c.id, result=c.result, critical=c.critical,
                               weight=c.weight, category=c.category) for c in result.criteria],
    )


def _num(value: Any) -> float | None:
    return None if value is None or value != value else float(value)  # NaN -> None


def _flag(value: Any) -> bool | None:
    return None if value is None or value != value else bool(value)


def import_run(engine: Engine, run_dir: Path) -> Imported:
    """Load one run folder into history; re-importing replaces the run's rows, never duplicates."""
    from shopper.audits.runfolder import Manifest
    from shopper.results import read_results
    from shopper.runfiles import MANIFEST, RESULTS
    from shopper.scoring.kpis import frame

    if not (run_dir / MANIFEST).is_file():
        raise FileNotFoundError(f"{run_dir}: not a run folder (no {MANIFEST})")
    manifest = Manifest.read(run_dir)
    results = list(read_results(run_dir / RESULTS)) if (run_dir / RESULTS).exists() else []
    rows = frame(results).to_dict("records")
    shard = manifest.shard or ""
    with Session(engine) as session, session.begin():
        old = session.scalar(select(RunRow.id).where(RunRow.run_id == manifest.run, RunRow.shard == shard))
        if old is not None:  # explicit deletes: SQLite enforces no foreign keys unless asked
            conversation_ids = select(ConversationRow.id).where(ConversationRow.run_pk == old)
            session.execute(delete(CriterionRow).where(CriterionRow.conversation_pk.in_(conversation_ids)))
            session.execute(delete(ConversationRow).where(ConversationRow.run_pk == old))
            session.execute(delete(RunRow).where(RunRow.id == old))
        session.add(RunRow(
            run_id=manifest.run, audit=manifest.audit, started_at=parse_time(manifest.started_at),
            shard=shard, source=str(run_dir.resolve()), planned=len(manifest.keys),
            imported_at=datetime.now(UTC),
            conversations=[_conversation(r, row) for r, row in zip(results, rows, strict=True)],
        ))
    return Imported(manifest.run, manifest.audit, len(results), old is not None)


def import_runs(engine: Engine, run_dirs: Iterable[Path]) -> list[Imported]:
    return [import_run(engine, folder) for folder in run_dirs]


def record_event(engine: Engine, audit: str, slot: datetime, event: str, run_id: str | None = None,
                 detail: str = "") -> None:
    with Session(engine) as session, session.begin():
        session.add(ScheduleEvent(audit=audit, slot=slot, event=event, run_id=run_id, detail=detail,
                                  recorded_at=datetime.now(UTC)))


def last_slot(engine: Engine, audit: str) -> datetime | None:
    """The latest cron slot the scheduler dealt with for ``audit`` (to find slots missed while down)."""
    with Session(engine) as session:
        found = session.scalar(select(ScheduleEvent.slot).where(ScheduleEvent.audit == audit)
                               .order_by(ScheduleEvent.slot.desc()).limit(1))
    return None if found is None else as_utc(found)
