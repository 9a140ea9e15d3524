"""Event taps: a widget's own JavaScript message events, stamped beside the DOM.

A preset's ``tap`` names a script in ``taps/`` that subscribes to the widget's event API before
the widget loads (an init script, after the observer) and reports each message event through
``window.__shopperTap``; the observer stamps it with the page clock it stamps everything with.
Per conversation, each agent message the DOM showed is paired with the first unused agent
event carrying the same text and keeps its stamp (``tap_ms``); the turn records how far it is
from the page's own stamp of the moment the event marks (:data:`TAPS`), and reports show it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from importlib.resources import files
from typing import Protocol

from shopper.probes.preset import TAPS


def tap_script(name: str) -> str:
    """The init script of a shipped tap (``name`` is one of :data:`TAPS`)."""
    if name not in TAPS:
        raise ValueError(f"no event tap {name!r}; known taps: {', '.join(TAPS)}")
    return files("shopper.probes.chat").joinpath("taps", f"{name}.js").read_text(encoding="utf-8")


@dataclass
class TapEvent:
    """One message event a tap reported (read from the page's record by the observer)."""

    at_ms: float
    role: str  # agent | shopper
    text: str
    source: str
    used: bool = False


class Tapped(Protocol):
    kind: str
    text: str
    tap_ms: float | None
    tap_marks: str | None


def _normal(text: str) -> str:
    return " ".join(text.split())


def _same(shown: str, said: str) -> bool:
    """The DOM's text and the event's are one message (markdown and whitespace aside)."""
    a, b = _normal(shown), _normal(said)
    return bool(a and b) and (a == b or a.startswith(b) or b.startswith(a))


def reconcile(messages: Iterable[Tapped], taps: list[TapEvent]) -> None:
    """Give each agent message without one the stamp of the first unused agent event with its text."""
    for message in messages:
        if message.kind != "agent" or message.tap_ms is not None:
            continue
        event = next((t for t in taps if not t.used and t.role == "agent" and _same(message.text, t.text)), None)
        if event is not None:
            event.used = True
            message.tap_ms = round(event.at_ms, 3)
            message.tap_marks = TAPS.get(event.source)
