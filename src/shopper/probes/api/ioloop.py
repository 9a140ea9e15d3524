"""The api channel's own event loop, in a thread of its own.

A bot-API message is stamped when the loop that reads its socket gets to it. On the run's main
loop that moment waits behind everything else the loop does: dozens of browser pages' protocol
traffic at the start of a run, mail, result writing (`make demo`: api stamps up to 148 ms late in
its first minute, with chat, api and mail conversations starting together). On a loop of its own
the api reader waits only for the interpreter lock, which the runner hands over every 0.5 ms
(:func:`shopper.audits.runner.short_interpreter_slices`).

:class:`IoLoop` runs the loop; :class:`OnIoLoop` is a :class:`~shopper.probes.base.ChannelSession`
whose calls run there, so the driver on the main loop awaits them as before. Cancelling a call
(a driver's timeout) cancels it on the I/O loop.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

from shopper.probes.base import ChannelSession
from shopper.results import Artifacts, Turn

T = TypeVar("T")


class IoLoop:
    """An event loop running in a daemon thread until :meth:`stop`."""

    def __init__(self, name: str = "shopper-api-io") -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()
        self.loop.run_until_complete(self.loop.shutdown_asyncgens())
        self.loop.close()

    async def call(self, coro: Coroutine[Any, Any, T]) -> T:
        """Run ``coro`` on the I/O loop and wait for it from the caller's loop."""
        return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coro, self.loop))

    def stop(self) -> None:
        """Stop the loop (after what is running on it has finished) and join its thread."""
        if self._thread.is_alive():
            self.loop.call_soon_threadsafe(self.loop.stop)
            self._thread.join()


class OnIoLoop:
    """A channel session whose every call runs on an :class:`IoLoop`."""

    def __init__(self, session: ChannelSession, io: IoLoop) -> None:
        self.session = session
        self._io = io

    async def open(self) -> list[Turn]:
        return await self._io.call(self.session.open())

    async def say(self, text: str, *, subject: str | None = None) -> Turn:
        return await self._io.call(self.session.say(text, subject=subject))

    async def await_reply(self, *, within_s: float, settle_s: float) -> list[Turn]:
        return await self._io.call(self.session.await_reply(within_s=within_s, settle_s=settle_s))

    async def close(self, *, failed: bool) -> Artifacts:
        return await self._io.call(self.session.close(failed=failed))
