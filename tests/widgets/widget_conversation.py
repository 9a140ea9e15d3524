"""One conversation through a shipped preset on a real widget bundle, and its ground truth.

Shared by the preset tests and ``benchmarks/bench_widgets.py``: the session is the chat probe's
own (:class:`ChatSession` in a fresh context), its selectors come from ``probes/<preset>.yaml``
unedited, and every agent turn is paired with the backend's record of the same message.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shopper.loader import load_file
from shopper.probes.base import Persona, SessionContext
from shopper.probes.chat import BrowserSettings, ChatBrowser, ChatConfig, ChatSession
from shopper.probes.preset import WidgetPreset
from shopper.results import Turn

ROOT = Path(__file__).resolve().parents[2]
SETTLE_S = 0.6
MESSAGES = (
    "Hi, my BTC withdrawal has been pending for 6 hours",
    "What fees do you charge for a withdrawal?",
)
# widget -> the ground truth's ``protocol`` of its backend's records
PROTOCOLS = {"deep-chat": "openai", "rasa-webchat": "rasa-socketio", "n8n-chat": "n8n", "flowise-embed": "flowise",
             "ms-webchat": "directline"}


def preset(name: str) -> WidgetPreset:
    loaded, problems = load_file(ROOT / "probes" / f"{name}.yaml", {})
    assert not problems and loaded is not None and isinstance(loaded.model, WidgetPreset), problems
    return loaded.model


def normal(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Conversation:
    """What one conversation captured, and the backend's records made while it ran."""

    widget: str
    opened: list[Turn]
    said: list[Turn]
    replies: list[list[Turn]]
    truth: list[dict[str, Any]] = field(default_factory=list)

    @property
    def agent_turns(self) -> list[Turn]:
        return [t for turns in (self.opened, *self.replies) for t in turns if t.role == "agent"]

    def received(self) -> list[str]:
        return [r["text"] for r in self.truth if r["direction"] == "in"]

    def answers(self) -> list[dict[str, Any]]:
        return [r for r in self.truth if r["direction"] == "out" and r.get("kind", "message") == "message"]

    def paired(self) -> tuple[list[tuple[Turn, dict[str, Any]]], list[dict[str, Any]]]:
        """Each backend answer with the agent turn that shows its text; the answers none showed."""
        free = [t for t in self.agent_turns if t.kind != "welcome"]
        pairs, missed = [], []
        for record in self.answers():
            turn = next((t for t in free if normal(t.text) == normal(record["text"])), None)
            if turn is None:
                missed.append(record)
                continue
            free.remove(turn)
            pairs.append((turn, record))
        return pairs, missed

    def errors_ms(self) -> list[float]:
        """|the turn's stamp - the backend's send stamp| per paired answer (one machine clock)."""
        return [abs(turn.at_ms - record["at_ms"]) for turn, record in self.paired()[0] if turn.at_ms is not None]

    def tap_gaps_ms(self) -> list[float]:
        """|tap stamp - the page's stamp of the same moment| per agent turn that both saw."""
        return [abs(t.tap_gap_ms) for t in self.agent_turns if t.tap_gap_ms is not None]


def chat_config(url: str, widget: str, **overrides: Any) -> ChatConfig:
    settings: dict[str, Any] = {
        "url": url, "selectors": preset(widget).chat, "settle_s": SETTLE_S, "open_timeout_s": 30.0,
        "typing_cps": 0.0, "screenshot": "off", "trace": "off",
    }  # fmt: skip
    settings.update(overrides)
    return ChatConfig(**settings)


def session_context(artifacts: Path, key: str) -> SessionContext:
    persona = Persona(name="Ann Lee", email="ann.lee@example.com", locale="en_US")
    return SessionContext(key=key, persona=persona, artifacts_dir=artifacts)


async def converse(
    browser: ChatBrowser, widget: str, url: str, artifacts: Path, truth: Callable[[], list[dict[str, Any]]],
    messages: tuple[str, ...] = MESSAGES,
) -> Conversation:  # fmt: skip
    """Open the widget, say each message, collect every reply; the truth recorded meanwhile."""
    protocol = PROTOCOLS[widget]
    before = len(truth())
    session: ChatSession = browser.new_session(session_context(artifacts, f"widgets/{widget}"), chat_config(url, widget))
    try:
        opened = await session.open()
        said, replies = [], []
        for text in messages:
            said.append(await session.say(text))
            replies.append(await session.await_reply(within_s=15, settle_s=SETTLE_S))
    finally:
        await session.close(failed=False)
    records = [r for r in truth()[before:] if r.get("protocol") == protocol]
    return Conversation(widget, opened, said, replies, records)


def run_one(widget: str, url: str, artifacts: Path, truth: Callable[[], list[dict[str, Any]]]) -> Conversation:
    async def main() -> Conversation:
        async with ChatBrowser(BrowserSettings()) as browser:
            return await converse(browser, widget, url, artifacts, truth)

    return asyncio.run(main())


__all__ = ["MESSAGES", "PROTOCOLS", "Conversation", "converse", "normal", "preset", "run_one"]
