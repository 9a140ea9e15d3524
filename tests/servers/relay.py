"""A throw-away SMTP relay for tests: what an MTA + LDA do between a desk and a mailbox.

It listens on 127.0.0.1, port 0 (aiosmtpd on its own event loop in a thread), accepts any
recipient and hands every message's raw bytes to ``deliver`` (e.g. an IMAP APPEND into the
shopper's dovecot mailbox), so a desk that answers by SMTP reaches a real IMAP inbox.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from aiosmtpd.smtp import SMTP


class _Handler:
    def __init__(self, deliver: Callable[[bytes], None]) -> None:
        self.deliver = deliver
        self.delivered = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        raw = envelope.original_content or envelope.content or b""
        data = raw if isinstance(raw, bytes) else raw.encode()
        try:
            await asyncio.to_thread(self.deliver, data)
        except Exception as exc:  # the sender sees a temporary failure, as from a real MTA
            return f"451 4.3.0 delivery failed: {type(exc).__name__}"
        self.delivered += 1
        return "250 2.0.0 delivered"


@contextmanager
def running_relay(deliver: Callable[[bytes], None]) -> Iterator[int]:
    """Run the relay; yields its port. Stopped (and its thread joined) on exit."""
    loop = asyncio.new_event_loop()
    handler = _Handler(deliver)
    holder: dict[str, Any] = {}

    async def start() -> None:
        server = await loop.create_server(lambda: SMTP(handler, hostname="relay.test", loop=loop),
                                          "127.0.0.1", 0)  # fmt: skip
        holder["server"], holder["port"] = server, server.sockets[0].getsockname()[1]

    async def stop() -> None:
        server = holder["server"]
        server.close()
        await server.wait_closed()

    thread = threading.Thread(target=loop.run_forever, name="test-smtp-relay", daemon=True)
    thread.start()
    try:
        asyncio.run_coroutine_threadsafe(start(), loop).result(timeout=10)
        yield int(holder["port"])
    finally:
        if "server" in holder:
            asyncio.run_coroutine_threadsafe(stop(), loop).result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        loop.close()
