"""Arrival stamps from the browser's network layer (Chromium DevTools Protocol).

The in-page observer stamps a socket message when the page's main thread gets to it; on a
loaded machine that thread runs late. The network layer stamps a WebSocket frame or an
EventSource message when the browser received it, whatever the renderer is doing. CDP's
``timestamp`` is monotonic seconds; it is mapped to the page clock (epoch ms, the one
``performance.timeOrigin + performance.now()`` gives) through the pairs of ``wallTime`` and
``timestamp`` that every ``Network.requestWillBeSent`` carries; the spread of those pairs is
the mapping's own uncertainty.

Widgets that fetch their replies over HTTP (a JSON answer to a POST) are covered too: when
``Network.loadingFinished`` reports an XHR / fetch response complete, its body is read and
noted at that moment, as a frame would be.

A message is matched to the first unused frame whose payload (JSON-decoded, every string in it)
contains the message's first shown text. Cross-origin iframes run in their own process and get
their own session; a frame in the page's process is covered by the page's session.
"""

from __future__ import annotations

import asyncio
import json
import logging
import statistics
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

MAX_FRAMES = 500
MAX_PAYLOAD = 20000
MAX_STRINGS = 50
MAX_BODY_READS = 200  # HTTP response bodies read per conversation (a widget polling forever stops here)
TEXT_TYPES = ("json", "text/plain")


@dataclass
class NetworkFrame:
    at_monotonic_s: float
    strings: list[str]
    used: bool = False


def payload_strings(payload: str) -> list[str]:
    """Every string in a frame's payload, whitespace-collapsed (JSON-decoded when it is JSON)."""
    out: list[str] = []

    def walk(value: Any, depth: int) -> None:
        if depth > 6 or len(out) >= MAX_STRINGS:
            return
        if isinstance(value, str):
            out.append(" ".join(value.split()))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item, depth + 1)
        elif isinstance(value, list):
            for item in value:
                walk(item, depth + 1)

    text = payload[:MAX_PAYLOAD]
    try:
        walk(json.loads(text), 0)
    except ValueError:
        out.append(" ".join(text.split()))
    return out


@dataclass
class NetworkTap:
    """Frames the browser received for one conversation, and the clock mapping."""

    frames: list[NetworkFrame] = field(default_factory=list)
    sent: list[NetworkFrame] = field(default_factory=list)  # frames and request bodies the page sent
    _offsets_ms: list[float] = field(default_factory=list)  # wall ms - monotonic ms, per request
    _sessions: list[Any] = field(default_factory=list)
    _responses: dict[str, Any] = field(default_factory=dict)  # requestId -> its session, until finished
    _reads: set[asyncio.Future[None]] = field(default_factory=set)
    _body_reads: int = 0

    async def attach(self, context: Any, target: Any) -> bool:
        """Listen on ``target`` (a page, or an out-of-process frame); False where CDP is not there."""
        try:
            session = await context.new_cdp_session(target)
            session.on("Network.requestWillBeSent", self._on_request)
            session.on("Network.webSocketFrameReceived", self._on_socket_frame)
            session.on("Network.webSocketFrameSent", self._on_socket_frame_sent)
            session.on("Network.eventSourceMessageReceived", self._on_event_source)
            session.on("Network.responseReceived", lambda event: self._on_response(session, event))
            session.on("Network.loadingFinished", self._on_loading_finished)
            await session.send("Network.enable")
        except Exception as exc:  # not Chromium, or a frame that shares its parent's session
            log.debug("no network stamps for %s: %s", target, exc)
            return False
        self._sessions.append(session)
        return True

    @property
    def sessions(self) -> tuple[Any, ...]:
        """The CDP sessions attached: the page's, then each out-of-process frame's."""
        return tuple(self._sessions)

    def _on_request(self, event: dict[str, Any]) -> None:
        wall, mono = event.get("wallTime"), event.get("timestamp")
        if isinstance(wall, int | float) and isinstance(mono, int | float) and len(self._offsets_ms) < 200:
            self._offsets_ms.append(wall * 1000.0 - mono * 1000.0)
        body = (event.get("request") or {}).get("postData")
        if body:  # a widget that posts the customer's message over HTTP
            self._note(mono, body, self.sent)

    def _note(self, mono: Any, payload: Any, into: list[NetworkFrame] | None = None) -> None:
        if not isinstance(mono, int | float) or not isinstance(payload, str):
            return
        frames = self.frames if into is None else into
        frames.append(NetworkFrame(float(mono), payload_strings(payload)))
        if len(frames) > MAX_FRAMES:
            del frames[0]

    def _on_socket_frame(self, event: dict[str, Any]) -> None:
        response = event.get("response") or {}
        if response.get("opcode", 1) == 1:  # text frames only
            self._note(event.get("timestamp"), response.get("payloadData"))

    def _on_socket_frame_sent(self, event: dict[str, Any]) -> None:
        response = event.get("response") or {}
        if response.get("opcode", 1) == 1:
            self._note(event.get("timestamp"), response.get("payloadData"), self.sent)

    def _on_event_source(self, event: dict[str, Any]) -> None:
        self._note(event.get("timestamp"), event.get("data"))

    def _on_response(self, session: Any, event: dict[str, Any]) -> None:
        mime = str((event.get("response") or {}).get("mimeType", ""))
        if event.get("type") in ("XHR", "Fetch") and any(kind in mime for kind in TEXT_TYPES):
            self._responses[str(event.get("requestId"))] = session

    def _on_loading_finished(self, event: dict[str, Any]) -> None:
        session = self._responses.pop(str(event.get("requestId")), None)
        if session is None or self._body_reads >= MAX_BODY_READS:
            return
        self._body_reads += 1
        task = asyncio.ensure_future(self._read_body(session, event.get("requestId"), event.get("timestamp")))
        self._reads.add(task)
        task.add_done_callback(self._reads.discard)

    async def _read_body(self, session: Any, request_id: Any, mono: Any) -> None:
        """Note an HTTP answer's body at the moment its last byte arrived (not when read)."""
        try:
            answer = await session.send("Network.getResponseBody", {"requestId": request_id})
        except Exception as exc:  # the page or its context went away first
            log.debug("response body %s not read: %s", request_id, exc)
            return
        if not answer.get("base64Encoded"):
            self._note(mono, answer.get("body"))

    @property
    def calibrated(self) -> bool:
        return bool(self._offsets_ms)

    def uncertainty_ms(self) -> float | None:
        """Half the spread of the wall/monotonic pairs: how far the mapping itself may be off."""
        if not self._offsets_ms:
            return None
        return (max(self._offsets_ms) - min(self._offsets_ms)) / 2.0

    def arrival_ms(self, text: str) -> float | None:
        """Page-clock ms at which the first unused frame holding ``text`` arrived, or None."""
        return self._find(self.frames, text)

    def sent_ms(self, text: str) -> float | None:
        """Page-clock ms at which the page sent the first unused frame or request body holding
        ``text``: the customer's message on the wire, whatever the page's main thread was doing."""
        return self._find(self.sent, text)

    def _find(self, frames: list[NetworkFrame], text: str) -> float | None:
        wanted = " ".join(text.split())
        if not wanted or not self._offsets_ms:
            return None
        offset = statistics.median(self._offsets_ms)
        # An exact match first: a short message ("Thanks!") is also inside longer earlier ones.
        for exact in (True, False):
            for frame in frames:
                if not frame.used and any(wanted == s if exact else wanted in s for s in frame.strings):
                    frame.used = True
                    return frame.at_monotonic_s * 1000.0 + offset
        return None
