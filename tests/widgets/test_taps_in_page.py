"""Taps in real pages: the site's own hooks (rasa-webchat's onSocketEvent, a Web Chat store
middleware of its own) still run beside them, and the tap hears every bot message."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from playwright.async_api import Page, async_playwright
from widget_sites import WidgetSites, serve_widgets

from shopper.demo.options import DemoOptions
from shopper.demo.platform import RunningDemo
from shopper.probes.browser import find_chromium
from shopper.probes.chat.observer import BINDING, init_script
from shopper.probes.chat.taps import tap_script
from shopper.probes.preset import ChatSelectors

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sites() -> Iterator[WidgetSites]:
    with RunningDemo(DemoOptions(seed=9, speed=0.1)) as demo, serve_widgets(demo.base_url) as running:
        yield running


@asynccontextmanager
async def tapped_page(tap: str, agent_message: str, records: list[dict[str, Any]]) -> AsyncIterator[Page]:
    """A page in a fresh browser with the observer and ``tap``'s init script; what they report
    goes to ``records``."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(find_chromium()))
        try:
            context = await browser.new_context()
            await context.expose_binding(BINDING, lambda _source, batch: records.extend(batch))
            await context.add_init_script(script=init_script(ChatSelectors(agent_message=agent_message)))
            await context.add_init_script(script=tap_script(tap))
            yield await context.new_page()
        finally:
            await browser.close()


def test_the_tap_hears_every_bot_message_and_the_pages_own_hook_still_does(sites: WidgetSites) -> None:
    records: list[dict[str, Any]] = []

    async def main() -> tuple[str | None, list[str]]:
        async with tapped_page("rasa-webchat", ".rw-response", records) as page:
            await page.goto(sites.page_url("rasa-webchat"))
            await page.locator("button.rw-launcher").click()
            await page.locator(".rw-new-message").fill("Hi, my BTC withdrawal has been pending for 6 hours")
            await page.keyboard.press("Enter")
            await page.wait_for_function(
                "Number(document.body.dataset.pageHeard || 0) >= 3 && "
                "document.querySelectorAll('.rw-response').length >= 3", timeout=15_000)
            shown = await page.locator(".rw-response").all_inner_texts()
            return await page.evaluate("document.body.dataset.pageHeard"), shown

    heard, shown = asyncio.run(main())
    taps = [r for r in records if r.get("type") == "tap"]
    assert heard == str(len(shown)) == str(len(taps)), "the page's hook and the tap each heard every message"
    assert [" ".join(t["text"].split()) for t in taps] == [" ".join(s.split()) for s in shown]
    assert all(t["source"] == "rasa-webchat" and t["role"] == "agent" for t in taps)



def test_the_webchat_tap_joins_a_store_the_site_made_with_its_own_middleware(sites: WidgetSites) -> None:
    records: list[dict[str, Any]] = []
    url = sites.page_url("ms-webchat") + "own-store.html"  # a variant: the site passes its own store

    async def main() -> tuple[str | None, list[str]]:
        async with tapped_page("ms-webchat", ".webchat__bubble__content", records) as page:
            await page.goto(url)
            await page.locator(".webchat__send-box-text-box__input").fill("My BTC withdrawal is pending")
            await page.keyboard.press("Enter")
            await page.wait_for_function(
                "Number(document.body.dataset.pageHeard || 0) >= 4", timeout=15_000)  # welcome + 3 parts
            shown = await page.locator(".webchat__bubble:not(.webchat__bubble--from-user)").all_inner_texts()
            return await page.evaluate("document.body.dataset.pageHeard"), shown

    heard, shown = asyncio.run(main())
    taps = [r for r in records if r.get("type") == "tap"]
    assert heard is not None and int(heard) == len(taps) >= 4, "the site's middleware and the tap heard each one"
    assert all(t["source"] == "ms-webchat" for t in taps)
    assert {" ".join(t["text"].split()) for t in taps} <= {" ".join(s.split()) for s in shown} | {""}
