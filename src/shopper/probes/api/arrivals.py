"""What a bot said over its API, stamped when it reached us, and waited on by the session.

Connectors (one per protocol) only translate their wire format into :meth:`Arrivals.message`,
:meth:`Arrivals.stream`, :meth:`Arrivals.typing` and :meth:`Arrivals.fail`; the session applies
the same reply-complete rules as the chat probe on top (settle, typing, stream final).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, field
from typing import Any, Literal

from shopper.probes.base import ProbeError


def now_ms() -> float:
    """The one clock of every channel: epoch milliseconds (the chat page and mail use it too)."""
    return time.time() * 1000.0


@dataclass
class Arrival:
    """One message of the bot; a streamed one grows in place until ``final``."""

    seq: int
    kind: Literal["agent", "system"]
    text: str
    at_ms: float  # when its first text arrived (the first chunk of a stream)
    changed_ms: float  # when its text last changed (the final chunk)
    final: bool = True
    chunks: int = 1
    buttons: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


class Arrivals:
    """Every message, typing signal and failure of one conversation, in arrival order."""

    def __init__(self) -> None:
        self.messages: list[Arrival] = []
        self.typing_spans: list[tuple[bool, float]] = []
        self.error: ProbeError | None = None
        self.turn_done = False  # a request/response protocol answered: the turn is complete
        self.written_ms: float | None = None  # when the shopper's message went on the wire, if the connector knows
        self._streams: dict[str, Arrival] = {}
        self._changed = asyncio.Event()

    def message(self, kind: Literal["agent", "system"], text: str, at_ms: float, **extra: Any) -> Arrival:
        arrival = Arrival(len(self.messages) + 1, kind, text, at_ms, at_ms, **extra)
        self.messages.append(arrival)
        self._poke()
        return arrival

    def stream(self, stream_id: str, text: str, at_ms: float, *, final: bool, **extra: Any) -> Arrival:
        """A chunk of a streamed message: ``text`` is all of it so far (or, when final, all of it)."""
        arrival = self._streams.get(stream_id)
        if arrival is None:
            arrival = self.message("agent", text, at_ms, final=final, **extra)
            self._streams[stream_id] = arrival
        else:
            arrival.text, arrival.changed_ms, arrival.final = text, at_ms, final
            arrival.chunks += 1
            for key, value in extra.items():
                setattr(arrival, key, value)
        if final:
            self._streams.pop(stream_id, None)
        self._poke()
        return arrival

    def written(self, at_ms: float) -> None:
        """The shopper's message left now (a stamp from the HTTP layer, closer than the session's)."""
        if self.written_ms is None:  # a retried request: the customer's clock started at the first
            self.written_ms = at_ms
            self._poke()

    def typing(self, on: bool, at_ms: float) -> None:
        self.typing_spans.append((on, at_ms))
        self._poke()

    def typing_shown(self, since_ms: float, hold_ms: float) -> bool:
        """Is an indicator on? Protocols without an "off" signal hold it ``hold_ms`` (Direct Line: 3 s)."""
        if not self.typing_spans:
            return False
        on, at = self.typing_spans[-1]
        if not on or at < since_ms:
            return False
        later = [m for m in self.messages if m.changed_ms >= at]
        return not later and now_ms() - at < hold_ms

    def fail(self, error: ProbeError) -> None:
        if self.error is None:
            self.error = error
        self._poke()

    def done(self) -> None:
        self.turn_done = True
        self._poke()

    def streaming(self) -> bool:
        return any(not m.final for m in self.messages)

    async def changed(self, timeout_s: float) -> None:
        """Wait until anything arrives, or ``timeout_s``."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._changed.wait(), max(0.0, timeout_s))
        self._changed.clear()

    def _poke(self) -> None:
        self._changed.set()
