"""The widget in a real Chromium: launcher, pre-chat form, four languages, profiles, shadow root."""

from __future__ import annotations

import re
from typing import Any

from demo_helpers import open_chat, read_jsonl
from playwright.sync_api import FrameLocator, Page, expect

from shopper.demo import RunningDemo
from shopper.demo.language import detect_language
from shopper.demo.texts import LANGUAGES

TICKET = re.compile(r"HBR-\d{6}")
TELEGRAM = re.compile(r"https://t\.me/\w+")
LOOKALIKE = re.compile(r"https://harbor(-support-desk\.com|\.example\.verify-wallet\.io)/")

GOOD_TURNS = [
    ("en", "Hi, my 0.35 BTC withdrawal has been pending for 6 hours.", "withdrawal_pending"),
    ("zh", "你好,我的 USDT 充值还没到账", "deposit_missing"),
    ("ko", "계정이 잠겼어요. 어떻게 해야 하나요?", "account_locked"),
    ("ja", "二段階認証のスマホをなくしました", "lost_2fa"),
]


def send(frame: FrameLocator, text: str) -> None:
    frame.locator("textarea#chat-input").fill(text)
    frame.locator("textarea#chat-input").press("Enter")


def agent_texts(frame: FrameLocator) -> list[str]:
    return frame.locator("#messages .msg.agent").all_text_contents()


def wait_for_agent_count(frame: FrameLocator, count: int) -> list[str]:
    expect(frame.locator("#messages .msg.agent")).to_have_count(count)
    expect(frame.locator(".typing")).to_have_count(0)
    return agent_texts(frame)


def test_good_profile_in_four_languages_matches_ground_truth(page: Page, demo: RunningDemo) -> None:
    page.goto(demo.site_url("good"))
    assert page.locator("iframe#chat-frame").count() == 0, "the widget must load lazily"
    frame = open_chat(page, demo.site_url("good"))
    widget = frame.locator("#chat-widget")
    assert widget.evaluate("el => el.shadowRoot === null && !!document.querySelector('#messages')")
    conversation = widget.get_attribute("data-conversation-id")
    assert conversation and conversation.startswith("good-")
    seen = len(agent_texts(frame))
    ticket = None
    for language, text, intent in GOOD_TURNS:
        send(frame, text)
        expected_parts = len(LANGUAGES[language].GOOD[intent])
        reply = wait_for_agent_count(frame, seen + expected_parts)[seen:]
        seen += expected_parts
        assert detect_language(" ".join(reply)) == language, reply
        found = TICKET.findall(" ".join(reply))
        assert found, f"no ticket number in {reply}"
        ticket = ticket or found[0]
        assert set(found) == {ticket}, "one conversation, one ticket"
        assert all("http" not in part or "harbor.example/" in part for part in reply)
    assert "never" in " ".join(agent_texts(frame)[-3:]).lower() or "教えない" in " ".join(
        agent_texts(frame)[-3:]
    ), "the good desk warns about sharing 2FA codes"

    send(frame, "Can I talk to a human please?")
    expect(frame.locator("#messages .msg.system")).to_have_text(
        ["You are now chatting with Mia (human agent)"]
    )
    wait_for_agent_count(frame, seen + 2)
    expect(frame.locator("#messages .msg.agent").last).to_have_attribute("data-author", "Mia")

    # The ground truth holds exactly what the browser showed, in the same order.
    shown = frame.locator("#messages .msg:not(.visitor)").evaluate_all(
        "items => items.map(i => [i.textContent, i.dataset.messageId, Number(i.dataset.serverAtMs)])"
    )
    visitor = frame.locator("#messages .msg.visitor").evaluate_all(
        "items => items.map(i => [i.textContent, Number(i.dataset.sentAtMs)])"
    )

    def mine(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [r for r in records if r["conversation"] == conversation]

    records = demo.wait_for_ground_truth(lambda records: len(mine(records)) == len(shown) + 5)
    truth = mine(records)
    out = [r for r in truth if r["direction"] == "out"]
    assert [[r["text"], r["id"], r["at_ms"]] for r in out] == shown
    assert out[0]["kind"] == "welcome"
    inbound = [r for r in truth if r["direction"] == "in"]
    assert [r["text"] for r in inbound] == [text for text, _ in visitor]
    for record, (_, sent_at) in zip(inbound, visitor, strict=True):
        assert record["at_ms"] >= sent_at - 50, "received before the browser sent it"
    assert demo.ground_truth_path is not None
    in_file = [r for r in read_jsonl(demo.ground_truth_path) if r["conversation"] == conversation]
    assert in_file == truth


def test_scam_profile_in_the_shadow_root_asks_for_secrets(page: Page, demo: RunningDemo) -> None:
    page.context.clear_cookies()
    frame = open_chat(page, demo.site_url("scam", shadow=True))
    widget = frame.locator("#chat-widget")
    assert widget.evaluate(
        "el => !!el.shadowRoot && !!el.shadowRoot.querySelector('#messages')"
        " && document.querySelector('#messages') === null"
    )
    send(frame, "Can you recover my wallet if I give you my seed phrase?")
    reply = wait_for_agent_count(frame, 1 + len(LANGUAGES["en"].SCAM["wallet_recovery"]))[1:]
    joined = " ".join(reply)
    assert "Please send me your 12-word seed phrase" in joined
    assert TELEGRAM.search(joined) and LOOKALIKE.search(joined)

    send(frame, "구글 인증(2단계) 기기를 잃어버렸어요")
    seen = 1 + len(reply)
    reply = wait_for_agent_count(frame, seen + len(LANGUAGES["ko"].SCAM["lost_2fa"]))[seen:]
    assert detect_language(" ".join(reply)) == "ko"
    assert any("2FA 코드" in part and "보내 주세요" in part for part in reply), reply


def test_slow_profile_types_and_help_search_works(page: Page, demo: RunningDemo) -> None:
    page.goto(demo.site_url("slow"))
    page.fill("#help-search-input", "seed phrase")
    page.click("#help-search-submit")
    expect(page.locator(".search-result a")).to_have_text(
        ["I lost my 2FA device", "How do I back up my seed phrase?"]
    )
    frame = open_chat(page, demo.site_url("slow"))
    box = frame.locator("textarea#chat-input")
    box.fill("My deposit")
    box.press("Shift+Enter")
    box.press_sequentially("is missing")
    expect(frame.locator(".msg.visitor")).to_have_count(0)  # Shift+Enter is a new line
    box.press("Enter")
    expect(frame.locator(".msg.visitor")).to_have_text(["My deposit\nis missing"])
    expect(frame.locator(".typing")).to_be_visible()  # slow: 20-90 s x speed before a reply
    wait_for_agent_count(frame, 1 + len(LANGUAGES["en"].GOOD["deposit_missing"]))


def test_hostile_content_is_shown_as_text(page: Page, demo: RunningDemo) -> None:
    frame = open_chat(page, demo.site_url("hostile"))
    send(frame, "hello")
    parts = len(LANGUAGES["en"].GOOD["greeting"]) + 2
    reply = wait_for_agent_count(frame, 1 + parts)
    assert any('<img src=x onerror="window.__shopperPwned=1">' in text for text in reply)
    assert any("<script>window.__shopperPwned=1</script>" in text for text in reply)
    assert frame.locator("#messages img, #messages script").count() == 0
    assert frame.locator("#chat-widget").evaluate("() => window.__shopperPwned") is None
    assert page.evaluate("() => window.__shopperPwned") is None
