"""What the chat probe reports when the widget fails: unavailable, dropped, silent."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from chat_helpers import SETTLE_S, config, context, with_session

from shopper.demo.options import Fault
from shopper.demo.platform import RunningDemo
from shopper.probes.base import TransientError, Unavailable
from shopper.probes.chat import BrowserSettings, ChatBrowser, ChatSession
from shopper.results import Artifacts, Turn

pytestmark = pytest.mark.browser


def test_a_widget_that_never_loads_is_unavailable_with_evidence(
    demo: RunningDemo, tmp_path: Path
) -> None:
    url = demo.site_url("good", faults=[Fault.WIDGET_404])
    chat = config(url, open_timeout_s=2.0, screenshot="retain-on-failure",
                  trace="retain-on-failure")  # fmt: skip

    async def main() -> tuple[Unavailable, Artifacts]:
        async with ChatBrowser(BrowserSettings()) as browser:
            session = browser.new_session(context(tmp_path, key="audit/good/never loads"), chat)
            with pytest.raises(Unavailable) as caught:
                await session.open()
            return caught.value, await session.close(failed=True)

    error, artifacts = asyncio.run(main())
    message = str(error)
    assert "\n" not in message
    assert message.startswith(
        f"chat {url}: the widget never loaded: no pre-chat field name '#prechat-name' in #chat-frame"
    )
    assert "HTTP 404 for GET" in message and "widget.js" in message
    assert artifacts.screenshot and Path(artifacts.screenshot).stat().st_size > 0
    assert artifacts.trace and Path(artifacts.trace).name == "trace.zip"
    assert Path(artifacts.trace).is_file() and Path(artifacts.trace).parent == Path(artifacts.screenshot).parent


def test_a_500_from_the_chat_endpoint_is_unavailable_at_once(
    demo: RunningDemo, tmp_path: Path
) -> None:
    url = demo.site_url("good", faults=[Fault.CHAT_500])
    started = time.monotonic()
    with pytest.raises(Unavailable) as caught:
        with_session(context(tmp_path), config(url, open_timeout_s=20.0), ChatSession.open)
    assert time.monotonic() - started < 15.0  # not the whole open timeout
    assert "HTTP 500 for POST" in str(caught.value) and "/api/conversations" in str(caught.value)


def test_a_socket_dropped_mid_reply_is_transient(demo: RunningDemo, tmp_path: Path) -> None:
    url = demo.site_url("good", faults=[Fault.WS_DROP])

    async def body(session: ChatSession) -> list[Turn]:
        await session.open()
        await session.say("Hi, my BTC withdrawal has been pending for 6 hours")
        return await session.await_reply(within_s=10, settle_s=SETTLE_S)

    with pytest.raises(TransientError, match=r"^chat: connection dropped mid-reply: .*code 1011"):
        with_session(context(tmp_path), config(url), body)


def test_a_desk_that_never_answers_gives_no_turns(demo: RunningDemo, tmp_path: Path) -> None:
    url = demo.site_url("good", faults=[Fault.NO_REPLY])

    async def body(session: ChatSession) -> tuple[list[Turn], list[Turn], float]:
        opened = await session.open()
        sent = await session.say("Hello?")
        reply = await session.await_reply(within_s=1.0, settle_s=SETTLE_S)
        return opened, reply, time.time() * 1000 - (sent.at_ms or 0)

    opened, reply, waited_ms = with_session(context(tmp_path), config(url), body)
    assert [t.kind for t in opened] == ["welcome"]  # the welcome is not a reply
    assert reply == []
    assert waited_ms >= 1000.0
