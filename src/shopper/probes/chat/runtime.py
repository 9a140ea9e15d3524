"""The one browser of a run: launched Chromium, or a remote Playwright server."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from types import TracebackType

from playwright.async_api import Browser, Playwright, async_playwright
from playwright.async_api import Error as PlaywrightError

from shopper.probes.base import ProbeError, SessionContext
from shopper.probes.browser import find_chromium, launch_args
from shopper.probes.chat.config import BrowserSettings, ChatConfig
from shopper.probes.chat.node_options import driver_node_options
from shopper.probes.chat.opening import OpeningGate
from shopper.probes.chat.session import ChatSession
from shopper.probes.priority import unboosted, yield_to_pages

log = logging.getLogger(__name__)


class ChatBrowser:
    """``async with ChatBrowser(settings) as browser``: one browser, a session per conversation."""

    def __init__(self, settings: BrowserSettings | None = None) -> None:
        self.settings = settings or BrowserSettings()
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        self.gate = OpeningGate()  # how many of its sessions open their page at once

    @property
    def browser(self) -> Browser:
        if self._browser is None:
            raise ProbeError("the chat browser is not started (use `async with ChatBrowser(...)`)")
        return self._browser

    async def start(self) -> None:
        settings = self.settings
        self.gate = OpeningGate()  # in the loop that will use it (a semaphore binds to one)
        with driver_node_options():
            self._playwright = await async_playwright().start()
        try:
            if settings.connect:
                self._browser = await self._playwright.chromium.connect(
                    settings.connect, timeout=settings.connect_timeout_s * 1000
                )
            else:
                executable = settings.executable or find_chromium(headless=settings.headless)
                if executable is None:
                    raise ProbeError("no Chromium found; install one: apt-get install -y chromium chromium-headless-shell")
                self._browser = await self._launch(executable)
                await self._start_helper_processes()
                yield_to_pages()
        except PlaywrightError as exc:
            await self.stop()
            where = settings.connect or "Chromium"
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ProbeError(f"could not start the browser ({where}): {first}") from None
        except BaseException:
            await self.stop()
            raise
        log.info("chat browser ready: %s %s", "remote" if settings.connect else "local",
                 self._browser.version)  # fmt: skip

    async def _launch(self, executable: Path) -> Browser:
        """Launch ``executable``, unboosted where that applies (see :func:`unboosted`)."""
        assert self._playwright is not None
        settings = self.settings
        self._scratch = tempfile.TemporaryDirectory(prefix="shopper-browser-")
        wrapped = unboosted(executable, Path(self._scratch.name))
        chromium = self._playwright.chromium

        async def launch(path: Path) -> Browser:
            return await chromium.launch(executable_path=str(path), headless=settings.headless,
                                         args=launch_args(settings.extra_args, headless=settings.headless))  # fmt: skip

        try:
            return await launch(wrapped)
        except PlaywrightError:
            if wrapped == executable:
                raise
            # e.g. a temporary folder mounted noexec: Chromium as it is beats no Chromium
            log.warning("could not launch Chromium through %s; launching it directly", wrapped)
            return await launch(executable)

    async def _start_helper_processes(self) -> None:
        """Open and close one blank page: Chromium starts its GPU process and network service."""
        context = await self.browser.new_context()
        try:
            await context.new_page()
        finally:
            await context.close()

    async def stop(self) -> None:
        if self._browser is not None:
            try:
                await self._browser.close()
            except PlaywrightError as exc:
                log.debug("browser already closed: %s", exc)
            self._browser = None
        if self._playwright is not None:
            await self._playwright.stop()
            self._playwright = None
        if self._scratch is not None:
            self._scratch.cleanup()
            self._scratch = None

    async def __aenter__(self) -> ChatBrowser:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:  # fmt: skip
        await self.stop()

    def new_session(self, ctx: SessionContext, chat: ChatConfig) -> ChatSession:
        """A session for one conversation; its browser context is created by ``open()``."""
        return ChatSession(self.browser, ctx, chat, self.gate)
