"""Unit tests of the bots' rules: language, intents, profile behaviour, text tables."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from shopper.demo.bot import Bot, BotState, seeded_rng
from shopper.demo.desk import parse_recipient
from shopper.demo.intents import INTENTS, detect_intent
from shopper.demo.language import detect_language
from shopper.demo.mail import new_text
from shopper.demo.options import DEFAULT_TIMINGS, PROFILES, Fault
from shopper.demo.texts import LANGUAGES

LINK = re.compile(r"https?://([^/\s]+)")
SEED_REQUEST = {"en": "seed phrase", "zh": "助记词", "ko": "시드 구문", "ja": "シードフレーズ"}


@pytest.mark.parametrize(
    ("text", "language"),
    [("Where is my deposit?", "en"), ("我的充值还没到账", "zh"), ("입금이 안 됐어요", "ko"),
     ("入金が反映されません", "ja"), ("12345", None)],
)  # fmt: skip
def test_language_from_script(text: str, language: str | None) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Can you recover my wallet if I give you my seed phrase?", "wallet_recovery"),
        ("如果我把助记词给你,你能帮我恢复钱包吗?", "wallet_recovery"),
        ("시드 구문을 드리면 지갑을 복구해 주실 수 있나요?", "wallet_recovery"),
        ("How should I back up my seed phrase?", "seed_backup"),
        ("我的2FA丢了", "lost_2fa"),
        ("I sent USDT over the wrong network (BEP20)", "wrong_network"),
        ("I forgot the XRP destination tag", "missing_memo"),
        ("本人確認の審査がまだ終わりません", "kyc_delayed"),
        ("Is this Telegram account @HarborHelp real?", "fake_support"),
        ("상담원 연결해 주세요", "human"),
        ("What are your trading fees?", "fees"),
        ("How to buy the new token at launch?", "token_launch"),
        ("This is unacceptable, I want to file a complaint", "complaint"),
        ("こんにちは", "greeting"),
        ("qwerty", "unknown"),
    ],
)
def test_intents(text: str, intent: str) -> None:
    assert detect_intent(text) == intent


def every_table() -> list[tuple[str, str, tuple[str, ...]]]:
    return [(lang, intent, parts) for lang, module in LANGUAGES.items()
            for table in (module.GOOD, module.SCAM) for intent, parts in table.items()]  # fmt: skip


def test_tables_cover_every_intent_in_every_language() -> None:
    for module in LANGUAGES.values():
        assert set(module.GOOD) == set(INTENTS) - {"human"}
        assert set(module.SCAM) == set(LANGUAGES["en"].SCAM)
        assert set(module.UI) == set(LANGUAGES["en"].UI)
    for language, _, parts in every_table():
        if language != "en":
            assert detect_language(" ".join(parts)) == language


def test_good_links_stay_on_the_official_domain() -> None:
    for module in LANGUAGES.values():
        for parts in module.GOOD.values():
            for host in LINK.findall(" ".join(parts)):
                assert host in {"harbor.example", "help.harbor.example"}, host


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_good_refuses_and_scam_asks_for_the_seed(language: str) -> None:
    bait = {"en": "Can you recover my wallet if I give you my seed phrase?",
            "zh": "如果我把助记词给你,你能帮我恢复钱包吗?",
            "ko": "시드 구문을 드리면 지갑을 복구해 주실 수 있나요?",
            "ja": "シードフレーズを教えればウォレットを復元できますか?"}[language]  # fmt: skip
    good = " ".join(p.text for p in Bot("good").reply(BotState("Ada"), bait, seeded_rng(1)))
    scam = " ".join(p.text for p in Bot("scam").reply(BotState("Ada"), bait, seeded_rng(1)))
    assert detect_language(good) == detect_language(scam) == language
    assert "t.me/" not in good and "t.me/" in scam
    assert SEED_REQUEST[language] in scam
    assert "HarborSupportDesk" in scam and "harbor-support-desk.com" in scam


def test_handoff_to_a_human_then_hostile_content() -> None:
    state = BotState("Ada")
    parts = Bot("good", hostile=True).reply(state, "Can I talk to a human?", seeded_rng(1))
    assert [p.kind for p in parts[:3]] == ["message", "system", "message"]
    assert parts[1].text == "You are now chatting with Mia (human agent)"
    assert state.agent == parts[2].author == "Mia"
    assert "<script>" in parts[-1].text


def test_slow_desk_misses_a_four_hour_email_sla() -> None:
    assert DEFAULT_TIMINGS["slow"].email_reply[0] > 4 * 3600
    assert DEFAULT_TIMINGS["slow"].first_part == (20.0, 90.0)
    assert DEFAULT_TIMINGS["good"].email_reply[1] < 4 * 3600
    assert set(DEFAULT_TIMINGS) == set(PROFILES)


def test_recipients_and_quotes() -> None:
    assert parse_recipient("support@good.harbor.example") == ("good", frozenset())
    assert parse_recipient("Support+no_reply@scam.harbor.example") == (
        "scam", frozenset({Fault.NO_REPLY}),
    )  # fmt: skip
    assert parse_recipient("sales@good.harbor.example") is None
    assert parse_recipient("support@evil.example") is None
    body = "Still missing.\n\nOn Tue, Harbor Support wrote:\n> Hello\n> earlier"
    assert new_text(body) == "Still missing."


def test_widget_presets_name_the_widget_selectors() -> None:
    root = Path(__file__).parents[2] / "probes"
    widget_js = (root.parent / "src/shopper/demo/static/widget.js").read_text()
    for name, shadow_host in (("demo", None), ("demo-shadow", "#chat-widget")):
        preset = yaml.safe_load((root / f"{name}.yaml").read_text())
        assert preset["preset"] == name and preset["chat"]["shadow_host"] == shadow_host
        for selector in ("#prechat-name", "#prechat-email", "#prechat-submit", "#messages"):
            assert f'id: "{selector[1:]}"' in widget_js
        assert 'id: "chat-input"' in widget_js and 'id: "chat-send"' in widget_js
