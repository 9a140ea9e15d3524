"""One chat conversation in a fresh browser context: a clean customer every time."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from playwright.async_api import Browser, BrowserContext, Locator, Page
from playwright.async_api import Error as PlaywrightError

from shopper.probes.base import ProbeError, SessionContext, TransientError
from shopper.probes.chat.config import ChatConfig, keeps, records
from shopper.probes.chat.heap import collect_garbage
from shopper.probes.chat.navigate import HttpFailures, Navigator
from shopper.probes.chat.network import NetworkTap
from shopper.probes.chat.observer import BINDING, Message, RecordLog, init_script, page_now_ms, page_number
from shopper.probes.chat.opening import OpeningGate
from shopper.probes.chat.taps import reconcile, tap_script
from shopper.probes.chat.turns import reply_turns, welcome_turns
from shopper.redaction import Redactor
from shopper.results import Artifacts, Turn

log = logging.getLogger(__name__)

POLL_FLOOR_S = 0.01
CATCH_UP_S = 2.0  # how long the records of a change the page reported get to arrive
NORMAL_CLOSE = 1000


class ChatSession:
    """Implements :class:`~shopper.probes.base.ChannelSession` for a web chat widget.

    Every time it returns is a page stamp (see :mod:`shopper.probes.chat.observer`); latency
    is an agent message's stamp minus the shopper's in-page send stamp, so typing and think
    time never count.
    """

    def __init__(
        self, browser: Browser, ctx: SessionContext, chat: ChatConfig, gate: OpeningGate | None = None
    ) -> None:
        self.browser = browser
        self.gate = gate or OpeningGate()
        self.ctx = ctx
        self.chat = chat
        self.records = RecordLog()
        self.redact = Redactor((*ctx.secrets, *chat.secrets))
        self._context: BrowserContext | None = None
        self._page: Page | None = None
        self._nav: Navigator | None = None
        self._reported: set[int] = set()
        self._send: tuple[int, float] | None = None  # (record order, page stamp) of the last send
        self._sent_text: str | None = None  # what the last send carried (found again on the wire)
        self._tracing = False
        self._closed = False
        self._tap = NetworkTap()
        self._tap_tasks: set[asyncio.Future[bool]] = set()

    @property
    def conversation_id(self) -> str | None:
        """The widget's own conversation id, when it exposes one as ``data-conversation-id``."""
        return self.records.conversation_id

    # --- open -------------------------------------------------------------------------------
    async def open(self) -> list[Turn]:
        async with self.gate.opening():  # the CPU-heavy part: a few conversations at a time
            await self._open_page()
        assert self._nav is not None
        await self._quiet_since(page_now_ms(), self.chat.settle_s, self._nav.budget.left_ms())
        early = [m for m in self.records.messages if m.kind != "shopper"]
        self._reported.update(m.seq for m in early)
        self._network_arrivals(early)
        reconcile(early, self.records.taps)
        return welcome_turns(early, self.redact, self.conversation_id)

    async def _open_page(self) -> None:
        """A fresh context, its page, and the widget open with its input usable."""
        locale = self.ctx.persona.locale.replace("_", "-")
        width, height = self.chat.viewport
        self._context = context = await self.browser.new_context(
            locale=locale, viewport={"width": width, "height": height}
        )
        await context.expose_binding(BINDING, self._on_records)
        await context.add_init_script(script=init_script(self.chat.selectors))
        if self.chat.selectors.tap:  # after the observer: the tap reports through it
            await context.add_init_script(script=tap_script(self.chat.selectors.tap))
        failures = HttpFailures()
        context.on("response", failures.on_response)
        if records(self.chat.trace):
            # DOM snapshots, not a screencast: a screencast per context costs a core at 16
            # conversations and that CPU starvation is what delays in-page timestamps.
            await context.tracing.start(screenshots=False, snapshots=True)
            self._tracing = True
        self._page = await context.new_page()
        await self._tap_network(context, self._page)
        self._nav = Navigator(self._page, self.chat, failures)
        await self._nav.open(self.ctx.persona)
        await collect_garbage(self._tap.sessions)

    async def _tap_network(self, context: Any, page: Any) -> None:
        """Network-layer arrival stamps for the page and each out-of-process frame it loads."""
        self._tap = NetworkTap()
        if not await self._tap.attach(context, page):
            return
        tapped: set[int] = set()

        def on_frame(frame: Any) -> None:
            if frame is not page.main_frame and id(frame) not in tapped:
                tapped.add(id(frame))
                task = asyncio.ensure_future(self._tap.attach(context, frame))
                self._tap_tasks.add(task)
                task.add_done_callback(self._tap_tasks.discard)

        page.on("framenavigated", on_frame)

    def _network_arrivals(self, messages: list[Message]) -> None:
        """Replace the in-page arrival of each message by the network layer's, when a frame matched.

        A network stamp later than the in-page shown stamp would mean a bad clock mapping: the
        in-page stamp is kept then.
        """
        for message in sorted(messages, key=lambda m: m.seq):
            if message.kind == "shopper":
                continue
            found = self._tap.arrival_ms(message.text)
            if found is None or (message.shown_ms is not None and found > message.shown_ms):
                continue
            message.arrived_ms = message.at_ms = round(found, 3)
            message.via = "network"
            message.clock_uncertainty_ms = self._tap.uncertainty_ms()

    def _on_records(self, source: dict[str, Any], batch: Any) -> None:
        self.records.receive(id(source.get("frame")), batch)

    async def _quiet_since(self, start_ms: float, settle_s: float, cap_ms: float) -> None:
        """Wait for ``settle_s`` without new text or typing (the welcome), at most ``cap_ms``."""
        deadline = page_now_ms() + cap_ms
        while True:
            quiet_from = max([start_ms, *self._activity(self.records.messages)])
            now = page_now_ms()
            if now >= deadline:
                return
            if not self.records.typing_shown() and now - quiet_from >= settle_s * 1000:
                if await self._nothing_in_flight():
                    return
                continue
            wait_ms = settle_s * 1000 - (now - quiet_from)
            await self.records.changed(max(POLL_FLOOR_S, min(wait_ms, deadline - now) / 1000))

    async def _nothing_in_flight(self) -> bool:
        """True when the page changed nothing since the records received so far; else wait for
        the records of its later changes and return False (the settle is counted again).

        A settle runs out on the records received so far. On a loaded machine the record of a
        last change (a streamed reply's final words) can still be on its way from the page, and
        the reply would be read cut short. Each frame's observer knows when it last saw a message
        or the typing indicator change: one round trip per frame, once per settle, asks it. Its
        records get ``CATCH_UP_S`` to arrive; if none does, what was received is taken as it is.
        """
        known = self._known_activity()
        if await self._page_last_activity() <= known + 0.001:
            return True
        give_up = time.monotonic() + CATCH_UP_S
        while self._known_activity() <= known and (left := give_up - time.monotonic()) > 0:
            await self.records.changed(left)
        return self._known_activity() <= known

    def _known_activity(self) -> float:
        return max(self._activity(self.records.messages), default=0.0)

    async def _page_last_activity(self) -> float:
        """The latest change of a message or the typing indicator that any frame's observer saw."""
        latest = 0.0
        for frame in self._page.frames if self._page is not None else ():
            asking = frame.evaluate("() => window.__shopperLastActivity ? window.__shopperLastActivity() : 0")
            try:  # a frame whose main thread hangs does not hold the conversation
                seen = await asyncio.wait_for(asking, CATCH_UP_S)
            except (PlaywrightError, TimeoutError):  # a frame that went away, or hangs
                continue
            latest = max(latest, page_number(seen) or 0.0)
        return min(latest, page_now_ms())  # the page is untrusted: no activity in the future

    def _activity(self, messages: list[Message]) -> list[float]:
        stamps = [m.changed_ms for m in messages]
        if self.records.typing:
            stamps.append(self.records.typing[-1][1])
        return stamps

    # --- say ----------------------------------------------------------------------------------
    async def say(self, text: str, *, subject: str | None = None) -> Turn:
        nav = self.navigator
        sel = self.chat.selectors
        assert sel.input is not None
        box = nav.part(sel.input)
        typing_s = await self._type(box, text)
        mark = self.records.order
        try:
            if sel.send:
                await nav.part(sel.send).click(timeout=self.chat.send_confirm_s * 1000)
            else:
                await box.press("Enter", timeout=self.chat.send_confirm_s * 1000)
        except PlaywrightError as exc:
            raise TransientError(f"chat: could not send the message: {_first_line(exc)}") from None
        send = await self._wait_for(lambda: self.records.first_send_after(mark))
        if send is None:
            raise TransientError(
                f"chat: the send never registered in the page within {self.chat.send_confirm_s} s"
            )
        order, at_ms, how = send
        if sel.shopper_message is not None:
            shown = await self._wait_for(lambda: self._shopper_message_after(mark))
            if shown is None:
                raise TransientError("chat: the message was not sent: the widget never showed it "
                                     f"within {self.chat.send_confirm_s} s")  # fmt: skip
            self._reported.add(shown.seq)
        self._send = (order, at_ms)
        self._sent_text = text
        meta: dict[str, Any] = {"sent_by": how, "typing_s": round(typing_s, 3)}
        if self.conversation_id:
            meta["conversation_id"] = self.conversation_id
        return Turn(role="shopper", text=self.redact(text), at_ms=at_ms, meta=meta)

    async def _type(self, box: Any, text: str) -> float:
        """Type at ``typing_cps`` (capped at ``max_typing_s``), or fill; returns the seconds spent."""
        cps = self.chat.typing_cps
        try:
            if cps <= 0 or "\n" in text or not text:  # Enter would send a multi-line text early
                await box.fill(text)
                return 0.0
            delay_ms = min(1000.0 / cps, self.chat.max_typing_s * 1000.0 / len(text))
            await box.fill("")
            started = page_now_ms()
            await box.press_sequentially(text, delay=delay_ms)
            return (page_now_ms() - started) / 1000.0
        except PlaywrightError as exc:
            raise TransientError(f"chat: could not type into the input: {_first_line(exc)}") from None

    def _shopper_message_after(self, mark: int) -> Message | None:
        return next((m for m in self.records.messages if m.kind == "shopper" and m.seq > mark), None)

    async def _wait_for(self, probe: Any) -> Any:
        deadline = page_now_ms() + self.chat.send_confirm_s * 1000
        while (found := probe()) is None:
            left = deadline - page_now_ms()
            if left <= 0:
                return None
            await self.records.changed(left / 1000)
        return found

    # --- await_reply ----------------------------------------------------------------------------
    async def await_reply(self, *, within_s: float, settle_s: float) -> list[Turn]:
        if self._send is None:
            raise ProbeError("chat: await_reply before say")
        mark, sent_at = self._send
        deadline = sent_at + within_s * 1000
        while True:
            self._raise_if_dropped(mark)
            fresh = [m for m in self.records.messages
                     if m.seq not in self._reported and m.kind != "shopper"]  # fmt: skip
            replies = [m for m in fresh if m.seq > mark]
            now = page_now_ms()
            if not any(m.kind == "agent" for m in replies):
                if now >= deadline:
                    return []
                await self.records.changed(max(POLL_FLOOR_S, (deadline - now) / 1000))
                continue
            quiet_from = max(self._activity(replies))
            typing = self.records.typing_shown()
            limit = within_s * 1000 if typing else settle_s * 1000  # a stuck indicator ends too
            if now - quiet_from >= limit:
                if await self._nothing_in_flight():
                    break
                continue
            await self.records.changed(max(POLL_FLOOR_S, (limit - (now - quiet_from)) / 1000))
        self._reported.update(m.seq for m in fresh)
        self._network_arrivals(fresh)
        reconcile(fresh, self.records.taps)
        late = [m for m in fresh if m.seq < mark]  # a welcome that came after open() returned
        turns = welcome_turns(late, self.redact, self.conversation_id)
        wire = self._wire_sent(sent_at, replies)
        answered = reply_turns(replies, sent_at_ms=wire or sent_at, redact=self.redact,
                               conversation=self.conversation_id, typing=self._typing_since(sent_at))  # fmt: skip
        first = next((t for t in answered if t.role == "agent"), None)
        if first is not None and wire is not None:
            first.meta["sent_stamped"] = "network"  # latencies run from the message on the wire
            first.meta["sent_ms"] = round(wire, 3)
        return turns + answered

    def _wire_sent(self, page_sent: float, replies: list[Message]) -> float | None:
        """When the browser sent the shopper's message (its WebSocket frame or request body), from
        the network layer: on a loaded machine the page registers a send some ms before the frame
        leaves, as it shows a reply some ms after the frame came. Only a plausible stamp is kept:
        not before the page's own, not after the first reply arrived."""
        if self._sent_text is None:
            return None
        wire = self._tap.sent_ms(self._sent_text)
        first_reply = min((m.at_ms for m in replies if m.kind == "agent"), default=None)
        if wire is None or wire < page_sent - 1.0 or (first_reply is not None and wire > first_reply):
            return None
        return wire

    def _typing_since(self, start_ms: float) -> list[list[float | None]]:
        spans: list[list[float | None]] = []
        for shown, at in self.records.typing:
            if at < start_ms:
                continue
            if shown:
                spans.append([at, None])
            elif spans and spans[-1][1] is None:
                spans[-1][1] = at
        return spans

    def _raise_if_dropped(self, mark: int) -> None:
        for event in self.records.sockets:
            if event.seq > mark and event.event == "close" and event.opened \
                    and event.code != NORMAL_CLOSE:  # fmt: skip
                got = sum(1 for m in self.records.messages if m.seq > mark and m.kind == "agent")
                reason = f", {event.reason!r}" if event.reason else ""
                raise TransientError(
                    f"chat: connection dropped mid-reply: the widget's socket closed "
                    f"(code {event.code}{reason}) after {got} agent message(s)"
                )

    # --- close ----------------------------------------------------------------------------------
    async def close(self, *, failed: bool) -> Artifacts:
        artifacts = Artifacts()
        if self._closed or self._context is None:
            return artifacts
        self._closed = True
        directory = self.ctx.artifacts_dir
        try:
            if self._page is not None and keeps(self.chat.screenshot, failed=failed):
                directory.mkdir(parents=True, exist_ok=True)
                path = directory / "screenshot.png"
                await self._page.screenshot(path=path, timeout=10_000, mask=self._secret_locators())
                artifacts.screenshot = self.ctx.stored(path)
            if self._tracing:
                if keeps(self.chat.trace, failed=failed):
                    directory.mkdir(parents=True, exist_ok=True)
                    path = directory / "trace.zip"
                    await self._context.tracing.stop(path=path)
                    self.redact.trace(path)
                    artifacts.trace = self.ctx.stored(path)
                else:
                    await self._context.tracing.stop()
        except PlaywrightError as exc:
            log.warning("chat %s: artifacts not written: %s", self.ctx.key, _first_line(exc))
        finally:
            try:
                await self._context.close()
            except PlaywrightError as exc:
                log.debug("chat %s: context already gone: %s", self.ctx.key, _first_line(exc))
        return artifacts

    def _secret_locators(self) -> list[Locator]:
        """Every element, in any frame, that shows a secret: masked in the screenshot."""
        if self._page is None or not self.redact:
            return []
        return [frame.get_by_text(secret) for frame in self._page.frames for secret in self.redact.secrets]

    @property
    def navigator(self) -> Navigator:
        """Where the widget's parts are (after ``open``): frames, shadow host, selectors."""
        if self._nav is None:
            raise ProbeError("chat: the session is not open")
        return self._nav


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__
