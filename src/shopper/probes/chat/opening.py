"""A few pages open at a time: the opening gate.

Opening a conversation is the CPU-heaviest part of it: a browser context, a renderer process,
the site's page, the widget's frame and bundle, its first render (about 0.44 s of CPU on the
demo: renderer 215 ms, browser 79, driver 72, python 38). Sixteen conversations started
together open sixteen pages at once on a machine with two cores and each waits for all the
others: every one of them had its input usable after 3.9 s. Through the gate at most ``width``
pages open at once and the rest wait their turn, so the first ones reach their welcome (idle
time, spent waiting on the desk) while the next ones open. Sixteen demo pages at once, mean
(first, last) time to a usable input: all at once 3.9 s (3.8, 4.0); one at a time 3.4 s (0.4,
6.4); two 2.9 s (0.6, 5.1); three 2.8 s (0.9, 4.7); four 2.7 s (1.0, 4.3). An opening waits on
the network and on other processes part of the time, so two per core is the width.

A page holds its place for ``lease_s`` at most: a widget that takes long to come up (or never
does) lets the next page start opening after that, instead of blocking the gate until its own
timeout.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

LEASE_S = 2.0


def default_width() -> int:
    """Pages opening at once: two per core."""
    return 2 * (os.cpu_count() or 1)


class OpeningGate:
    """``async with gate.opening():`` around the part of a conversation that opens its page."""

    def __init__(self, width: int | None = None, lease_s: float = LEASE_S) -> None:
        self.width = width or default_width()
        self.lease_s = lease_s
        self._places = asyncio.Semaphore(self.width)

    @asynccontextmanager
    async def opening(self) -> AsyncIterator[None]:
        await self._places.acquire()
        released = False

        def release() -> None:
            nonlocal released
            if not released:
                released = True
                self._places.release()

        lease = asyncio.get_running_loop().call_later(self.lease_s, release)
        try:
            yield
        finally:
            lease.cancel()
            release()
