"""One conversation with a bot through its own protocol: the ``api`` channel.

The session is the chat probe's rules without a browser: a message is stamped when its bytes
reached us (one epoch clock, read in the reader that parsed them), latency runs from the stamp
taken just before the shopper's message was written, and a reply ends after ``settle`` of quiet
with no typing shown and no stream still open, or at once when a request/response protocol has
answered. What a protocol says on its wire is a :class:`Connector`'s business.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from typing import Any, Protocol

from shopper.probes.api.arrivals import Arrival, Arrivals, now_ms
from shopper.probes.api.http import RateLimits
from shopper.probes.base import ProbeError, SessionContext
from shopper.probes.chat.turns import HUMAN_HANDOFF
from shopper.redaction import Redactor
from shopper.results import Artifacts, Turn, TurnPart

TYPING_HOLD_MS = 3000.0  # an indicator with no "off" (Direct Line typing) shows this long


class Connector(Protocol):
    """A protocol's wire: what it sends, and what it reports into :class:`Arrivals`."""

    protocol: str
    request_reply: bool  # the reply is the response to the send (REST, completions, HTTP JSON)
    bound_ms: float | None  # how late a stamp may be by the protocol's own nature (polling)
    limits: RateLimits

    async def open(self, arrivals: Arrivals) -> str | None:
        """Start the conversation; return the platform's conversation id when it gives one."""
        ...

    async def send(self, text: str, arrivals: Arrivals) -> None:
        """Write the shopper's message (request/response protocols: and read the answer)."""
        ...

    async def close(self) -> None: ...


@dataclass(frozen=True)
class ApiConfig:
    settle_s: float = 2.0  # quiet that ends the welcome (``welcome: settle``)
    welcome: str = "none"
    secrets: tuple[str, ...] = ()


class ApiSession:
    """Implements :class:`~shopper.probes.base.ChannelSession` over a :class:`Connector`."""

    def __init__(self, connector: Connector, ctx: SessionContext, config: ApiConfig) -> None:
        self.connector = connector
        self.ctx = ctx
        self.config = config
        self.redact = Redactor((*ctx.secrets, *config.secrets))
        self.arrivals = Arrivals()
        self.conversation_id: str | None = None
        self._reported = 0  # messages already returned as turns
        self._sent_at: float | None = None
        self._sending: asyncio.Task[None] | None = None
        self._waited_before = 0.0  # the rate limit's waits before this turn's send

    async def open(self) -> list[Turn]:
        started = now_ms()
        self.conversation_id = await self.connector.open(self.arrivals)
        if self.config.welcome == "settle":
            await self._quiet(started, self.config.settle_s * 1000)
        self._raise_failure()
        welcome = self.arrivals.messages[self._reported:]
        self._reported = len(self.arrivals.messages)
        return [self._turn(m, None, welcome=True) for m in welcome if m.final]

    async def _quiet(self, start_ms: float, settle_ms: float) -> None:
        while self.arrivals.error is None:
            quiet_from = max([start_ms, *(m.changed_ms for m in self.arrivals.messages)])
            left = settle_ms - (now_ms() - quiet_from)
            if left <= 0 and not self.arrivals.streaming():
                return
            await self.arrivals.changed(max(left, 10.0) / 1000)

    async def say(self, text: str, *, subject: str | None = None) -> Turn:
        self._raise_failure()
        self.arrivals.turn_done = False
        self.arrivals.written_ms = None
        self._waited_before = self.connector.limits.waited_ms
        at = now_ms()  # replaced by the moment the message went on the wire, which connectors report
        if self.connector.request_reply:
            # Its answer is the reply: await_reply waits for it. say returns once it is written.
            self._sending = sending = asyncio.ensure_future(self.connector.send(text, self.arrivals))
            while self.arrivals.written_ms is None and not sending.done():
                await self.arrivals.changed(1.0)
        else:
            await self.connector.send(text, self.arrivals)
        if self.arrivals.written_ms is not None:
            at = self.arrivals.written_ms
        self._sent_at = at
        meta: dict[str, Any] = {"protocol": self.connector.protocol}
        if self.conversation_id:
            meta["conversation_id"] = self.conversation_id
        return Turn(role="shopper", text=self.redact(text), at_ms=at, meta=meta)

    async def await_reply(self, *, within_s: float, settle_s: float) -> list[Turn]:
        if self._sent_at is None:
            raise ProbeError("api: await_reply before say")
        sent_at = self._sent_at
        deadline = sent_at + within_s * 1000
        try:
            while True:
                self._raise_failure()
                fresh = [m for m in self.arrivals.messages[self._reported:] if m.at_ms >= sent_at]
                now = now_ms()
                if not any(m.kind == "agent" for m in fresh):
                    if now >= deadline or self.arrivals.turn_done:
                        return []
                    await self.arrivals.changed((deadline - now) / 1000)
                    continue
                if self.arrivals.turn_done and not self.arrivals.streaming():
                    break
                quiet_from = max(m.changed_ms for m in fresh)
                if self.arrivals.typing_shown(sent_at, TYPING_HOLD_MS) or self.arrivals.streaming():
                    limit = within_s * 1000  # a stuck indicator or stream ends too
                else:
                    limit = settle_s * 1000
                if now - quiet_from >= limit or (now >= deadline and not self.arrivals.streaming()):
                    break
                await self.arrivals.changed(max(10.0, limit - (now - quiet_from)) / 1000)
        finally:
            if self._sending is not None and not self._sending.done() and now_ms() >= deadline:
                self._sending.cancel()
        fresh = self.arrivals.messages[self._reported:]
        self._reported = len(self.arrivals.messages)
        # A welcome still arriving when the shopper spoke (``welcome: none``) is never a reply.
        turns = [self._turn(m, sent_at, welcome=m.at_ms < sent_at) for m in fresh]
        waited = self.connector.limits.waited_ms - self._waited_before
        first = next((t for t in turns if t.role == "agent"), None)
        if first is not None and waited > 0:
            first.meta["rate_limited_ms"] = round(waited, 3)
        return turns

    def _raise_failure(self) -> None:
        if self._sending is not None and self._sending.done():
            sending, self._sending = self._sending, None
            if not sending.cancelled() and (exc := sending.exception()) is not None:
                if isinstance(exc, ProbeError):
                    self.arrivals.fail(exc)
                else:
                    raise exc
        if self.arrivals.error is not None:
            error = self.arrivals.error
            got = sum(1 for m in self.arrivals.messages[self._reported:] if m.kind == "agent")
            partial = [self._turn(m, self._sent_at) for m in self.arrivals.messages[self._reported:]]
            suffix = f" (after {got} agent message(s))" if got else ""
            raise type(error)(f"{error}{suffix}", partial)

    def _turn(self, message: Arrival, sent_at: float | None, *, welcome: bool = False) -> Turn:
        meta: dict[str, Any] = {"stamped": "api", "protocol": self.connector.protocol, **message.meta}
        if message.chunks > 1:
            meta["chunks"] = message.chunks
            meta["final_ms"] = message.changed_ms
            if sent_at is not None:
                meta["final_latency_ms"] = round(message.changed_ms - sent_at, 3)
        if not message.final:
            meta["unfinished"] = True  # the stream never sent its final chunk
        if self.conversation_id:
            meta["conversation_id"] = self.conversation_id
        parts = [*(TurnPart(kind="button", text=self.redact(b)) for b in message.buttons),
                 *(TurnPart(kind="href", text=self.redact(h)) for h in message.links)]  # fmt: skip
        text = self.redact(message.text)
        timing = {"arrived_ms": message.at_ms, "bound_ms": self.connector.bound_ms}
        if message.kind == "system":
            kind = "handoff" if HUMAN_HANDOFF.search(message.text) or meta.get("handoff") else "event"
            return Turn(role="system", text=text, at_ms=message.at_ms, kind=kind, parts=parts, meta=meta, **timing)
        latency = None if sent_at is None or welcome else round(message.at_ms - sent_at, 3)
        return Turn(role="agent", text=text, at_ms=message.at_ms, latency_ms=latency,
                    kind="welcome" if welcome else "message", parts=parts, meta=meta, **timing)  # fmt: skip

    async def close(self, *, failed: bool) -> Artifacts:
        if self._sending is not None and not self._sending.done():
            self._sending.cancel()
            with contextlib.suppress(BaseException):
                await self._sending
        await self.connector.close()
        return Artifacts()
