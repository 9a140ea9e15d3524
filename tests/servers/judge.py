"""A small OpenAI-compatible server for the judge's tests: a real HTTP server on 127.0.0.1:0.

It answers ``POST /v1/chat/completions`` with a verdict chosen by what the prompt holds: the
first :class:`Rule` whose ``contains`` is in the user message (and whose ``criterion``, when
given, is the criterion being asked) decides, quoting ``quote`` (default: ``contains`` itself,
so the quote is in the transcript). ``mode`` makes it misbehave: ``timeout`` holds the request
until the server stops (bounded), ``429`` answers Too Many Requests with ``Retry-After``,
``500`` a server error, ``malformed`` a completion whose content is not JSON. ``failures``
limits the misbehaving to the first N requests, so retries can be seen to work.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Rule:
    contains: str
    result: str  # pass | fail | na
    criterion: str | None = None
    quote: str | None = None
    reason: str = "canned verdict"
    confidence: float = 0.9


@dataclass
class JudgeServer:
    rules: list[Rule] = field(default_factory=list)
    mode: str = "ok"  # ok | timeout | 429 | 500 | malformed
    retry_after: str = "0"
    failures: int | None = None  # misbehave only on the first N requests (None: always)
    delay_s: float = 0.0  # how long a good answer takes (to see requests overlap)
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    url: str = ""
    in_flight: int = 0
    max_in_flight: int = 0
    released: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def verdict(self, prompt: str) -> dict[str, Any]:
        for rule in self.rules:
            if rule.criterion is not None and f"Criterion ({rule.criterion})" not in prompt:
                continue
            if rule.contains in prompt:
                return {"result": rule.result, "quote": rule.quote if rule.quote is not None else rule.contains,
                        "reason": rule.reason, "confidence": rule.confidence}
        return {"result": "na", "quote": "", "reason": "no rule matched", "confidence": 0.5}

    def misbehaves(self) -> bool:
        with self.lock:
            count = len(self.requests)
        return self.mode != "ok" and (self.failures is None or count <= self.failures)


def _handler(server: JudgeServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            with server.lock:
                server.requests.append(body)
                server.headers.append(dict(self.headers.items()))
                server.in_flight += 1
                server.max_in_flight = max(server.max_in_flight, server.in_flight)
            self._counted = True
            try:
                self._answer(body)
            finally:
                self._leave()

        def _leave(self) -> None:
            """A request stops counting as in flight once its answer is decided: the client may
            send its next one the moment it reads this answer, before this thread runs again."""
            if getattr(self, "_counted", False):
                self._counted = False
                with server.lock:
                    server.in_flight -= 1

        def _answer(self, body: dict[str, Any]) -> None:
            if self.path != "/v1/chat/completions":
                return self._send(404, {"error": "not found"})
            if server.misbehaves():
                if server.mode == "timeout":
                    server.released.wait(30)  # bounded: the client gives up long before
                    return self._send(200, {"choices": [{"message": {"content": "{}"}}]})
                if server.mode == "429":
                    return self._send(429, {"error": "rate limited"}, {"Retry-After": server.retry_after})
                if server.mode == "500":
                    return self._send(500, {"error": "boom"})
                if server.mode == "malformed":
                    return self._send(200, {"choices": [{"message": {"content": "I think it passes!"}}]})
            if server.delay_s:
                server.released.wait(server.delay_s)  # a slow model, not test synchronisation
            prompt = body["messages"][-1]["content"]
            content = json.dumps(server.verdict(prompt), ensure_ascii=False)
            self._send(200, {"choices": [{"message": {"role": "assistant", "content": content}}]})

        def _send(self, status: int, payload: dict[str, Any], extra: dict[str, str] | None = None) -> None:
            data = json.dumps(payload).encode()
            self._leave()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in (extra or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                return  # the client gave up (a timeout test)

        def log_message(self, *args: object) -> None:
            return

    return Handler


@contextmanager
def running_judge(rules: list[Rule] | None = None, **options: Any) -> Iterator[JudgeServer]:
    """A judge server in a thread; ``url`` is its API base (``http://127.0.0.1:PORT/v1``)."""
    judge = JudgeServer(rules=list(rules or []), **options)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(judge))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    judge.url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    try:
        yield judge
    finally:
        judge.released.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)
