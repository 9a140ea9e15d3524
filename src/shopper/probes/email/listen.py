"""The listener inbox: shopper's own SMTP server receives the desk's replies.

aiosmtpd's protocol is served straight from the run's event loop (``loop.create_server``),
not from aiosmtpd's threaded ``Controller``: a reply is stamped the moment its DATA is
complete and dispatched on the same loop, with no hand-over between threads. Port 0 picks a
free port; :attr:`ListenInbox.port` tells which.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiosmtpd.smtp import SMTP

from shopper.probes.email.clock import now_ms
from shopper.probes.email.config import ListenSettings
from shopper.probes.email.inbox import Inbox, Received, parse_message

log = logging.getLogger(__name__)


class _Handler:
    def __init__(self, inbox: ListenInbox) -> None:
        self.inbox = inbox

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        done = now_ms()  # aiosmtpd calls this as soon as the final "." has been read
        raw = envelope.original_content or envelope.content or b""
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        self.inbox.count += 1
        received = Received(
            raw=raw, message=parse_message(raw), received_ms=done, observed_ms=done,
            clock="listener", envelope_from=envelope.mail_from or "",
            ref=f"listen #{self.inbox.count}",
        )
        self.inbox.dispatch(received)
        return "250 2.0.0 OK"


class ListenInbox(Inbox):
    """Use through :func:`shopper.probes.email.open_inbox`."""

    def __init__(self, settings: ListenSettings) -> None:
        super().__init__(f"listen {settings.host}:{settings.port}")
        self.settings = settings
        self.port = settings.port
        self.count = 0
        self._server: asyncio.Server | None = None

    async def start(self) -> None:
        handler = _Handler(self)
        loop = asyncio.get_running_loop()
        try:
            self._server = await loop.create_server(
                lambda: SMTP(handler, hostname="shopper.local", ident="shopper listener"),
                host=self.settings.host, port=self.settings.port,
            )
        except OSError as exc:
            self.error = f"{self.description}: cannot listen: {exc.strerror or exc}"
            log.error("%s", self.error)
            return
        self.port = self._server.sockets[0].getsockname()[1]
        self.description = f"listen {self.settings.host}:{self.port}"
        log.info("%s: receiving replies", self.description)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
