"""Helpers of the chat probe's tests (a unique module name: conftest is not importable)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from aiohttp import web

from servers.threaded_app import serve_app
from shopper.probes.base import Persona, SessionContext
from shopper.probes.chat import BrowserSettings, ChatBrowser, ChatConfig, ChatSession
from shopper.probes.preset import ChatSelectors, PrechatForm

T = TypeVar("T")

SPEED = 0.05  # the demo's scripted delays, 20x faster: parts 40-150 ms apart
SETTLE_S = 0.4
DEMO_SELECTORS = ChatSelectors(
    launcher="#chat-launcher",
    frames=("#chat-frame",),
    prechat=PrechatForm(
        fields={"name": "#prechat-name", "email": "#prechat-email"}, submit="#prechat-submit"
    ),
    message_list="#messages",
    input="#chat-input",
    send="#chat-send",
    agent_message=".msg.agent",
    shopper_message=".msg.visitor",
    system_message=".msg.system",
    typing=".typing",
)
SHADOW_SELECTORS = DEMO_SELECTORS.model_copy(update={"shadow_host": "#chat-widget"})


def context(
    tmp_path: Path, key: str = "test/good/en_US", secrets: tuple[str, ...] = (), **persona: Any
) -> SessionContext:
    fields = {"name": "Ann Lee", "email": "ann.lee@example.com", "locale": "en_US", **persona}
    return SessionContext(key=key, persona=Persona(**fields), artifacts_dir=tmp_path / "art",
                          secrets=secrets)  # fmt: skip


def config(url: str, **overrides: Any) -> ChatConfig:
    settings: dict[str, Any] = {
        "url": url, "selectors": DEMO_SELECTORS, "settle_s": SETTLE_S, "open_timeout_s": 30.0,
        "typing_cps": 200.0, "max_typing_s": 0.3, "screenshot": "off", "trace": "off",
    }  # fmt: skip
    settings.update(overrides)
    return ChatConfig(**settings)


def with_session(
    ctx: SessionContext, chat: ChatConfig, body: Callable[[ChatSession], Awaitable[T]],
    *, failed: bool = False,
) -> T:  # fmt: skip
    """Run ``body`` on an open-able session in a fresh browser; the session is always closed."""

    async def main() -> T:
        async with ChatBrowser(BrowserSettings()) as browser:
            session = browser.new_session(ctx, chat)
            try:
                return await body(session)
            finally:
                await session.close(failed=failed)

    return asyncio.run(main())


@contextmanager
def serve_html(page: str) -> Iterator[str]:
    """An aiohttp server on 127.0.0.1:0 in its own loop thread serving ``page`` at ``/``."""

    async def handler(_: web.Request) -> web.Response:
        return web.Response(text=page, content_type="text/html")

    app = web.Application()
    app.router.add_get("/", handler)
    with serve_app(app) as base_url:
        yield f"{base_url}/"
