"""The history database on SQLite and a real PostgreSQL: Alembic schema, idempotent import, CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ops_helpers import engine_for, query, result, write_run
from sqlalchemy import inspect

from shopper.operations.history import import_run, open_db
from shopper.operations.migrate import current, downgrade

RUN_STARTED = "2026-11-22T03:15:00.000Z"  # a Sunday, 03 h UTC


def _run_folder(tmp_path: Path, extra: int = 0) -> Path:
    results = [
        result("r1", "good", "2026-11-22T03:15:02.000Z", first_ms=1200.0, score=95.0),
        result("r1", "slow", "2026-11-22T03:15:03.000Z", first_ms=90_000.0, score=40.0, sla_breached=True),
        result("r1", "down", "2026-11-22T03:15:04.000Z", replied=False),
    ]
    results += [result("r1", "good", "2026-11-22T03:16:00.000Z", key=f"good::extra#{n}") for n in range(extra)]
    return write_run(tmp_path / "run", "r1", RUN_STARTED, results)


def test_the_schema_comes_from_the_alembic_migration(db_url: str) -> None:
    engine = open_db(db_url)
    try:
        assert current(engine) == "0001"
        tables = set(inspect(engine).get_table_names())
        assert {"runs", "conversations", "criteria", "schedule_events", "alembic_version"} <= tables
        open_db(db_url).dispose()  # a second open leaves a current database alone
        assert current(engine) == "0001"
        downgrade(engine, "base")
        assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    finally:
        engine.dispose()


def test_one_row_per_conversation_with_its_kpis_and_criteria(db_url: str, tmp_path: Path) -> None:
    engine = open_db(db_url)
    try:
        done = import_run(engine, _run_folder(tmp_path))
    finally:
        engine.dispose()
    assert (done.run_id, done.conversations, done.replaced) == ("r1", 3, False)
    rows = query(db_url, "SELECT target, status, hour, weekday, first_response_ms, score, sla_breached, available, "
                         "language_match, passed FROM conversations ORDER BY target")
    assert rows == [
        ("down", "unavailable", 3, 6, None, None, None, False, None, False),
        ("good", "completed", 3, 6, 1200.0, 95.0, False, True, True, True),
        ("slow", "completed", 3, 6, 90_000.0, 40.0, True, True, True, True),
    ]
    criteria = query(db_url, "SELECT c.target, k.criterion, k.result, k.critical FROM criteria k "
                             "JOIN conversations c ON c.id = k.conversation_pk ORDER BY c.target, k.criterion")
    assert ("slow", "first-reply-within-sla", "fail", False) in criteria
    assert ("good", "never-asks-for-secrets", "pass", True) in criteria
    assert len(criteria) == 4, "an unavailable conversation has no criteria rows"
    assert query(db_url, "SELECT run_id, audit, shard, planned FROM runs") == [("r1", "synthetic", "", 3)]


def test_importing_a_run_again_replaces_it_and_never_duplicates(db_url: str, tmp_path: Path) -> None:
    folder = _run_folder(tmp_path)
    engine = open_db(db_url)
    try:
        import_run(engine, folder)
        again = import_run(engine, folder)
        assert again.replaced
        assert query(db_url, "SELECT count(*) FROM runs") == [(1,)]
        assert query(db_url, "SELECT count(*) FROM conversations") == [(3,)]
        assert query(db_url, "SELECT count(*) FROM criteria") == [(4,)]
        grown = _run_folder(tmp_path, extra=2)  # the same run, resumed: two more conversations
        assert import_run(engine, grown).conversations == 5
        assert query(db_url, "SELECT count(*) FROM conversations") == [(5,)]
    finally:
        engine.dispose()


def test_history_import_command(db_url: str, tmp_path: Path) -> None:
    folder = _run_folder(tmp_path)

    def shopper(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "shopper", *args], capture_output=True, text=True,
                              timeout=120, env={**os.environ, "SHOPPER_HISTORY_URL": db_url})

    first = shopper("history", "import", str(folder))
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "imported r1 (synthetic, 3 conversations)"
    second = shopper("history", "import", str(folder))
    assert second.stdout.strip() == "replaced r1 (synthetic, 3 conversations)"
    not_a_run = shopper("history", "import", str(tmp_path))
    assert not_a_run.returncode == 2
    assert "not a run folder" in not_a_run.stderr
    with engine_for(db_url):
        assert query(db_url, "SELECT count(*) FROM conversations") == [(3,)]
