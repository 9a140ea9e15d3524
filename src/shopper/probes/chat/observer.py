"""The in-page observer (``observer.js``) and the Python side that collects its records.

Every time in a chat transcript comes from the page: the observer stamps messages, typing and
the shopper's send with ``performance.timeOrigin + performance.now()`` when they happen, and
pushes the records through an exposed binding. Python only reads those stamps, so a busy event
loop delays when we *notice* a message, never the time we *record* for it.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

from shopper.probes.chat.taps import TapEvent
from shopper.probes.preset import ChatSelectors

BINDING = "__shopperChatRecords"


def init_script(selectors: ChatSelectors) -> str:
    """The observer, configured with the widget's selectors, as an init script."""
    source = files("shopper.probes.chat").joinpath("observer.js").read_text(encoding="utf-8")
    config = {
        "binding": BINDING,
        "selectors": {
            "agent": selectors.agent_message,
            "system": selectors.system_message,
            "shopper": selectors.shopper_message,
            "typing": selectors.typing,
            "input": selectors.input,
            "send": selectors.send,
            "message_list": selectors.message_list,
            "quick_replies": selectors.quick_replies,
        },
    }
    return f"{source.rstrip().rstrip(';')}({json.dumps(config)});"


def page_now_ms() -> float:
    """Now on the machine's epoch clock, the one ``performance.timeOrigin`` is based on.

    Used only to decide when to *stop waiting* (quiet periods, deadlines), never as a stamp.
    """
    return time.time() * 1000.0


@dataclass
class Message:
    """One message element the observer saw, with its text as last read."""

    seq: int
    kind: str  # agent | system | shopper
    at_ms: float
    text: str
    changed_ms: float  # when the text last changed (== at_ms if it never did)
    data: dict[str, str] = field(default_factory=dict)
    via: str = "dom"  # "socket": when the frame carrying it reached the page; "network": the browser
    buttons: list[str] = field(default_factory=list)  # labels of its buttons and quick replies
    links: list[str] = field(default_factory=list)  # targets (href) of its links
    arrived_ms: float | None = None  # when the frame carrying its text reached the page
    shown_ms: float | None = None  # when it became visible with text
    bound_ms: float | None = None  # how late the main thread ran around those stamps
    clock_uncertainty_ms: float | None = None  # of the network-to-page clock mapping (network arrivals)
    tap_ms: float | None = None  # when the widget's own event API reported it (a preset's tap)
    tap_marks: str | None = None  # which moment that event marks: arrived | shown

    @property
    def tap_gap_ms(self) -> float | None:
        """The tap's stamp minus the page's stamp of the moment its event marks, where both exist."""
        page = self.arrived_ms if self.tap_marks == "arrived" else self.shown_ms if self.tap_marks == "shown" else None
        return None if self.tap_ms is None or page is None else round(self.tap_ms - page, 3)


def page_number(raw: Any) -> float | None:
    """A finite number from the page (untrusted), or None."""
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        return None
    value = float(raw)
    return value if value == value and abs(value) != float("inf") else None


MAX_PARTS = 20
MAX_TAPS = 2000  # tap events kept per conversation (a chatty widget cannot grow memory forever)


def _strings(raw: Any, limit: int) -> list[str]:
    """A list of short strings from the page (untrusted: anything else is dropped)."""
    if not isinstance(raw, list):
        return []
    return [str(item)[:limit] for item in raw[:MAX_PARTS] if isinstance(item, str) and item.strip()]


@dataclass
class SocketEvent:
    seq: int
    event: str  # open | close
    at_ms: float
    url: str = ""
    code: int | None = None
    reason: str = ""
    opened: bool = False


class RecordLog:
    """Everything one conversation's page reported, in order, with a wake-up for waiters."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.sends: list[tuple[int, float, str]] = []  # (order, at_ms, how)
        self.typing: list[tuple[bool, float]] = []  # (shown, at_ms)
        self.sockets: list[SocketEvent] = []
        self.taps: list[TapEvent] = []  # the widget's own message events (a preset's tap)
        self.conversation_id: str | None = None
        self._order = 0  # our own order across frames (each frame numbers its records)
        self._by_ref: dict[tuple[int, int], Message] = {}
        self._changed = asyncio.Event()

    @property
    def order(self) -> int:
        """A counter that grows with every record received (a mark for "after this")."""
        return self._order

    def typing_shown(self) -> bool:
        return bool(self.typing) and self.typing[-1][0]

    def receive(self, frame_key: int, batch: Any) -> None:
        """Handle one batch pushed by the observer of one frame (content is untrusted)."""
        if not isinstance(batch, list):
            return
        for raw in batch:
            if isinstance(raw, dict):
                self._one(frame_key, raw)
        self._changed.set()

    def _one(self, frame_key: int, raw: dict[str, Any]) -> None:
        self._order += 1
        kind = raw.get("type")
        at = page_number(raw.get("at_ms")) or 0.0  # the page is untrusted: a stamp may be anything
        if kind == "message" and raw.get("kind") in ("agent", "system", "shopper"):
            data = raw.get("data")
            message = Message(
                seq=self._order, kind=str(raw["kind"]), at_ms=at, text=str(raw.get("text", "")),
                changed_ms=at, data={str(k): str(v) for k, v in (data or {}).items()},
                via="socket" if raw.get("via") == "socket" else "dom",
                buttons=_strings(raw.get("buttons"), 300), links=_strings(raw.get("links"), 500),
                arrived_ms=page_number(raw.get("arrived_ms")), shown_ms=page_number(raw.get("shown_ms")),
                bound_ms=page_number(raw.get("bound_ms")),
            )  # fmt: skip
            self.messages.append(message)
            self._by_ref[(frame_key, int(raw.get("seq", 0)))] = message
        elif kind == "text":
            found = self._by_ref.get((frame_key, int(raw.get("ref", 0))))
            if found is not None:
                found.text, found.changed_ms = str(raw.get("text", "")), at
        elif kind == "parts":
            found = self._by_ref.get((frame_key, int(raw.get("ref", 0))))
            if found is not None:
                found.buttons = _strings(raw.get("buttons"), 300)
                found.links = _strings(raw.get("links"), 500)
                found.changed_ms = at
        elif kind == "typing":
            self.typing.append((bool(raw.get("on")), at))
        elif kind == "send":
            self.sends.append((self._order, at, str(raw.get("how", ""))))
        elif kind == "socket":
            code = raw.get("code")
            self.sockets.append(SocketEvent(
                seq=self._order, event=str(raw.get("event")), at_ms=at, url=str(raw.get("url", "")),
                code=int(code) if isinstance(code, int | float) else None,
                reason=str(raw.get("reason", "")), opened=bool(raw.get("opened")),
            ))  # fmt: skip
        elif kind == "tap":
            stamp, text = page_number(raw.get("at_ms")), raw.get("text")
            if stamp is not None and isinstance(text, str) and len(self.taps) < MAX_TAPS:
                role = "shopper" if raw.get("role") == "shopper" else "agent"
                self.taps.append(TapEvent(stamp, role, text[:4000], str(raw.get("source", ""))[:40]))
        elif kind == "conversation":
            self.conversation_id = str(raw.get("id", ""))[:200] or None

    async def changed(self, timeout_s: float) -> bool:
        """Wait until a new batch arrives or ``timeout_s`` passes; True if something came."""
        self._changed.clear()
        if timeout_s <= 0:
            return False
        try:
            await asyncio.wait_for(self._changed.wait(), timeout_s)
        except TimeoutError:
            return False
        return True

    def first_send_after(self, mark: int) -> tuple[int, float, str] | None:
        return next((send for send in self.sends if send[0] > mark), None)
