"""A run folder on disk: its manifest, its append-only results, and what resume needs.

``results.jsonl`` is append-and-flush (and fsync), one line per finished conversation. A run
killed mid-write leaves at most one torn last line; :func:`repair` cuts it off before a resume
appends, so every finished conversation is there exactly once.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from shopper.results import ConversationResult, read_results

RESULTS = "results.jsonl"
MANIFEST = "run.json"
ARTIFACTS = "artifacts"


def conversation_slug(key: str, limit: int = 80) -> str:
    """A file-name-safe slug of a conversation key, hash-truncated when long (playwright-pytest)."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", key).strip("-.") or "conversation"
    if len(slug) <= limit and slug == key:
        return slug
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]
    return f"{slug[: limit - 9]}-{digest}"


def conversation_artifacts(run_dir: Path, key: str, attempt: int = 1) -> Path:
    """Where one conversation's evidence goes: ``artifacts/<slug>/`` (``attempt-N/`` inside it
    for a retry), so no two conversations, nor two attempts, ever write the same file."""
    folder = run_dir / ARTIFACTS / conversation_slug(key)
    return folder if attempt <= 1 else folder / f"attempt-{attempt}"


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
