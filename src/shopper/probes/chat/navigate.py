"""Reaching a chat widget, declaratively: page, cookie banner, launcher, frames, shadow root, form.

Every step waits on a condition with what is left of one ``open_timeout_s`` budget; the first
that cannot be met becomes one :class:`~shopper.probes.base.Unavailable` line saying what was
missing, where, and after how long (with any failed HTTP responses seen on the way).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Literal

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import FrameLocator, Locator, Page, Response, expect
from playwright.async_api import TimeoutError as PlaywrightTimeout

from shopper.probes.base import Persona, ProbeError, Unavailable
from shopper.probes.chat.config import ChatConfig

WATCHED_RESOURCES = frozenset({"document", "script", "fetch", "xhr", "websocket"})


@dataclass
class HttpFailures:
    """Responses of 400 and above seen while opening (page, frames, scripts, chat API)."""

    seen: list[str] = field(default_factory=list)
    fatal: list[str] = field(default_factory=list)  # a frame document or the chat API failing
    fatal_seen: asyncio.Event = field(default_factory=asyncio.Event)

    def on_response(self, response: Response) -> None:
        if response.status < 400:
            return
        kind = response.request.resource_type
        if kind not in WATCHED_RESOURCES:
            return
        line = f"HTTP {response.status} for {response.request.method} {response.url}"
        self.seen.append(line)
        if kind == "document" or (kind in ("fetch", "xhr") and response.status >= 500):
            self.fatal.append(line)
            self.fatal_seen.set()


class Budget:
    """What is left of the open timeout, in Playwright's milliseconds."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._start = time.monotonic()

    def left_ms(self) -> float:
        return max(1.0, (self.seconds - (time.monotonic() - self._start)) * 1000.0)

    def elapsed_s(self) -> float:
        return time.monotonic() - self._start


class Navigator:
    """Runs the open steps of one conversation against one page."""

    def __init__(self, page: Page, chat: ChatConfig, failures: HttpFailures) -> None:
        self.page = page
        self.chat = chat
        self.sel = chat.selectors
        self.failures = failures
        self.budget = Budget(chat.open_timeout_s)

    def unavailable(self, missing: str) -> Unavailable:
        detail = "; ".join(dict.fromkeys(self.failures.seen))[:500]
        after = f"{self.budget.elapsed_s():.1f}"
        tail = f" ({detail})" if detail else ""
        return Unavailable(f"chat {self.chat.url}: the widget never loaded: "
                           f"{missing} after {after} s{tail}")  # fmt: skip

    def widget(self) -> Page | FrameLocator | Locator:
        """Where the widget's parts are: the frame chain, then the shadow host if any."""
        scope: Page | FrameLocator = self.page
        for frame in self.sel.frames:
            scope = scope.frame_locator(frame)
        return scope.locator(self.sel.shadow_host) if self.sel.shadow_host else scope

    def part(self, selector: str) -> Locator:
        return self.widget().locator(selector).first

    async def _wait(
        self, locator: Locator, what: str, state: Literal["attached", "visible"] = "visible"
    ) -> None:
        """Wait for ``locator``; give up early when the page or the chat API failed for good."""
        waiting = asyncio.ensure_future(locator.wait_for(state=state, timeout=self.budget.left_ms()))
        failed = asyncio.ensure_future(self.failures.fatal_seen.wait())
        try:
            await asyncio.wait({waiting, failed}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            failed.cancel()
        if not waiting.done():
            waiting.cancel()
            await asyncio.gather(waiting, return_exceptions=True)
            raise self.unavailable(what)
        exc = waiting.exception()
        if isinstance(exc, PlaywrightTimeout):
            raise self.unavailable(what) from None
        if isinstance(exc, PlaywrightError):
            raise self.unavailable(f"{what} ({_first_line(exc)})") from None
        if exc is not None:
            raise exc

    async def open(self, persona: Persona) -> None:
        await self.goto()
        if self.sel.cookie_banner:
            await self.dismiss_banner(self.sel.cookie_banner)
        if self.sel.launcher:
            scope: Page | FrameLocator = self.page
            for frame in self.sel.launcher_frames:
                scope = scope.frame_locator(frame)
            launcher = scope.locator(self.sel.launcher).first
            await self._wait(launcher, f"no launcher {self.sel.launcher!r}")
            await launcher.click(timeout=self.budget.left_ms())
        if self.sel.shadow_host:
            where = " > ".join(self.sel.frames) or "the page"
            await self._wait(self._host(), f"no shadow host {self.sel.shadow_host!r} in {where}",
                             state="attached")  # fmt: skip
        if self.sel.prechat is not None:
            await self.prechat(persona)
        assert self.sel.input is not None  # ChatConfig refuses selectors without one
        box = self.part(self.sel.input)
        await self._wait(box, self._missing("input", self.sel.input))
        try:
            await expect(box).to_be_editable(timeout=self.budget.left_ms())
        except AssertionError:
            raise self.unavailable(f"the input {self.sel.input!r} stayed disabled") from None

    def _host(self) -> Locator:
        scope: Page | FrameLocator = self.page
        for frame in self.sel.frames:
            scope = scope.frame_locator(frame)
        assert self.sel.shadow_host is not None
        return scope.locator(self.sel.shadow_host).first

    def _missing(self, part: str, selector: str) -> str:
        where = " > ".join(self.sel.frames) or "the page"
        return f"no {part} {selector!r} in {where}"

    async def goto(self) -> None:
        try:
            response = await self.page.goto(
                self.chat.url, wait_until="domcontentloaded", timeout=self.budget.left_ms()
            )
        except PlaywrightTimeout:
            raise self.unavailable("the page did not load") from None
        except PlaywrightError as exc:
            raise self.unavailable(f"the page did not load ({_first_line(exc)})") from None
        if response is not None and response.status >= 400:
            raise self.unavailable(f"the page answered HTTP {response.status}")

    async def dismiss_banner(self, selector: str) -> None:
        """Click the consent button if it shows up; a page without the banner is fine."""
        button = self.page.locator(selector).first
        try:
            await button.click(timeout=min(self.budget.left_ms(), 3000.0))
        except PlaywrightError:
            return

    async def prechat(self, persona: Persona) -> None:
        form = self.sel.prechat
        assert form is not None
        values = persona.public()
        for name, selector in form.fields.items():
            if name not in values:
                raise ProbeError(f"chat pre-chat form: the persona has no field {name!r}")
            box = self.part(selector)
            await self._wait(box, self._missing(f"pre-chat field {name}", selector))
            await box.fill(str(values[name]), timeout=self.budget.left_ms())
        if form.submit:
            button = self.part(form.submit)
            await self._wait(button, self._missing("pre-chat submit", form.submit))
            await button.click(timeout=self.budget.left_ms())


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__
