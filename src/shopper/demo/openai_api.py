"""The demo's bots behind an OpenAI-compatible chat-completions endpoint.

``POST /<profile>/v1/chat/completions`` answers the last ``user`` message of ``messages`` as the
profile's bot would, the whole reply as one assistant message. The conversation is the
request's ``user`` field (stateless clients send the history; the demo keeps its bot's state).
``stream: true`` sends server-sent events: a role chunk at once, then each part's words in
growing chunks when the part is due, a ``finish_reason`` chunk and ``data: [DONE]``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any

from aiohttp import web

from shopper.demo import script
from shopper.demo.groundtruth import GroundTruth, now_ms
from shopper.demo.options import DemoOptions, Fault
from shopper.demo.script import Conversation

log = logging.getLogger(__name__)


class OpenAIService:
    """Chat completions for every profile of one platform."""

    def __init__(self, options: DemoOptions, truth: GroundTruth) -> None:
        self.options = options
        self.truth = truth
        self.conversations = script.BotApiConversations(options, "oa")

    def routes(self) -> list[web.RouteDef]:
        return [web.post("/{profile}/v1/chat/completions", self.completions)]

    async def completions(self, request: web.Request) -> web.StreamResponse:
        profile = script.profile_of(request)
        at = now_ms()
        try:
            body: Any = await request.json()
        except ValueError:
            body = None
        text = _last_user_text(body)
        if text is None:
            return _error(400, "invalid_request_error", "messages must end with a user message")
        user = str(body.get("user") or "anonymous")[:80]
        conv = self.conversations.named(profile, user)
        if self.conversations.refuse_first(conv, profile, user):
            return _error(429, "rate_limit_exceeded", "Rate limit reached",
                          {"Retry-After": str(self.options.retry_after_s)})  # fmt: skip
        self.truth.record(channel="api", direction="in", profile=profile, conversation=conv.id, text=text,
                          at_ms=at, protocol="openai")  # fmt: skip
        model = str(body.get("model") or "harbor-assistant")
        if body.get("stream"):
            return await self._stream(request, conv, text, model)
        parts = []
        scripted = 0.0
        async for step in script.reply(self.options, conv, text):
            if isinstance(step, script.Say):
                parts.append(step.part.text)
                scripted += step.delay_s
            elif isinstance(step, script.Drop):
                if request.transport is not None:
                    request.transport.close()
                return web.Response(status=500)
        content = "\n\n".join(parts)
        self._record_out(conv, content, now_ms(), None, scripted)
        if Fault.API_MALFORMED in conv.faults:
            return web.Response(text='{"choices": [{"message": ', content_type="application/json")
        return web.json_response({
            "id": f"chatcmpl-{conv.id}-{conv.turns}", "object": "chat.completion", "created": int(time.time()),
            "model": model, "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                                         "finish_reason": "stop"}],
        })  # fmt: skip

    async def _stream(self, request: web.Request, conv: Conversation, text: str, model: str) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"})
        await response.prepare(request)
        chunk_id = f"chatcmpl-{conv.id}-{conv.turns + 1}"

        async def send(delta: dict[str, Any], finish: str | None = None) -> None:
            chunk = {"id": chunk_id, "object": "chat.completion.chunk", "created": int(time.time()), "model": model,
                     "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}  # fmt: skip
            await response.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())

        await send({"role": "assistant", "content": ""})
        said: list[str] = []
        first: float | None = None
        scripted = 0.0
        async for step in script.reply(self.options, conv, text):
            if isinstance(step, script.Say):
                scripted += step.delay_s
                if Fault.API_MALFORMED in conv.faults:
                    await response.write(b'data: {"choices": [oops\n\n')
                    first = first or now_ms()
                    continue
                piece = ("\n\n" if said else "") + step.part.text
                for chunk in _chunks(piece):
                    first = first or now_ms()
                    await send({"content": chunk})
                    await _pause(self.options)
                said.append(step.part.text)
            elif isinstance(step, script.Drop):
                log.info("dropping the completion stream of %s after part %d", conv.id, step.after)
                if request.transport is not None:
                    request.transport.close()
                return response
        await send({}, "stop")
        await response.write(b"data: [DONE]\n\n")
        self._record_out(conv, "\n\n".join(said), now_ms(), first, scripted)
        await response.write_eof()
        return response

    def _record_out(self, conv: Conversation, content: str, at: float, first: float | None, scripted_s: float) -> None:
        extra: dict[str, Any] = {"first_chunk_at_ms": first} if first is not None else {}
        extra["scripted_delay_ms"] = round(scripted_s * 1000, 3)  # the bot's waits (streaming adds its chunks)
        self.truth.record(channel="api", direction="out", profile=conv.profile, conversation=conv.id,
                          text=content, at_ms=at, id=conv.next_message_id(), protocol="openai", **extra)  # fmt: skip


async def _pause(options: DemoOptions) -> None:
    await asyncio.sleep(options.scaled(script.STREAM_GAP_S) / script.STREAM_CHUNKS)


def _chunks(text: str) -> list[str]:
    """``text`` cut into about :data:`script.STREAM_CHUNKS` pieces at spaces (tokens, roughly)."""
    size = max(1, len(text) // script.STREAM_CHUNKS)
    pieces, start = [], 0
    while start < len(text):
        end = text.find(" ", start + size)
        end = len(text) if end < 0 else end
        pieces.append(text[start:end])
        start = end
    return pieces


def _last_user_text(body: Any) -> str | None:
    if not isinstance(body, dict) or not isinstance(body.get("messages"), list) or not body["messages"]:
        return None
    last = body["messages"][-1]
    if not isinstance(last, dict) or last.get("role") != "user":
        return None
    content = last.get("content")
    if isinstance(content, list):  # content parts
        content = " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    return str(content)[:4000] if isinstance(content, str) and content.strip() else None


def _error(status: int, kind: str, message: str, headers: dict[str, str] | None = None) -> web.Response:
    return web.json_response({"error": {"message": message, "type": kind, "code": kind}}, status=status,
                             headers=headers)  # fmt: skip
