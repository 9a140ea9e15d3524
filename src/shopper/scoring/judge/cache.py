"""Judge answers on disk, keyed by a hash of (model, prompt): a re-score asks nothing twice.

The key never includes the API key, and only well-formed answers are kept, so a timeout or a
429 is asked again next time rather than remembered.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/shopper/judge``, else ``~/.cache/shopper/judge``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "shopper" / "judge"


def cache_key(model: str, messages: list[dict[str, str]]) -> str:
    return hashlib.sha256(json.dumps([model, messages], ensure_ascii=False).encode("utf-8")).hexdigest()


class AnswerCache:
    """One small JSON file per answer, written to a temp name then renamed (safe across threads)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> str | None:
        path = self._path(key)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        content = data.get("content") if isinstance(data, dict) else None
        return content if isinstance(content, str) else None

    def put(self, key: str, model: str, content: str) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.{id(content)}.tmp")
        tmp.write_text(json.dumps({"model": model, "content": content}, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
