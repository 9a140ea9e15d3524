"""The run folder's layout: the one place a run file's name is spelt.

A run is a folder (``reports/<audit>/<UTC timestamp>/``) holding what the run set out to do
(``run.json``), one record per conversation (``results.jsonl``), the reports rendered from those
records, and ``artifacts/<conversation>/`` with each conversation's own evidence. Every module
that reads or writes a run asks :class:`RunFolder` for the path, so a name changes in one place
and no two writers can disagree on it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

RESULTS = "results.jsonl"
MANIFEST = "run.json"
ARTIFACTS = "artifacts"
SUMMARY_JSON = "summary.json"
SUMMARY_MD = "summary.md"
RESULTS_CSV = "results.csv"
JUNIT = "junit.xml"
INDEX = "index.html"


def conversation_slug(key: str, limit: int = 80) -> str:
    """A file-name-safe slug of a conversation key, hash-truncated when long (playwright-pytest)."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", key).strip("-.") or "conversation"
    if len(slug) <= limit and slug == key:
        return slug
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]
    return f"{slug[: limit - 9]}-{digest}"


@dataclass(frozen=True)
class RunFolder:
    """Paths of one run folder's files."""

    path: Path

    @property
    def results(self) -> Path:
        return self.path / RESULTS

    @property
    def manifest(self) -> Path:
        return self.path / MANIFEST

    @property
    def artifacts(self) -> Path:
        return self.path / ARTIFACTS

    @property
    def index(self) -> Path:
        return self.path / INDEX

    def reports(self) -> tuple[Path, Path, Path, Path, Path]:
        """summary.json, summary.md, results.csv, junit.xml, index.html."""
        return (self.path / SUMMARY_JSON, self.path / SUMMARY_MD, self.path / RESULTS_CSV,
                self.path / JUNIT, self.index)  # fmt: skip

    def conversation(self, key: str, attempt: int = 1) -> Path:
        """Where one conversation's evidence goes: ``artifacts/<slug>/`` (``attempt-N/`` inside it
        for a retry), so no two conversations, nor two attempts, ever write the same file."""
        folder = self.artifacts / conversation_slug(key)
        return folder if attempt <= 1 else folder / f"attempt-{attempt}"

    def demo_truth(self, target: str) -> Path:
        """The embedded demo platform's ground truth for one target (secrets redacted)."""
        return self.artifacts / f"demo-{target}.truth.jsonl"

    def is_run(self) -> bool:
        return self.results.is_file()
