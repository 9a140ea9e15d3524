"""A run folder on disk: its manifest, its append-only results, and what resume needs.

``results.jsonl`` is append-and-flush (and fsync), one line per finished conversation. A run
killed mid-write leaves at most one torn last line; :func:`repair` cuts it off before a resume
appends, so every finished conversation is there exactly once.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from shopper.results import ConversationResult, read_results
from shopper.runfiles import MANIFEST, RunFolder


def conversation_artifacts(run_dir: Path, key: str, attempt: int = 1) -> Path:
    """Where one conversation's evidence goes (see :meth:`RunFolder.conversation`)."""
    return RunFolder(run_dir).conversation(key, attempt)


@dataclass(frozen=True)
class Manifest:
    """What a run set out to do; written before the first conversation starts."""

    run: str
    audit: str
    audit_path: str
    started_at: str
    keys: list[str]
    shard: str | None = None
    version: str = ""

    def write(self, folder: Path) -> None:
        tmp = folder / (MANIFEST + ".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2, ensure_ascii=False), encoding="utf-8")
        tmp.replace(folder / MANIFEST)

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return cls(**data)


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def default_run_dir(reports: Path, audit: str, started: datetime) -> Path:
    """``reports/<audit>/<UTC timestamp>/``, made unique if two runs start in one second."""
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    folder = reports / audit / stamp
    suffix = 1
    while folder.exists():
        suffix += 1
        folder = reports / audit / f"{stamp}-{suffix}"
    return folder


def repair(path: Path) -> None:
    """Cut a torn last line (a run killed mid-write) so appends start on a fresh line."""
    if not path.exists():
        return
    with path.open("rb+") as handle:
        data = handle.read()
        if data and not data.endswith(b"\n"):
            handle.truncate(data.rfind(b"\n") + 1)


def finished_keys(path: Path) -> set[str]:
    if not path.exists():
        return set()
    return {result.key for result in read_results(path)}


class ResultsWriter:
    """Appends one record per line, flushed and synced: a crash loses nothing finished."""

    def __init__(self, path: Path) -> None:
        repair(path)
        self._handle = path.open("a", encoding="utf-8")

    def append(self, result: ConversationResult) -> None:
        self._handle.write(result.model_dump_json() + "\n")
        self._handle.flush()
        os.fsync(self._handle.fileno())

    def close(self) -> None:
        self._handle.close()
