"""Alembic environment: online migrations on the connection handed over in the Config."""

from __future__ import annotations

from alembic import context

from shopper.operations.history import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
