"""Bots with no protocol of their own: JSON over HTTP, and JSON frames on a WebSocket.

Both are described in the audit: a Jinja2 template for what is sent, an expression for what is
read (JSONPath or JMESPath). Templates run in a sandbox with autoescape off (they build JSON, and
``|tojson`` quotes a value); the reply is picked from parsed JSON, never from text.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
from typing import Any

import aiohttp
import jinja2
import jmespath
from jinja2.sandbox import SandboxedEnvironment
from jsonpath_ng.ext.parser import parse as jsonpath_parse

from shopper.probes.api.arrivals import Arrivals, now_ms
from shopper.probes.api.config import HttpJson, WebSocketJson
from shopper.probes.api.http import ApiHttp, describe
from shopper.probes.base import ProbeError, TransientError, Unavailable

_TEMPLATES = SandboxedEnvironment(autoescape=False, undefined=jinja2.StrictUndefined)


def render(template: str, context: dict[str, Any], what: str) -> str:
    try:
        return _TEMPLATES.from_string(template).render(**context)
    except jinja2.TemplateError as exc:
        raise ProbeError(f"api: the {what} template failed: {describe(exc)}") from None


def selector(expression: str, language: str) -> Any:
    """A compiled JSONPath or JMESPath; a bad one is an error of the audit, said once."""
    try:
        if language == "jmespath":
            compiled = jmespath.compile(expression)
            return lambda data: _strings(compiled.search(data))
        path = jsonpath_parse(expression)
        return lambda data: [s for match in path.find(data) for s in _strings(match.value)]
    except Exception as exc:  # both libraries raise their own parse errors
        raise ProbeError(f"api: cannot read the expression {expression!r} ({language}): {describe(exc)}") from None


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


class HttpJsonConnector:
    protocol = "http"
    request_reply = True
    bound_ms: float | None = None

    def __init__(self, http: ApiHttp, config: HttpJson, url: str, conversation: str, persona: dict[str, Any]) -> None:
        self.http = http
        self.limits = http.limits
        self.config = config
        self.url = url
        self.context: dict[str, Any] = {"conversation": conversation, "persona": persona, "history": []}
        self.pick = selector(config.reply, config.reply_language)

    async def open(self, arrivals: Arrivals) -> str | None:
        return str(self.context["conversation"])

    async def send(self, text: str, arrivals: Arrivals) -> None:
        history: list[dict[str, str]] = self.context["history"]
        body = render(self.config.body, {**self.context, "text": text, "turn": len(history) // 2 + 1}, "body")
        headers = {"Content-Type": "application/json",
                   **self.config.header_values()}  # fmt: skip
        answer = await self.http.request(self.config.method, self.url, headers=headers, data=body,
                                         on_sent=arrivals.written)  # fmt: skip
        at = now_ms()
        replies = self.pick(answer)
        if not replies and answer not in ([], {}, None):
            raise self.http.malformed(self.url, f"{self.config.reply!r} selects no text", answer)
        history.append({"role": "user", "text": text})
        for reply in replies:
            arrivals.message("agent", reply, at)
            history.append({"role": "assistant", "text": reply})
        arrivals.done()

    async def close(self) -> None:
        return None


class WebSocketConnector:
    protocol = "websocket"
    request_reply = False
    bound_ms: float | None = None

    def __init__(self, http: ApiHttp, config: WebSocketJson, url: str, conversation: str,
                 persona: dict[str, Any]) -> None:  # fmt: skip
        self.http = http
        self.limits = http.limits
        self.config = config
        self.url = url
        self.context: dict[str, Any] = {"conversation": conversation, "persona": persona}
        self.pick = selector(config.receive, "jmespath")
        self.typing = jmespath.compile(config.typing) if config.typing else None
        self.marker = re.compile(config.end_marker) if config.end_marker else None
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task[None] | None = None
        self._closing = False

    def _headers(self) -> dict[str, str]:
        return self.config.header_values()

    async def open(self, arrivals: Arrivals) -> str | None:
        start = self.config.start
        if start is not None:
            body = render(start.body, self.context, "start body") if start.body else None
            try:
                self.context["start"] = await self.http.request(
                    start.method, render(start.url, self.context, "start url"), data=body,
                    headers={"Content-Type": "application/json", **self._headers()},
                )  # fmt: skip
            except TransientError as exc:
                raise Unavailable(str(exc)) from None
        url = render(self.url, self.context, "url")
        try:
            self._ws = await self.http.session.ws_connect(url, headers=self._headers(), heartbeat=None,
                                                          timeout=aiohttp.ClientWSTimeout(ws_close=5))  # fmt: skip
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise Unavailable(f"api (websocket): could not connect to {url}: {describe(exc)}") from None
        self._reader = asyncio.ensure_future(self._read(arrivals))
        found = self.context.get("start")
        return str(found.get("conversation") or found.get("id") or "") or None if isinstance(found, dict) else None

    async def _read(self, arrivals: Arrivals) -> None:
        assert self._ws is not None
        async for msg in self._ws:
            at = now_ms()
            if msg.type != aiohttp.WSMsgType.TEXT:
                continue
            try:
                data = json.loads(msg.data)
            except ValueError:
                arrivals.fail(self.http.malformed(self.url, "a frame that is not JSON", msg.data))
                return
            if self.typing is not None and (on := self.typing.search(data)) is not None:
                arrivals.typing(bool(on), at)
            for text in self.pick(data):
                arrivals.message("agent", text, at)
                if self.marker is not None and self.marker.search(text):
                    arrivals.done()
        if not self._closing and self._ws.close_code not in (None, 1000):
            arrivals.fail(TransientError(f"api (websocket): the socket closed (code {self._ws.close_code})"))

    async def send(self, text: str, arrivals: Arrivals) -> None:
        assert self._ws is not None
        frame = render(self.config.send, {**self.context, "text": text}, "send")
        try:
            arrivals.written(now_ms())  # send_str writes to the transport before it awaits
            await self._ws.send_str(frame)
        except (ConnectionError, RuntimeError, aiohttp.ClientError) as exc:
            raise TransientError(f"api (websocket): could not send: {describe(exc)}") from None

    async def close(self) -> None:
        self._closing = True
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(BaseException):
                await self._reader
