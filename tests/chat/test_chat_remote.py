"""``browser: {connect: ws://…}``: the probe drives a Playwright server it did not launch."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from chat_helpers import SETTLE_S, config, context

from shopper.demo.platform import RunningDemo
from shopper.probes.base import ProbeError
from shopper.probes.browser import find_chromium, launch_args
from shopper.probes.chat import BrowserSettings, ChatBrowser
from shopper.results import Turn

pytestmark = pytest.mark.browser


@pytest.fixture
def playwright_server(tmp_path: Path) -> Iterator[str]:
    """``playwright launch-server`` from the Python package's own driver, on 127.0.0.1:0."""
    from playwright._impl._driver import compute_driver_executable

    node, cli = compute_driver_executable()
    settings = tmp_path / "server.json"
    settings.write_text(json.dumps({
        "executablePath": str(find_chromium()), "headless": True, "args": launch_args(),
        "host": "127.0.0.1", "port": 0,
    }))  # fmt: skip
    proc = subprocess.Popen(
        [node, cli, "launch-server", "--browser", "chromium", "--config", str(settings)],
        stdout=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        endpoint = proc.stdout.readline().strip()  # the server prints its endpoint first
        assert endpoint.startswith("ws://127.0.0.1:"), endpoint
        yield endpoint
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
        if proc.stdout is not None:
            proc.stdout.close()


def test_a_remote_playwright_server_carries_a_conversation(
    demo: RunningDemo, playwright_server: str, tmp_path: Path
) -> None:
    async def main() -> list[Turn]:
        async with ChatBrowser(BrowserSettings(connect=playwright_server)) as browser:
            session = browser.new_session(context(tmp_path), config(demo.site_url("good")))
            try:
                turns = await session.open()
                turns.append(await session.say("Where is my deposit?"))
                return turns + await session.await_reply(within_s=10, settle_s=SETTLE_S)
            finally:
                await session.close(failed=False)

    turns = asyncio.run(main())
    assert [t.role for t in turns[:2]] == ["agent", "shopper"]
    assert any(t.role == "agent" and t.kind == "message" for t in turns[2:])


def test_an_unreachable_server_is_one_clear_error() -> None:
    async def main() -> None:
        async with ChatBrowser(BrowserSettings(connect="ws://127.0.0.1:9/", connect_timeout_s=3)):
            pass

    with pytest.raises(ProbeError, match=r"^could not start the browser \(ws://127\.0\.0\.1:9/\)"):
        asyncio.run(main())
