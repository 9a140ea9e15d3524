"""The demo platform: one support site, chat desk and email desk serving every bot profile.

``async with DemoPlatform(options) as demo`` inside a running loop; ``with RunningDemo(options)
as demo`` from synchronous code (a private loop in a thread, joined on exit).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Collection
from pathlib import Path
from types import TracebackType
from typing import Any

from aiohttp import web

from shopper.demo.addresses import HOST, DemoAddresses
from shopper.demo.chat import ChatDesk
from shopper.demo.cors import allow_cross_origin
from shopper.demo.desk import EmailDesk
from shopper.demo.directline import DirectLineService
from shopper.demo.groundtruth import GroundTruth
from shopper.demo.openai_api import OpenAIService
from shopper.demo.options import PROFILES, DemoOptions, Fault
from shopper.demo.rasa import RasaService
from shopper.demo.site import Site
from shopper.redaction import Redactor

log = logging.getLogger(__name__)


class DemoPlatform:
    """Start it, read its URLs and addresses, stop it. Binds 127.0.0.1 only."""

    def __init__(self, options: DemoOptions | None = None) -> None:
        self.options = options or DemoOptions()
        self.truth = GroundTruth(self.options.ground_truth, Redactor(self.options.redact))
        self.chat = ChatDesk(self.options, self.truth)
        self.desk = EmailDesk(self.options, self.truth)
        self.directline = DirectLineService(self.options, self.truth)
        self.rasa = RasaService(self.options, self.truth)
        self.openai = OpenAIService(self.options, self.truth)
        self._runner: web.AppRunner | None = None
        self._http_port = 0

    async def start(self) -> None:
        self.truth.open()
        try:
            app = Site(self.options, self.chat).app()
            app.add_routes([*self.directline.routes("/{profile}"), *self.openai.routes()])
            self.rasa.attach(app, PROFILES)
            allow_cross_origin(app)
            self._runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=1.0)
            await self._runner.setup()
            site = web.TCPSite(self._runner, HOST, self.options.http_port)
            await site.start()
            self._http_port = self._runner.addresses[0][1]
            await self.desk.start()
        except BaseException:
            await self.stop()
            raise
        log.info("demo platform on %s, SMTP %s:%d", self.base_url, HOST, self.desk.port)

    async def stop(self) -> None:
        await self.chat.close()
        await self.directline.close()
        await self.rasa.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        await self.desk.close()
        self.truth.close()

    async def __aenter__(self) -> DemoPlatform:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # --- where things are -------------------------------------------------------------------
    @property
    def addresses(self) -> DemoAddresses:
        """The platform's base URL and SMTP port, and every address derived from them."""
        return DemoAddresses(f"http://{HOST}:{self._http_port}", self.desk.port)

    @property
    def base_url(self) -> str:
        return self.addresses.base_url

    def site_url(
        self, profile: str, *, shadow: bool = False, faults: Collection[Fault] = (), heavy: bool = False
    ) -> str:
        return self.addresses.site_url(profile, shadow=shadow, faults=faults, heavy=heavy)

    def api_url(self, profile: str, protocol: str) -> str:
        return self.addresses.api_url(profile, protocol)

    @property
    def smtp_host(self) -> str:
        return HOST

    @property
    def smtp_port(self) -> int:
        return self.desk.port

    support_address = staticmethod(DemoAddresses.support_address)

    @property
    def ground_truth_path(self) -> Path | None:
        return self.options.ground_truth

    def ground_truth(self) -> list[dict[str, Any]]:
        """Every message seen so far, in order (copies; safe to read from any thread)."""
        return self.truth.records()

    def wait_for_ground_truth(
        self, predicate: Callable[[list[dict[str, Any]]], bool], timeout: float = 10.0
    ) -> list[dict[str, Any]]:
        """Block until ``predicate(records)`` holds (async callers: ``asyncio.to_thread``)."""
        return self.truth.wait_for(predicate, timeout)


class RunningDemo:
    """A :class:`DemoPlatform` on a private event loop in a thread, for synchronous callers.

    The properties and ``ground_truth()`` of the platform are available on ``.platform`` and
    forwarded here. ``stop()`` (or leaving the ``with`` block) stops the platform and joins
    the thread.
    """

    def __init__(self, options: DemoOptions | None = None, *, start_timeout: float = 10.0) -> None:
        self.platform = DemoPlatform(options)
        self._start_timeout = start_timeout
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self._started = threading.Event()
        self._error: BaseException | None = None

    def start(self) -> RunningDemo:
        self._thread = threading.Thread(target=self._run, name="shopper-demo", daemon=True)
        self._thread.start()
        if not self._started.wait(self._start_timeout):
            raise TimeoutError("the demo platform did not start in time")
        if self._error is not None:
            self._thread.join()
            raise RuntimeError("the demo platform failed to start") from self._error
        return self

    def _run(self) -> None:
        asyncio.run(self._main())

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stopping = asyncio.Event()
        try:
            await self.platform.start()
        except BaseException as exc:  # reported to start()'s caller
            self._error = exc
            self._started.set()
            return
        self._started.set()
        try:
            await self._stopping.wait()
        finally:
            await self.platform.stop()

    def stop(self) -> None:
        if self._thread is None:
            return
        if self._loop is not None and self._stopping is not None and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._stopping.set)
        self._thread.join()
        self._thread = None

    def __enter__(self) -> RunningDemo:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:  # fmt: skip
        self.stop()

    # --- forwarded --------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return self.platform.base_url

    def site_url(
        self, profile: str, *, shadow: bool = False, faults: Collection[Fault] = (), heavy: bool = False
    ) -> str:
        return self.platform.site_url(profile, shadow=shadow, faults=faults, heavy=heavy)

    @property
    def smtp_host(self) -> str:
        return self.platform.smtp_host

    @property
    def smtp_port(self) -> int:
        return self.platform.smtp_port

    def support_address(self, profile: str) -> str:
        return self.platform.support_address(profile)

    @property
    def ground_truth_path(self) -> Path | None:
        return self.platform.ground_truth_path

    def ground_truth(self) -> list[dict[str, Any]]:
        return self.platform.ground_truth()

    def wait_for_ground_truth(
        self, predicate: Callable[[list[dict[str, Any]]], bool], timeout: float = 10.0
    ) -> list[dict[str, Any]]:
        return self.platform.wait_for_ground_truth(predicate, timeout)
