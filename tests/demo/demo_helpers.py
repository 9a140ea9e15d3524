"""Helpers of the demo platform's tests (a unique module name: conftest is not importable)."""

from __future__ import annotations

import asyncio
import json
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope, Session
from playwright.sync_api import FrameLocator, Page

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip
TEST_SPEED = 0.02  # good: first part in 20-60 ms; slow: 0.4-1.8 s


def open_chat(page: Page, url: str, name: str = "Ada Lovelace") -> FrameLocator:
    """Open the site, click the launcher, fill the pre-chat form; wait for the welcome."""
    page.goto(url)
    page.click("#chat-launcher")
    frame = page.frame_locator("iframe#chat-frame")
    frame.locator("#prechat-name").fill(name)
    frame.locator("#prechat-email").fill("ada@example.org")
    frame.locator("#prechat-submit").click()
    frame.locator(".msg.agent.welcome").wait_for()
    return frame


class Inbox:
    """An SMTP listener (aiosmtpd) on 127.0.0.1 collecting the desk's answers."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self._changed = asyncio.Condition()
        self._server: asyncio.base_events.Server | None = None
        self.port = 0

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw: Any = envelope.original_content or envelope.content
        message = message_from_bytes(raw, policy=policy.default)
        assert isinstance(message, EmailMessage)
        async with self._changed:
            self.messages.append(message)
            self._changed.notify_all()
        return "250 OK"

    async def __aenter__(self) -> Inbox:
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(
            lambda: SMTP(self, hostname="inbox.test", loop=loop), "127.0.0.1", 0
        )
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    async def wait_for(self, count: int, timeout: float = 20.0) -> list[EmailMessage]:
        """Wait until ``count`` messages have arrived; return them all."""
        async with asyncio.timeout(timeout), self._changed:
            await self._changed.wait_for(lambda: len(self.messages) >= count)
        return list(self.messages)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
