"""History: runs, conversations, criteria and the scheduler's log.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("run_id", sa.String(200), nullable=False),
        sa.Column("audit", sa.String(200), nullable=False),
        sa.Column("started_at", UTC_TIME, nullable=False),
        sa.Column("shard", sa.String(20), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("planned", sa.Integer, nullable=False),
        sa.Column("imported_at", UTC_TIME, nullable=False),
        sa.UniqueConstraint("run_id", "shard", name="uq_runs_run_shard"),
    )
    op.create_index("ix_runs_audit", "runs", ["audit"])
    op.create_index("ix_runs_started_at", "runs", ["started_at"])
    op.create_table(
        "conversations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("run_pk", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"), nullable=False),
        sa.Column("key", sa.String(400), nullable=False),
        sa.Column("target", sa.String(200), nullable=False),
        sa.Column("scenario", sa.String(200), nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("locale", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("started_at", UTC_TIME, nullable=False),
        sa.Column("hour", sa.Integer, nullable=False),
        sa.Column("weekday", sa.Integer, nullable=False),
        sa.Column("first_response_ms", sa.Float),
        sa.Column("mean_response_ms", sa.Float),
        sa.Column("score", sa.Float),
        sa.Column("critical_failures", sa.Integer, nullable=False),
        sa.Column("sla_breached", sa.Boolean),
        sa.Column("handed_off", sa.Boolean, nullable=False),
        sa.Column("language_match", sa.Boolean),
        sa.Column("resolved", sa.Boolean),
        sa.Column("available", sa.Boolean, nullable=False),
        sa.Column("passed", sa.Boolean, nullable=False),
        sa.UniqueConstraint("run_pk", "key", name="uq_conversations_run_key"),
    )
    op.create_index("ix_conversations_run_pk", "conversations", ["run_pk"])
    op.create_index("ix_conversations_target", "conversations", ["target"])
    op.create_index("ix_conversations_started_at", "conversations", ["started_at"])
    op.create_table(
        "criteria",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("conversation_pk", sa.Integer, sa.ForeignKey("conversations.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("rubric", sa.String(200), nullable=False),
        sa.Column("criterion", sa.String(200), nullable=False),
        sa.Column("result", sa.String(8), nullable=False),
        sa.Column("critical", sa.Boolean, nullable=False),
        sa.Column("weight", sa.Float, nullable=False),
        sa.Column("category", sa.String(100)),
    )
    op.create_index("ix_criteria_conversation_pk", "criteria", ["conversation_pk"])
    op.create_table(
        "schedule_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("audit", sa.String(200), nullable=False),
        sa.Column("slot", UTC_TIME, nullable=False),
        sa.Column("event", sa.String(20), nullable=False),
        sa.Column("run_id", sa.String(200)),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("recorded_at", UTC_TIME, nullable=False),
    )
    op.create_index("ix_schedule_events_audit", "schedule_events", ["audit"])


def downgrade() -> None:
    op.drop_table("schedule_events")
    op.drop_table("criteria")
    op.drop_table("conversations")
    op.drop_table("runs")
