"""A loopback webhook receiver for alert tests: records JSON bodies, can fail the first requests."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Receiver:
    url: str = ""
    fail_first: int = 0  # answer 500 to this many requests first
    hold: threading.Event | None = None  # when set, requests wait for it before answering
    bodies: list[Any] = field(default_factory=list)
    requests: int = 0
    got: threading.Event = field(default_factory=threading.Event)  # a body was accepted


@contextmanager
def webhook(fail_first: int = 0, hold: threading.Event | None = None) -> Iterator[Receiver]:
    receiver = Receiver(fail_first=fail_first, hold=hold)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            receiver.requests += 1
            if receiver.hold is not None:
                receiver.hold.wait(30)
            if receiver.requests <= receiver.fail_first:
                self.send_response(500)
                self.end_headers()
                return
            receiver.bodies.append(json.loads(body))
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"ok")
            receiver.got.set()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        if hold is not None:
            hold.set()
        server.shutdown()
        server.server_close()
        thread.join(5)
