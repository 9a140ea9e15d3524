"""Serve a run folder on loopback (``shopper show-report``), as ``playwright show-report`` does."""

from __future__ import annotations

import logging
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from shopper.runfiles import INDEX, RESULTS, RunFolder

log = logging.getLogger(__name__)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        log.debug("show-report: " + format, *args)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()


def newest_run(reports: Path) -> Path | None:
    """The most recently written run folder under ``reports`` (one with a results.jsonl)."""
    runs = [p.parent for p in reports.glob(f"**/{RESULTS}")]
    return max(runs, key=lambda p: RunFolder(p).results.stat().st_mtime, default=None)


class ReportServer:
    """A ThreadingHTTPServer on 127.0.0.1 (port 0: a free one) serving one folder, in a thread."""

    def __init__(self, folder: Path, port: int = 0) -> None:
        handler = partial(_QuietHandler, directory=str(folder))
        self._server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self._thread = threading.Thread(target=self._server.serve_forever, name="show-report", daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/{INDEX}"

    def __enter__(self) -> ReportServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
