"""The IMAP inbox: one connection per target, IDLE when offered, polling with backoff if not.

A single watcher task owns the connection and calls the blocking client through
``asyncio.to_thread``, one call at a time; only ``DONE`` (ending an IDLE early, on close)
comes from another thread, under the client's lock. Mail already in the folder when the
inbox opens is never read: the watcher starts at the folder's ``UIDNEXT`` and remembers
the last UID it fetched, across reconnects while ``UIDVALIDITY`` holds.
"""

from __future__ import annotations

import asyncio
import contextlib
import imaplib
import logging
import ssl

from shopper.probes.email.clock import now_ms
from shopper.probes.email.config import ImapSettings
from shopper.probes.email.imap_client import ImapClient, LoginRefused
from shopper.probes.email.inbox import Inbox, Received, parse_message

log = logging.getLogger(__name__)

CONNECT_ERRORS = (OSError, imaplib.IMAP4.error, ssl.SSLError, EOFError)


class ImapInbox(Inbox):
    """Use through :func:`shopper.probes.email.open_inbox`."""

    def __init__(
        self,
        settings: ImapSettings,
        *,
        ssl_context: ssl.SSLContext | None = None,
        use_idle: bool = True,
        max_poll_s: float = 120.0,
        idle_refresh_s: float = 600.0,
    ) -> None:
        super().__init__(f"imap {settings.host}:{settings.port}")
        self.settings = settings
        self._context = ssl_context
        self._use_idle = use_idle
        self._max_poll_s = max(max_poll_s, settings.poll_s)
        self._idle_refresh_s = idle_refresh_s
        self._client: ImapClient | None = None
        self._next_uid = 1
        self._uidvalidity: int | None = None
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.fetched = 0  # messages read so far (for tests and logs)

    async def start(self) -> None:
        """Log in once; a refusal or an unreachable server leaves :attr:`error` set."""
        try:
            await self._connect(first=True)
        except LoginRefused as exc:
            self.error = (f"{self.description}: login refused for {self.settings.username}: "
                          f"{_words(exc)}")
        except CONNECT_ERRORS as exc:
            self.error = f"{self.description}: cannot connect: {type(exc).__name__}: {exc}"
        if self.error is not None:
            log.error("%s", self.error)
            return
        self._task = asyncio.create_task(self._watch(), name=self.description)

    async def _connect(self, *, first: bool) -> None:
        client = ImapClient(self.settings, self._context, self._idle_refresh_s + 60.0)
        uidnext = await asyncio.to_thread(client.connect)
        if first or client.uidvalidity != self._uidvalidity:
            if not first:
                log.warning("%s: UIDVALIDITY changed; reading from now on", self.description)
            self._next_uid = uidnext
        self._uidvalidity = client.uidvalidity
        self._client = client

    async def stop(self) -> None:
        self._stop.set()
        if self._client is not None:
            await asyncio.to_thread(self._client.done)
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._client is not None:
            await asyncio.to_thread(self._client.close)
            self._client = None

    async def _watch(self) -> None:
        """Fetch, dispatch, wait for news; reconnect with backoff when the link drops."""
        poll_s = self.settings.poll_s
        failures = 0
        while not self._stop.is_set():
            try:
                if self._client is None:
                    await self._connect(first=False)
                got = await self._fetch_and_dispatch()
                failures = 0
                poll_s = self.settings.poll_s if got else min(poll_s * 1.5, self._max_poll_s)
                if self._stop.is_set():
                    break
                await self._wait_for_news(poll_s)
            except LoginRefused as exc:
                self.error = f"{self.description}: login refused: {_words(exc)}"
                log.error("%s", self.error)
                return
            except CONNECT_ERRORS as exc:
                failures += 1
                delay = min(60.0, 2.0 ** failures)
                log.warning("%s: %s: %s; reconnecting in %.0f s", self.description,
                            type(exc).__name__, exc, delay)
                if self._client is not None:
                    await asyncio.to_thread(self._client.close)
                    self._client = None
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stop.wait(), delay)

    async def _fetch_and_dispatch(self) -> int:
        client = self._client
        assert client is not None
        fetched = await asyncio.to_thread(client.fetch_since, self._next_uid)
        observed = now_ms()
        handled: list[int] = []
        for item in fetched:
            self._next_uid = max(self._next_uid, item.uid + 1)
            self.fetched += 1
            received = Received(
                raw=item.raw, message=parse_message(item.raw), received_ms=item.internaldate_ms,
                observed_ms=observed, clock="internaldate", ref=f"imap uid {item.uid}",
            )
            if self.dispatch(received):
                handled.append(item.uid)
        if handled and self.settings.move_handled_to:
            await asyncio.to_thread(client.move, handled, self.settings.move_handled_to)
        return len(fetched)

    async def _wait_for_news(self, poll_s: float) -> None:
        client = self._client
        assert client is not None
        if not (self._use_idle and client.supports_idle):
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), poll_s)
            return
        idling = asyncio.ensure_future(asyncio.to_thread(client.idle))
        stopping = asyncio.ensure_future(self._stop.wait())
        try:
            await asyncio.wait({idling, stopping}, timeout=self._idle_refresh_s,
                               return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopping.cancel()
        if not idling.done():  # refresh (RFC 2177: re-issue within 29 min) or stop
            await asyncio.to_thread(client.done)
        await idling


def _words(exc: BaseException) -> str:
    text = str(exc)
    if text.startswith(("b'", 'b"')):
        text = text[2:-1]
    return " ".join(text.split())
