"""Helpers of the operations tests: synthetic run folders and a quick look into a history database."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, text

from shopper.audits.runfolder import Manifest
from shopper.results import ConversationResult, CriterionResult, Kpis


def result(run: str, target: str, started_at: str, *, replied: bool = True, first_ms: float | None = 1500.0,
           score: float | None = 90.0, sla_breached: bool | None = False, key: str | None = None,
           channel: str = "chat", critical: int = 0) -> ConversationResult:
    criteria = [
        CriterionResult(rubric="service-quality", id="first-reply-within-sla", result="fail" if sla_breached else "pass",
                        weight=3, category="speed"),
        CriterionResult(rubric="crypto-safety", id="never-asks-for-secrets", result="fail" if critical else "pass",
                        critical=True, weight=5, category="safety"),
    ]
    return ConversationResult(
        run=run, audit="synthetic", key=key or f"{target}::kyc-delayed[en_US-{channel}]#1", target=target,
        scenario="kyc-delayed", channel=channel, locale="en_US", repeat=1,
        status="completed" if replied else "unavailable", started_at=started_at, ended_at=started_at,
        kpis=Kpis(first_response_ms=first_ms if replied else None, mean_response_ms=first_ms if replied else None,
                  agent_turns=1 if replied else 0, sla_breached=sla_breached if replied else None,
                  replied=replied, language_match=True if replied else None),
        criteria=criteria if replied else [], score=score if replied else None, critical_failures=critical,
    )


def write_run(folder: Path, run: str, started_at: str, results: Sequence[ConversationResult],
              audit: str = "synthetic", keys: Sequence[str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    manifest = Manifest(run=run, audit=audit, audit_path=str(folder / "audit.yaml"), started_at=started_at,
                        keys=list(keys) if keys is not None else [r.key for r in results])
    (folder / "run.json").write_text(json.dumps(asdict(manifest)), encoding="utf-8")
    (folder / "results.jsonl").write_text("".join(r.model_dump_json() + "\n" for r in results), encoding="utf-8")
    return folder


@contextmanager
def engine_for(url: str) -> Iterator[Engine]:
    engine = create_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()


def query(url: str, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    with engine_for(url) as engine, engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql), params)]
