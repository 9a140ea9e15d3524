"""Every fault can be switched on (per profile or per request) and is observed.

The chat desk that never answers is in test_demo_chat_protocol.py (no browser there).
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request

import pytest
from demo_helpers import open_chat
from playwright.sync_api import Page, WebSocket, expect

from shopper.demo import DemoOptions, Fault, RunningDemo
from shopper.demo.texts import LANGUAGES

WITHDRAWAL = "My withdrawal has been pending for 6 hours"


def test_slow_page_load_per_profile() -> None:
    options = DemoOptions(faults={"slow": frozenset({Fault.SLOW_PAGE})}, slow_page_s=0.5)
    with RunningDemo(options) as demo:
        started = time.monotonic()
        with urllib.request.urlopen(demo.site_url("slow"), timeout=10) as response:
            body = response.read().decode()
        assert time.monotonic() - started >= 0.5
        assert 'id="chat-launcher"' in body


def test_widget_script_404(page: Page, demo: RunningDemo) -> None:
    page.goto(demo.site_url("good", faults={Fault.WIDGET_404}))
    with page.expect_response(lambda r: "/widget.js" in r.url) as script:
        page.click("#chat-launcher")
    assert script.value.status == 404
    frame = page.frame_locator("iframe#chat-frame")
    expect(frame.locator("#chat-widget")).to_have_attribute("data-state", "loading")
    expect(frame.locator(".chat-loading")).to_have_text("Loading chat…")
    assert frame.locator("#prechat").count() == 0


def test_chat_endpoint_500(page: Page, demo: RunningDemo) -> None:
    page.goto(demo.site_url("good", faults={Fault.CHAT_500}))
    page.click("#chat-launcher")
    frame = page.frame_locator("iframe#chat-frame")
    frame.locator("#prechat-name").fill("Ada")
    frame.locator("#prechat-email").fill("ada@example.org")
    with page.expect_response(lambda r: "/api/conversations" in r.url) as created:
        frame.locator("#prechat-submit").click()
    assert created.value.status == 500
    expect(frame.locator("#chat-status")).to_contain_text("HTTP 500")
    expect(frame.locator("#chat-widget")).to_have_attribute("data-state", "error")


def test_socket_closed_mid_reply(page: Page, demo: RunningDemo) -> None:
    sockets: list[WebSocket] = []
    page.on("websocket", lambda socket: sockets.append(socket))
    frame = open_chat(page, demo.site_url("good", faults={Fault.WS_DROP}))
    conversation = frame.locator("#chat-widget").get_attribute("data-conversation-id")
    with page.expect_websocket() as reconnected, sockets[0].expect_event("close"):
        frame.locator("textarea#chat-input").fill(WITHDRAWAL)
        frame.locator("#chat-send").click()
    assert reconnected.value.url == sockets[1].url
    expect(frame.locator("#chat-widget")).to_have_attribute("data-state", "open")
    first_part = LANGUAGES["en"].GOOD["withdrawal_pending"][0].format(name="Ada Lovelace")
    expect(frame.locator(".msg.agent:not(.welcome)")).to_have_text([first_part])
    out = [r for r in demo.ground_truth()
           if r["conversation"] == conversation and r["direction"] == "out"]  # fmt: skip
    assert [r["kind"] for r in out] == ["welcome", "message"], "one part, then the drop"


def test_unknown_faults_and_profiles_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown profiles"):
        DemoOptions(faults={"nope": frozenset({Fault.NO_REPLY})})
    with RunningDemo() as demo:
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"{demo.base_url}/nope/", timeout=10)
        assert missing.value.code == 404
        missing.value.close()
