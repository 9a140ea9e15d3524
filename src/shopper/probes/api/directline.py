"""Bot Framework Direct Line 3.0: a conversation, its WebSocket stream or polling, watermarks.

The client does what Microsoft's ``botframework-directlinejs`` does: start a conversation with
the secret or a token, post ``message`` activities, and read the bot's activities from the
``streamUrl`` (``ActivitySet`` frames) or by polling ``GET …/activities?watermark=``. A stream
that drops is reconnected from the last watermark (``GET conversations/{id}``), so nothing the bot said in
between is lost; a stream that drops more than :data:`MAX_RECONNECTS` times is an infrastructure
error.

Activities from the shopper's own ``from.id`` are echoes and skipped. ``typing`` is a typing
signal (with no "off"); a livestreamed answer (``streamType`` ``streaming`` … ``final``, in
``channelData`` or a ``streaminfo`` entity) is one message, stamped at its first and final chunk.
``event`` activities with text are system lines (``handoff.*``: a handoff).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import Any

import aiohttp

from shopper.probes.api.arrivals import Arrivals, now_ms
from shopper.probes.api.config import DirectLine
from shopper.probes.api.http import ApiHttp, describe
from shopper.probes.base import ProbeError, TransientError, Unavailable

log = logging.getLogger(__name__)

NORMAL_CLOSE = 1000
MAX_RECONNECTS = 3  # per conversation; a stream that keeps dropping is an infrastructure error


class DirectLineConnector:
    protocol = "directline"
    request_reply = False

    def __init__(self, http: ApiHttp, config: DirectLine, url: str, locale: str) -> None:
        self.http = http
        self.limits = http.limits
        self.config = config
        self.base = url.rstrip("/")
        self.locale = locale
        self.bound_ms = config.poll_interval * 1000 if config.stream == "polling" else None
        self.conversation = ""
        self._auth = ""
        self._watermark: str | None = None
        self._reader: asyncio.Task[None] | None = None
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._closing = False

    def _headers(self) -> dict[str, str]:
        extra = self.config.header_values()
        return {**extra, "Authorization": f"Bearer {self._auth}"}

    async def open(self, arrivals: Arrivals) -> str | None:
        credential = self.config.token or self.config.secret
        if credential is None:
            raise ProbeError("api (directline): a secret or a token is needed")
        self._auth = credential.get_secret_value()
        started = await self._call("POST", f"{self.base}/conversations", expect=(200, 201))
        if not isinstance(started, dict) or not isinstance(started.get("conversationId"), str):
            raise self.http.malformed(f"{self.base}/conversations", "no conversationId", started)
        self.conversation = started["conversationId"]
        self._auth = str(started.get("token") or self._auth)
        if self.config.stream == "websocket":
            stream_url = started.get("streamUrl")
            if not isinstance(stream_url, str):
                raise self.http.malformed(f"{self.base}/conversations", "no streamUrl", started)
            await self._connect(stream_url)
            self._reader = asyncio.ensure_future(self._read_stream(arrivals))
        else:
            self._reader = asyncio.ensure_future(self._poll(arrivals))
        return self.conversation

    async def _call(self, method: str, url: str, **kwargs: Any) -> Any:
        try:
            return await self.http.request(method, url, headers=self._headers(), **kwargs)
        except TransientError as exc:
            if not self.conversation:  # the service never came up
                raise Unavailable(str(exc)) from None
            raise

    async def _connect(self, stream_url: str) -> None:
        try:
            self._ws = await self.http.session.ws_connect(stream_url, timeout=aiohttp.ClientWSTimeout(ws_close=5),
                                                          heartbeat=None, autoping=True)  # fmt: skip
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise TransientError(f"api (directline): the stream would not open: {describe(exc)}") from None

    async def _read_stream(self, arrivals: Arrivals) -> None:
        reconnects = 0
        while True:
            assert self._ws is not None
            async for msg in self._ws:
                at = now_ms()
                if msg.type == aiohttp.WSMsgType.TEXT:
                    if msg.data.strip():  # empty frames keep the socket alive
                        self._frame(msg.data, at, arrivals)
                elif msg.type in (aiohttp.WSMsgType.ERROR, aiohttp.WSMsgType.CLOSE):
                    break
                if arrivals.error is not None:
                    return
            if self._closing:
                return
            code = self._ws.close_code
            if reconnects == MAX_RECONNECTS:
                arrivals.fail(TransientError(f"api (directline): the stream dropped {reconnects + 1} times "
                                             f"(code {code})"))  # fmt: skip
                return
            reconnects += 1
            log.info("directline %s: stream closed (code %s); reconnecting from watermark %s",
                     self.conversation, code, self._watermark)  # fmt: skip
            try:
                resumed = await self._call("GET", f"{self.base}/conversations/{self.conversation}"
                                           + (f"?watermark={self._watermark}" if self._watermark else ""))  # fmt: skip
                await self._connect(str(resumed["streamUrl"]))
            except (ProbeError, KeyError, TypeError) as exc:
                arrivals.fail(TransientError(f"api (directline): the stream dropped (code {code}) and "
                                             f"would not reconnect: {describe(exc)}"))  # fmt: skip
                return

    async def _poll(self, arrivals: Arrivals) -> None:
        """Poll at a fixed rate, so that what arrives between two polls is at most one
        ``poll_interval`` old when read (a sleep after each answer would add its round trip)."""
        loop = asyncio.get_running_loop()
        next_poll = loop.time()
        while not self._closing:
            next_poll += self.config.poll_interval
            query = f"?watermark={self._watermark}" if self._watermark else ""
            try:
                found = await self._call("GET", f"{self.base}/conversations/{self.conversation}/activities{query}")
            except ProbeError as exc:
                arrivals.fail(exc)
                return
            self._activity_set(found, now_ms(), arrivals)
            if arrivals.error is not None:
                return
            next_poll = max(next_poll, loop.time())
            await asyncio.sleep(next_poll - loop.time())

    def _frame(self, raw: str, at: float, arrivals: Arrivals) -> None:
        try:
            data = json.loads(raw)
        except ValueError:
            arrivals.fail(self.http.malformed(f"the stream of {self.conversation}", "not JSON", raw))
            return
        self._activity_set(data, at, arrivals)

    def _activity_set(self, data: Any, at: float, arrivals: Arrivals) -> None:
        activities = data.get("activities") if isinstance(data, dict) else None
        if not isinstance(activities, list) or not all(isinstance(a, dict) for a in activities):
            arrivals.fail(self.http.malformed(f"conversation {self.conversation}", "not an ActivitySet", data))
            return
        if data.get("watermark") is not None:
            self._watermark = str(data["watermark"])
        for activity in activities:
            self._activity(activity, at, arrivals)

    def _activity(self, activity: dict[str, Any], at: float, arrivals: Arrivals) -> None:
        sender = activity.get("from") or {}
        if isinstance(sender, dict) and sender.get("id") == self.config.user_id:
            return  # the service's echo of the shopper's own message
        kind = activity.get("type")
        text = activity.get("text")
        stream = _stream_info(activity)
        meta = {"activity_id": activity["id"]} if isinstance(activity.get("id"), str) else {}
        if stream is not None and isinstance(text, str):
            stream_type, stream_id = stream
            key = stream_id or str(activity.get("id"))
            arrivals.stream(key, text, at, final=stream_type == "final", meta=meta)
        elif kind == "typing":
            arrivals.typing(True, at)
        elif kind == "message" and ((isinstance(text, str) and text.strip()) or _actions(activity)):
            arrivals.message("agent", str(text or ""), at, buttons=_actions(activity), meta=meta)
        elif kind == "event" and isinstance(text or activity.get("value"), str):
            name = str(activity.get("name") or "")
            handoff = {"handoff": True} if name.startswith("handoff") else {}
            arrivals.message("system", str(text or activity.get("value")), at, meta={**meta, **handoff})

    async def send(self, text: str, arrivals: Arrivals) -> None:
        activity = {"type": "message", "from": {"id": self.config.user_id}, "text": text, "locale": self.locale,
                    "textFormat": "plain"}  # fmt: skip
        await self._call("POST", f"{self.base}/conversations/{self.conversation}/activities", json_body=activity,
                         on_sent=arrivals.written)  # fmt: skip

    async def close(self) -> None:
        self._closing = True
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await self._ws.close(code=NORMAL_CLOSE)
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(BaseException):
                await self._reader


def _stream_info(activity: dict[str, Any]) -> tuple[str, str | None] | None:
    """``(streamType, streamId)`` of a livestreamed chunk, from ``channelData`` or a ``streaminfo`` entity."""
    sources = [activity.get("channelData")]
    sources += [e for e in activity.get("entities") or [] if isinstance(e, dict) and e.get("type") == "streaminfo"]
    for source in sources:
        if isinstance(source, dict) and source.get("streamType") in ("streaming", "informative", "final"):
            stream_id = source.get("streamId")
            if source.get("streamType") == "informative":
                return None  # a status line ("Searching…"), not the answer's text
            return str(source["streamType"]), str(stream_id) if stream_id else None
    return None


def _actions(activity: dict[str, Any]) -> list[str]:
    actions = (activity.get("suggestedActions") or {}).get("actions") or []
    return [str(a.get("title") or a.get("value")) for a in actions if isinstance(a, dict)]
