"""The chat desk: conversations created over REST, then talked over a WebSocket.

Protocol (JSON text frames). Client -> server: ``{"type": "message", "text": ...}``.
Server -> client: ``{"type": "message", "id", "role": "agent"|"system", "kind", "author",
"text", "at_ms", "buttons"?: [label, ...]}``, ``{"type": "typing", "on": bool}``, ``{"type": "ready", "conversation",
"resumed": bool}``. Every message in or out is written to the ground truth at the moment the
frame is received or sent.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import re
from typing import Any

from aiohttp import WSMsgType, web

from shopper.demo import script
from shopper.demo.bot import BotState, Part
from shopper.demo.groundtruth import GroundTruth, now_ms
from shopper.demo.options import DemoOptions, Fault, parse_faults
from shopper.demo.script import Conversation

log = logging.getLogger(__name__)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class ChatDesk:
    """All chat conversations of one platform, every profile."""

    def __init__(self, options: DemoOptions, truth: GroundTruth) -> None:
        self.options = options
        self.truth = truth
        self.conversations: dict[str, Conversation] = {}
        self._numbers = itertools.count(1)
        self._sockets: set[web.WebSocketResponse] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    # --- REST: create a conversation from the pre-chat form ---------------------------------
    async def create(self, request: web.Request, profile: str) -> web.Response:
        faults = self.options.faults_for(profile, parse_faults(request.query.get("fault")))
        if Fault.CHAT_500 in faults:
            return web.json_response({"error": "internal error"}, status=500)
        try:
            body: Any = await request.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            return web.json_response({"error": "JSON object expected"}, status=400)
        name, email = str(body.get("name", "")).strip(), str(body.get("email", "")).strip()
        if not name or not _EMAIL.match(email):
            return web.json_response({"error": "name and a valid email are required"}, status=400)
        locale = str(body.get("locale", "en"))[:2].lower()
        language = locale if locale in {"en", "zh", "ko", "ja"} else "en"
        conv = Conversation(
            id=f"{profile}-{next(self._numbers):05d}",
            profile=profile,
            email=email,
            faults=faults,
            state=BotState(name=name[:80], language=language),
        )
        self.conversations[conv.id] = conv
        return web.json_response({"conversation": conv.id})

    # --- WebSocket --------------------------------------------------------------------------
    async def socket(self, request: web.Request, profile: str) -> web.StreamResponse:
        conv = self.conversations.get(request.query.get("conversation", ""))
        if conv is None or conv.profile != profile:
            raise web.HTTPNotFound(text="unknown conversation")
        faults = conv.faults | parse_faults(request.query.get("fault"))
        if Fault.CHAT_500 in faults:
            raise web.HTTPInternalServerError(text="chat unavailable")
        ws = web.WebSocketResponse(heartbeat=None)
        await ws.prepare(request)
        self._sockets.add(ws)
        queue: asyncio.Queue[str] = asyncio.Queue()
        worker = self._spawn(self._replies(ws, conv, queue))
        try:
            await ws.send_json({"type": "ready", "conversation": conv.id, "resumed": conv.welcomed})
            if not conv.welcomed:
                conv.welcomed = True
                self._spawn(self._welcome(ws, conv))
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                at = now_ms()
                text = self._customer_text(msg.data)
                if text is None:
                    continue
                self.truth.record(channel="chat", direction="in", profile=conv.profile,
                                  conversation=conv.id, text=text, at_ms=at)  # fmt: skip
                queue.put_nowait(text)
        finally:
            worker.cancel()
            self._sockets.discard(ws)
        return ws

    @staticmethod
    def _customer_text(raw: str) -> str | None:
        try:
            data = json.loads(raw)
        except ValueError:
            return None
        if not isinstance(data, dict) or data.get("type") != "message":
            return None
        text = str(data.get("text", ""))[:4000]
        return text if text.strip() else None

    async def _welcome(self, ws: web.WebSocketResponse, conv: Conversation) -> None:
        connected, delay, parts = await script.welcome(self.options, conv)  # its delay is measurable
        for index, part in enumerate(parts):
            scripted = round(delay * 1000, 3) if index == 0 else 0.0
            await self._send(ws, conv, part, connected_at_ms=connected, scripted_delay_ms=scripted)

    async def _replies(
        self, ws: web.WebSocketResponse, conv: Conversation, queue: asyncio.Queue[str]
    ) -> None:
        while True:
            text = await queue.get()
            async for step in script.reply(self.options, conv, text):
                if isinstance(step, script.Typing):
                    await ws.send_json({"type": "typing", "on": step.on})
                elif isinstance(step, script.Say):
                    await self._send(ws, conv, step.part, scripted_delay_ms=round(step.delay_s * 1000, 3))
                else:
                    log.info("dropping the socket of %s after part %d", conv.id, step.after)
                    await ws.close(code=1011, message=b"connection lost")
                    return

    async def _send(
        self, ws: web.WebSocketResponse, conv: Conversation, part: Part, **truth: Any
    ) -> None:
        message_id = conv.next_message_id()
        role = "system" if part.kind == "system" else "agent"
        at = now_ms()
        frame: dict[str, Any] = {"type": "message", "id": message_id, "role": role, "kind": part.kind,
                                 "author": part.author, "text": part.text, "at_ms": at}
        if part.buttons:
            frame["buttons"] = list(part.buttons)
            truth["buttons"] = list(part.buttons)
        await ws.send_json(frame)
        self.truth.record(channel="chat", direction="out", profile=conv.profile,
                          conversation=conv.id, text=part.text, kind=part.kind, at_ms=at,
                          id=message_id, author=part.author, **truth)  # fmt: skip

    def _spawn(self, coro: Any) -> asyncio.Task[None]:
        task: asyncio.Task[None] = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if task.cancelled() or (exc := task.exception()) is None:
            return
        if not isinstance(exc, ConnectionError | RuntimeError):  # a socket closed under us
            log.error("chat task failed", exc_info=exc)

    async def close(self) -> None:
        """Cancel every reply and close every socket (the platform is stopping)."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        for ws in list(self._sockets):
            await ws.close(code=1001, message=b"server shutdown")
