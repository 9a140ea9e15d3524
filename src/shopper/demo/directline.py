"""The demo's bots over Microsoft Bot Framework Direct Line 3.0.

Under ``/<profile>/v3/directline`` the demo answers as the Direct Line service does: a token
(``POST tokens/generate``), a conversation (``POST conversations``, 201 with ``streamUrl``), a
reconnect (``GET conversations/{id}?watermark=``), activities posted by the client, and the
bot's activities both on the WebSocket stream (``ActivitySet`` frames) and by polling
(``GET …/activities?watermark=``). A conversation outlives its stream, as on the real service:
a client that loses the socket reconnects from its watermark and misses nothing.

With ``livestream`` each answer is sent as Bot Framework streams it: ``typing`` activities with
``streamType: streaming`` carrying the text so far, then a ``message`` with ``streamType:
final``. Ground truth records the final activity's send time and the first chunk's.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
from datetime import UTC, datetime
from typing import Any

from aiohttp import WSMsgType, web

from shopper.demo import script
from shopper.demo.bot import BotState, Part
from shopper.demo.groundtruth import GroundTruth, now_ms
from shopper.demo.options import DemoOptions, Fault
from shopper.demo.script import Conversation

log = logging.getLogger(__name__)

BOT_ID = "harbor-bot"


class _DirectLineConversation:
    """One conversation: its activity log (index = watermark) and the sockets streaming it."""

    def __init__(self, conv: Conversation) -> None:
        self.conv = conv
        self.activities: list[dict[str, Any]] = []
        self.sockets: set[web.WebSocketResponse] = set()
        self.queue: asyncio.Queue[str] = asyncio.Queue()
        self.posts = 0
        self.changed = asyncio.Event()


class DirectLineService:
    """Every Direct Line conversation of one platform."""

    def __init__(self, options: DemoOptions, truth: GroundTruth) -> None:
        self.options = options
        self.truth = truth
        self.conversations: dict[str, _DirectLineConversation] = {}
        self._numbers = itertools.count(1)
        self._tasks = script.BackgroundTasks()

    def routes(self, prefix: str) -> list[web.RouteDef]:
        base = f"{prefix}/v3/directline"
        return [
            web.post(f"{base}/tokens/generate", self.generate_token),
            web.post(f"{base}/conversations", self.start),
            web.get(f"{base}/conversations/{{conversation}}", self.reconnect),
            web.post(f"{base}/conversations/{{conversation}}/activities", self.post_activity),
            web.get(f"{base}/conversations/{{conversation}}/activities", self.get_activities),
            web.get(f"{base}/conversations/{{conversation}}/stream", self.stream),
        ]

    # --- REST ---------------------------------------------------------------------------------
    async def generate_token(self, request: web.Request) -> web.Response:
        _authorised(request)
        conv = self._new(request)
        return web.json_response({"conversationId": conv.conv.id, "token": _token(conv.conv.id),
                                  "expires_in": 1800})  # fmt: skip

    async def start(self, request: web.Request) -> web.Response:
        bearer = _authorised(request)
        known = bearer.removeprefix("dl-token-")
        conv = self.conversations.get(known) or self._new(request)
        self._tasks.spawn(self._welcome(conv))
        self._tasks.spawn(self._answers(conv))
        return web.json_response(self._descriptor(request, conv, None), status=201)

    async def reconnect(self, request: web.Request) -> web.Response:
        _authorised(request)
        conv = self._find(request)
        return web.json_response(self._descriptor(request, conv, request.query.get("watermark")))

    async def post_activity(self, request: web.Request) -> web.Response:
        _authorised(request)
        conv = self._find(request)
        at = now_ms()
        conv.posts += 1
        if Fault.API_429 in conv.conv.faults and conv.posts == 1:
            return web.json_response(
                {"error": {"code": "TooManyRequests", "message": "slow down"}},
                status=429, headers={"Retry-After": str(self.options.retry_after_s)},
            )  # fmt: skip
        try:
            activity = await request.json()
        except ValueError:
            activity = None
        if not isinstance(activity, dict) or not isinstance(activity.get("type"), str):
            return web.json_response({"error": {"code": "BadArgument", "message": "activity expected"}},
                                     status=400)  # fmt: skip
        stored = self._activity(conv, {**activity, "from": activity.get("from") or {"id": "user"}})
        await self._publish(conv, stored)  # the service echoes the user's activity on the stream
        if activity["type"] == "message" and str(activity.get("text", "")).strip():
            text = str(activity["text"])[:4000]
            self.truth.record(channel="api", direction="in", profile=conv.conv.profile,
                              conversation=conv.conv.id, text=text, at_ms=at, protocol="directline")  # fmt: skip
            conv.queue.put_nowait(text)
        return web.json_response({"id": stored["id"]})

    async def get_activities(self, request: web.Request) -> web.Response:
        _authorised(request)
        conv = self._find(request)
        start = _watermark(request.query.get("watermark"))
        return web.json_response(self._activity_set(conv, start))

    # --- the stream -----------------------------------------------------------------------------
    async def stream(self, request: web.Request) -> web.StreamResponse:
        conv = self._find(request)
        if not request.query.get("t"):
            raise web.HTTPForbidden(text="token required")
        ws = web.WebSocketResponse(heartbeat=None)
        await ws.prepare(request)
        conv.sockets.add(ws)
        sent = _watermark(request.query.get("watermark"))
        try:
            if sent < len(conv.activities):
                await ws.send_str(json.dumps(self._activity_set(conv, sent)))
            async for msg in ws:  # the client never sends on the stream; this waits for its close
                if msg.type == WSMsgType.ERROR:
                    break
        finally:
            conv.sockets.discard(ws)
        return ws

    # --- the bot ----------------------------------------------------------------------------------
    async def _welcome(self, conv: _DirectLineConversation) -> None:
        started, delay, parts = await script.welcome(self.options, conv.conv)
        for index, part in enumerate(parts):
            scripted = round(delay * 1000, 3) if index == 0 else 0.0
            await self._say(conv, part, connected_at_ms=started, scripted_delay_ms=scripted)

    async def _answers(self, conv: _DirectLineConversation) -> None:
        while True:
            text = await conv.queue.get()
            async for step in script.reply(self.options, conv.conv, text):
                if isinstance(step, script.Typing):
                    if step.on:
                        await self._publish(conv, self._activity(conv, {"type": "typing"}))
                elif isinstance(step, script.Say):
                    await self._say(conv, step.part, scripted_delay_ms=round(step.delay_s * 1000, 3))
                else:
                    log.info("dropping the Direct Line streams of %s after part %d", conv.conv.id, step.after)
                    for ws in list(conv.sockets):
                        await ws.close(code=1011, message=b"connection lost")

    async def _say(self, conv: _DirectLineConversation, part: Part, **truth: Any) -> None:
        message_id = conv.conv.next_message_id()
        body = self._body(part)
        first_chunk: float | None = None
        if self.options.livestream and part.kind != "system":
            first_chunk, stream_id = await self._chunks(conv, part.text)
            body["channelData"] = {"streamType": "final", "streamId": stream_id}
            body["entities"] = [{"type": "streaminfo", "streamType": "final", "streamId": stream_id}]
        at = now_ms()
        await self._publish(conv, self._activity(conv, body))
        if first_chunk is not None:
            truth["first_chunk_at_ms"] = first_chunk
        if part.buttons:
            truth["buttons"] = list(part.buttons)
        self.truth.record(channel="api", direction="out", profile=conv.conv.profile,
                          conversation=conv.conv.id, text=part.text, kind=part.kind, at_ms=at,
                          id=message_id, author=part.author, protocol="directline", **truth)  # fmt: skip

    async def _chunks(self, conv: _DirectLineConversation, text: str) -> tuple[float, str]:
        """Send the growing text as streaming ``typing`` activities; return the first's time and id."""
        words = text.split(" ")
        first_at = 0.0
        stream_id = ""
        for sequence in range(1, script.STREAM_CHUNKS + 1):
            so_far = " ".join(words[: max(1, len(words) * sequence // (script.STREAM_CHUNKS + 1))])
            info = {"streamType": "streaming", "streamSequence": sequence}
            if stream_id:
                info["streamId"] = stream_id
            activity = self._activity(conv, {"type": "typing", "text": so_far, "channelData": dict(info),
                                             "entities": [{"type": "streaminfo", **info}]})  # fmt: skip
            if sequence == 1:
                first_at, stream_id = now_ms(), activity["id"]
            await self._publish(conv, activity)
            await asyncio.sleep(self.options.scaled(script.STREAM_GAP_S))
        return first_at, stream_id

    def _body(self, part: Part) -> dict[str, Any]:
        if part.kind == "system":  # the demo's only system line announces the human agent
            return {"type": "event", "name": "handoff.initiate", "value": part.text, "text": part.text}
        body: dict[str, Any] = {"type": "message", "text": part.text, "textFormat": "plain",
                                "from": {"id": BOT_ID, "name": part.author, "role": "bot"}}  # fmt: skip
        if part.buttons:
            body["suggestedActions"] = {"actions": [{"type": "imBack", "title": b, "value": b} for b in part.buttons]}
        return body

    # --- the log ----------------------------------------------------------------------------------
    def _activity(self, conv: _DirectLineConversation, body: dict[str, Any]) -> dict[str, Any]:
        activity = {"from": {"id": BOT_ID, "name": "Harbor Assistant", "role": "bot"}, **body}
        activity.update(id=f"{conv.conv.id}|{len(conv.activities):07d}", channelId="directline",
                        conversation={"id": conv.conv.id},
                        timestamp=datetime.now(UTC).isoformat().replace("+00:00", "Z"))  # fmt: skip
        return activity

    async def _publish(self, conv: _DirectLineConversation, activity: dict[str, Any]) -> None:
        conv.activities.append(activity)
        start = len(conv.activities) - 1
        frame = json.dumps(self._activity_set(conv, start))
        for ws in list(conv.sockets):
            try:
                await ws.send_str(frame)
            except (ConnectionError, RuntimeError):
                conv.sockets.discard(ws)

    def _activity_set(self, conv: _DirectLineConversation, start: int) -> dict[str, Any]:
        activities = conv.activities[start:]
        if Fault.API_MALFORMED in conv.conv.faults and any(a["from"].get("role") == "bot" for a in activities):
            return {"activities": "<not a list>", "watermark": None}
        return {"activities": activities, "watermark": str(len(conv.activities))}

    def _descriptor(self, request: web.Request, conv: _DirectLineConversation, watermark: str | None) -> dict[str, Any]:
        token = _token(conv.conv.id)
        query = f"?t={token}" + (f"&watermark={watermark}" if watermark else "")
        stream = f"ws://{request.host}{request.path.split('/conversations')[0]}/conversations/{conv.conv.id}/stream{query}"
        return {"conversationId": conv.conv.id, "token": token, "expires_in": 1800, "streamUrl": stream,
                "referenceGrammarId": "demo"}  # fmt: skip

    def _new(self, request: web.Request) -> _DirectLineConversation:
        profile = script.profile_of(request)
        number = next(self._numbers)
        conv = Conversation(id=f"dl-{profile}-{number:05d}", profile=profile, email=f"dl-{number}@api.invalid",
                            faults=self.options.faults_for(profile), state=BotState(name="customer"))  # fmt: skip
        self.conversations[conv.id] = found = _DirectLineConversation(conv)
        return found

    def _find(self, request: web.Request) -> _DirectLineConversation:
        conv = self.conversations.get(request.match_info["conversation"])
        if conv is None or conv.conv.profile != request.match_info["profile"]:
            raise web.HTTPNotFound(text="unknown conversation")
        return conv

    async def close(self) -> None:
        await self._tasks.cancel()
        for conv in self.conversations.values():
            for ws in list(conv.sockets):
                await ws.close(code=1001, message=b"server shutdown")


def _authorised(request: web.Request) -> str:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise web.HTTPForbidden(text="Authorization: Bearer <secret or token> required")
    return value.strip()


def _token(conversation: str) -> str:
    return f"dl-token-{conversation}"


def _watermark(raw: str | None) -> int:
    try:
        return max(0, int(raw or 0))
    except ValueError:
        return 0
