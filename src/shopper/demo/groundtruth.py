"""The ground truth: every message the platform receives or sends, as JSON lines.

Each record is stamped with ``time.time() * 1000`` at the moment of the WebSocket send or
receive, or of the SMTP accept or send, so tests and benchmarks can check the harness's own
timings. Records are kept in memory too (thread-safe: a sync caller reads them from its own
thread while the platform's loop appends).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, Literal

from shopper.redaction import Redactor

Channel = Literal["chat", "email", "api"]
Direction = Literal["in", "out"]


def now_ms() -> float:
    """The one clock of the ground truth: epoch milliseconds."""
    return time.time() * 1000.0


class GroundTruth:
    """An append-only log of messages, in memory and (optionally) in a JSON-lines file."""

    def __init__(self, path: Path | None, redactor: Redactor | None = None) -> None:
        self.path = path
        self._redact = redactor or Redactor(())
        self._records: list[dict[str, Any]] = []
        self._lock = threading.Condition()
        self._handle: IO[str] | None = None

    def open(self) -> None:
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._handle = self.path.open("a", encoding="utf-8")

    def close(self) -> None:
        with self._lock:
            if self._handle is not None:
                self._handle.close()
                self._handle = None

    def record(
        self,
        *,
        channel: Channel,
        direction: Direction,
        profile: str,
        conversation: str,
        text: str,
        kind: str = "message",
        at_ms: float | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "at_ms": now_ms() if at_ms is None else at_ms,
            "channel": channel,
            "direction": direction,
            "profile": profile,
            "conversation": conversation,
            "text": text,
            "kind": kind,
            **extra,
        }
        with self._lock:
            self._records.append(entry)
            if self._handle is not None:
                self._handle.write(self._redact.json_text(json.dumps(entry, ensure_ascii=False)) + "\n")
                self._handle.flush()
            self._lock.notify_all()
        return entry

    def records(self) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(entry) for entry in self._records]

    def wait_for(
        self, predicate: Callable[[list[dict[str, Any]]], bool], timeout: float = 10.0
    ) -> list[dict[str, Any]]:
        """Block until ``predicate(records)`` is true; return the records. Raise TimeoutError.

        Blocking: from a coroutine call it through ``asyncio.to_thread``.
        """
        with self._lock:
            if not self._lock.wait_for(lambda: predicate(self._records), timeout):
                raise TimeoutError("the ground truth did not reach the expected state")
            return [dict(entry) for entry in self._records]
