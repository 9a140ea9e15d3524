"""Playwright's driver runs with the memory options of :mod:`shopper.probes.chat.node_options`."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from shopper.probes.chat import BrowserSettings, ChatBrowser
from shopper.probes.chat.node_options import DRIVER_NODE_OPTIONS
from shopper.probes.priority import descendants, role

pytestmark = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads /proc/<pid>/environ")


def _driver_node_options() -> str | None:
    for pid in descendants(os.getpid()):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            if role(cmdline) == "driver":
                environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
                found = [e.split(b"=", 1)[1].decode() for e in environ if e.startswith(b"NODE_OPTIONS=")]
                return found[0] if found else None
        except OSError:
            continue
    raise AssertionError("no Playwright driver process under this one")


def test_the_driver_gets_a_small_young_generation_and_the_users_options_after_ours(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NODE_OPTIONS", "--stack-trace-limit=20")

    async def main() -> tuple[str | None, str | None, str]:
        async with ChatBrowser(BrowserSettings()) as browser:
            context = await browser.browser.new_context()
            page = await context.new_page()
            await page.set_content("<p id=x>works</p>")
            text = await page.inner_text("#x")
            await context.close()
            return _driver_node_options(), os.environ.get("NODE_OPTIONS"), text

    driver, ours, text = asyncio.run(main())
    assert driver == " ".join((*DRIVER_NODE_OPTIONS, "--stack-trace-limit=20"))
    assert ours == "--stack-trace-limit=20", "this process's own environment is left as it was"
    assert text == "works"


def test_without_options_of_the_users_the_environment_is_left_without_node_options(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("NODE_OPTIONS", raising=False)

    async def main() -> tuple[str | None, bool]:
        async with ChatBrowser(BrowserSettings()):
            return _driver_node_options(), "NODE_OPTIONS" in os.environ

    driver, leaked = asyncio.run(main())
    assert driver == " ".join(DRIVER_NODE_OPTIONS) and not leaked
