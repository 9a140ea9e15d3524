"""The demo's heavy widget (``?heavy=1``): a framework-sized bundle and thousands of extra
elements beside the chat, which the throughput benchmark puts in its mix. The chat must behave
exactly as on the light widget, and the weight must really be there."""

from __future__ import annotations

from pathlib import Path

import pytest
from chat_helpers import SETTLE_S, config, context, with_session

from shopper.demo.heavy import CATALOGUE_ITEMS, COMPONENTS
from shopper.demo.platform import RunningDemo
from shopper.probes.chat import ChatSession
from shopper.results import Turn

pytestmark = pytest.mark.browser

WITHDRAWAL = "Hi, my BTC withdrawal has been pending for 6 hours"


def test_heavy_widget_chats_like_the_light_one_and_carries_its_weight(
    demo: RunningDemo, tmp_path: Path
) -> None:
    async def body(session: ChatSession) -> tuple[list[Turn], int, int, str | None]:
        opened = await session.open()
        nav = session.navigator
        elements = await nav.widget().locator("#catalogue *").count()
        bundle = await nav.widget().locator("script[src$='/bundle.js']").count()
        store = await nav.part("html").get_attribute("data-heavy-ready")
        await session.say(WITHDRAWAL)
        turns = [*opened, *await session.await_reply(within_s=10, settle_s=SETTLE_S)]
        return turns, elements, bundle, store

    url = demo.site_url("good", heavy=True)
    assert url.endswith("?heavy=1")
    before = len(demo.ground_truth())
    turns, elements, bundle, store = with_session(context(tmp_path), config(url), body)
    truth = demo.ground_truth()[before:]
    sent = [r["text"] for r in truth if r["direction"] == "out" and r["kind"] in ("message", "welcome")]
    shown = [t.text for t in turns if t.role == "agent" and t.kind in ("message", "welcome")]
    assert shown == sent and len(sent) >= 2  # the welcome and the answer, nothing from the catalogue
    assert bundle == 1 and store == str(COMPONENTS)
    assert elements >= CATALOGUE_ITEMS * 4  # each item and its three leaves
    scripted = [r for r in truth if r["direction"] == "out"]
    assert all(float(r["scripted_delay_ms"]) >= 0 for r in scripted)
    assert float(scripted[0]["scripted_delay_ms"]) > 0  # the welcome's wait is in the ground truth


def test_the_bundle_is_about_a_megabyte_of_javascript(demo: RunningDemo) -> None:
    from urllib.request import urlopen

    with urlopen(f"{demo.base_url}/good/bundle.js") as response:
        body = response.read()
        kind = response.headers["Content-Type"]
    assert kind.startswith("application/javascript")
    assert 900_000 <= len(body) <= 2_000_000
