"""The demo's bots as a Rasa server: the REST channel and the socket.io channel.

``POST /<profile>/webhooks/rest/webhook`` takes ``{"sender", "message"}`` and answers, once the
whole reply is ready, with the list of bot messages (``{"recipient_id", "text", "buttons"?}``),
as Rasa's ``RestInput`` does. ``/<profile>/socket.io/`` is Rasa's ``SocketIOInput``: the client
asks for a session (``session_request`` → ``session_confirm``), says ``user_uttered`` and hears
each part as its own ``bot_uttered`` event when it is due. Rasa sends no typing indicator.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

import socketio
from aiohttp import web

from shopper.demo import script
from shopper.demo.bot import Part
from shopper.demo.groundtruth import GroundTruth, now_ms
from shopper.demo.options import DemoOptions, Fault
from shopper.demo.script import Conversation

log = logging.getLogger(__name__)


class RasaService:
    """The Rasa channels of every profile of one platform."""

    def __init__(self, options: DemoOptions, truth: GroundTruth) -> None:
        self.options = options
        self.truth = truth
        self.conversations = script.BotApiConversations(options, "rasa")
        self._servers: list[socketio.AsyncServer] = []
        self._tasks = script.BackgroundTasks()

    def attach(self, app: web.Application, profiles: tuple[str, ...]) -> None:
        app.router.add_post("/{profile}/webhooks/rest/webhook", self.rest)
        for profile in profiles:
            server = socketio.AsyncServer(async_mode="aiohttp", cors_allowed_origins="*", logger=False,
                                          engineio_logger=False)  # fmt: skip
            self._socket_events(server, profile)
            server.attach(app, socketio_path=f"{profile}/socket.io")
            self._servers.append(server)

    # --- REST -----------------------------------------------------------------------------------
    async def rest(self, request: web.Request) -> web.StreamResponse:
        profile = script.profile_of(request)
        at = now_ms()
        try:
            body: Any = await request.json()
        except ValueError:
            body = None
        if not isinstance(body, dict) or not isinstance(body.get("message"), str):
            return web.json_response({"error": "expected {sender, message}"}, status=400)
        sender = str(body.get("sender") or "default")[:80]
        conv = self.conversations.named(profile, sender)
        if self.conversations.refuse_first(conv, profile, sender):
            return web.json_response({"error": "rate limited"}, status=429,
                                     headers={"Retry-After": str(self.options.retry_after_s)})  # fmt: skip
        text = body["message"][:4000]
        self.truth.record(channel="api", direction="in", profile=profile, conversation=conv.id, text=text,
                          at_ms=at, protocol="rasa-rest")  # fmt: skip
        parts: list[Part] = []
        scripted = 0.0
        async for step in script.reply(self.options, conv, text):
            if isinstance(step, script.Say):
                parts.append(step.part)
                scripted += step.delay_s
            elif isinstance(step, script.Drop):
                log.info("dropping the REST connection of %s", conv.id)
                if request.transport is not None:
                    request.transport.close()
                return web.Response(status=500)
        sent = now_ms()
        for part in parts:
            self._record_out(conv, part, sent, "rasa-rest", scripted_delay_ms=round(scripted * 1000, 3))
            scripted = 0.0  # the whole wait is before the first (they all leave together)
        if Fault.API_MALFORMED in conv.faults:
            return web.Response(text='[{"recipient_id": "' + sender + '", "text": ', content_type="application/json")
        return web.json_response([_rest_message(sender, part) for part in parts])

    # --- socket.io ------------------------------------------------------------------------------
    def _socket_events(self, server: socketio.AsyncServer, profile: str) -> None:
        sessions: dict[str, Conversation] = {}

        async def session_request(sid: str, data: Any) -> None:
            session_id = data.get("session_id") if isinstance(data, dict) else None
            session_id = str(session_id or uuid.uuid4().hex)[:80]
            sessions[sid] = self.conversations.named(profile, session_id)
            await server.enter_room(sid, session_id)
            await server.emit("session_confirm", session_id, room=sid)

        async def user_uttered(sid: str, data: Any) -> None:
            at = now_ms()
            conv = sessions.get(sid)
            if conv is None or not isinstance(data, dict) or not str(data.get("message", "")).strip():
                return
            text = str(data["message"])[:4000]
            self.truth.record(channel="api", direction="in", profile=profile, conversation=conv.id, text=text,
                              at_ms=at, protocol="rasa-socketio")  # fmt: skip
            self._tasks.spawn(self._utter(server, sid, conv, text))

        async def disconnect(sid: str, *_: Any) -> None:
            sessions.pop(sid, None)

        server.on("session_request", session_request)
        server.on("user_uttered", user_uttered)
        server.on("disconnect", disconnect)

    async def _utter(self, server: socketio.AsyncServer, sid: str, conv: Conversation, text: str) -> None:
        async for step in script.reply(self.options, conv, text):
            if isinstance(step, script.Say):
                payload: Any = _socket_message(step.part)
                if Fault.API_MALFORMED in conv.faults:
                    payload = ["not", "a", "message"]
                at = now_ms()
                await server.emit("bot_uttered", payload, room=sid)
                self._record_out(conv, step.part, at, "rasa-socketio", scripted_delay_ms=round(step.delay_s * 1000, 3))
            elif isinstance(step, script.Drop):
                log.info("dropping the socket.io connection of %s after part %d", conv.id, step.after)
                await server.disconnect(sid)
                return

    def _record_out(self, conv: Conversation, part: Part, at: float, protocol: str, **extra: Any) -> None:
        if part.buttons:
            extra["buttons"] = list(part.buttons)
        self.truth.record(channel="api", direction="out", profile=conv.profile, conversation=conv.id,
                          text=part.text, kind=part.kind, at_ms=at, id=conv.next_message_id(),
                          author=part.author, protocol=protocol, **extra)  # fmt: skip

    async def close(self) -> None:
        await self._tasks.cancel()
        for server in self._servers:
            await server.shutdown()


def _rest_message(sender: str, part: Part) -> dict[str, Any]:
    message: dict[str, Any] = {"recipient_id": sender, "text": part.text}
    if part.buttons:
        message["buttons"] = [{"title": label, "payload": label} for label in part.buttons]
    return message


def _socket_message(part: Part) -> dict[str, Any]:
    message: dict[str, Any] = {"text": part.text}
    if part.buttons:
        message["quick_replies"] = [{"content_type": "text", "title": label, "payload": label}
                                    for label in part.buttons]  # fmt: skip
    return message
