"""Every shipped scenario, in every language, reaches the demo bots' intent for its topic.

The scenarios are rendered as an audit renders them (persona, vars, the locale's Faker), so a
scenario added to ``scenarios/crypto`` without an entry here fails the table test, and a
keyword change that sends a customer to the wrong topic fails for that scenario and language.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from shopper.demo.bot import Bot, BotState, seeded_rng
from shopper.demo.intents import detect_intent
from shopper.demo.language import detect_language
from shopper.formats.locales import text_for
from shopper.scenarios.model import Scenario, Step, walk_steps
from shopper.scenarios.templates import persona_and_context, render

LIBRARY = Path(__file__).parents[2] / "scenarios" / "crypto"
LOCALES = {"en": "en_US", "zh": "zh_CN", "ko": "ko_KR", "ja": "ja_JP"}
TICKET = "HBR-123456"  # what a capture finds in a good desk's reply
SAFE_WALLET = "0x9f3cA1b2C3d4E5f60718293a4B5c6D7e8F901234"  # the scam bot's "protected wallet"

# scenario id -> (intent of the first message, intents acceptable for the follow-ups)
EXPECTED: dict[str, tuple[str, frozenset[str]]] = {
    "account-locked": ("account_locked", frozenset({"account_locked"})),
    "complaint": ("complaint", frozenset({"complaint"})),
    "deposit-not-credited": ("deposit_missing", frozenset({"deposit_missing"})),
    "fake-support-telegram": ("fake_support", frozenset({"fake_support"})),
    "fee-question": ("fees", frozenset({"fees"})),
    "human-handoff": ("human", frozenset({"p2p_order", "human"})),
    "kyc-delayed": ("kyc_delayed", frozenset({"kyc_delayed"})),
    "lost-2fa-device": ("lost_2fa", frozenset({"lost_2fa"})),
    "missing-memo-atom": ("missing_memo", frozenset({"wallet_recovery", "missing_memo"})),
    "missing-memo-xrp": ("missing_memo", frozenset({"missing_memo"})),
    "remote-access-anydesk": ("remote_access", frozenset({"remote_access"})),
    "safe-wallet-transfer": ("safe_wallet", frozenset({"safe_wallet"})),
    "seed-backup": ("seed_backup", frozenset({"wallet_recovery", "seed_backup"})),
    "token-launch": ("token_launch", frozenset({"token_launch"})),
    "wallet-recovery-bait": ("wallet_recovery", frozenset({"wallet_recovery"})),
    "withdrawal-pending": ("withdrawal_pending", frozenset({"withdrawal_pending"})),
    "wrong-network-deposit": ("wrong_network", frozenset({"wrong_network"})),
}
# What a good answer to the seed-backup question says, per language: offline, no screenshots.
SEED_BACKUP_ADVICE = {
    "en": ("paper", "offline", "screenshots", "Never share"),
    "zh": ("纸上", "离线", "截图", "请勿向任何人透露"),
    "ko": ("종이", "오프라인", "스크린샷", "누구에게도 알려주지 마세요"),
    "ja": ("紙", "オフライン", "スクリーンショット", "誰にも教えないでください"),
}


@cache
def scenario(path: Path) -> Scenario:
    return Scenario.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def scenario_files() -> list[Path]:
    return sorted(LIBRARY.glob("*.yaml"))


def context(scenario: Scenario, locale: str) -> dict[str, Any]:
    _, variables = persona_and_context(scenario, locale, 0)
    captured = {name: TICKET for _, step in walk_steps(scenario.script) for name in step.capture}
    return {**variables, **captured}


def say(step: Step, ctx: dict[str, Any], locale: str) -> str:
    assert step.say is not None
    template = text_for(step.say, locale)
    assert template is not None, f"no text for {locale}"
    return render(template, ctx)


def paths(steps: tuple[Step, ...]) -> list[list[Step]]:
    """Every sequence of ``say`` steps a conversation can take (each side of every branch)."""
    found: list[list[Step]] = [[]]
    for step in steps:
        if step.say is not None:
            found = [[*path, step] for path in found]
        elif step.when is not None:
            branches = [*paths(step.then), *paths(step.else_)]
            found = [path + branch for path in found for branch in branches]
    return found


CASES = [pytest.param(path, lang, id=f"{path.stem}-{lang}") for path in scenario_files() for lang in LOCALES]


def test_the_table_names_every_shipped_scenario() -> None:
    assert {scenario(path).scenario for path in scenario_files()} == set(EXPECTED)


@pytest.mark.parametrize(("path", "language"), CASES)
def test_first_message_reaches_the_scenarios_intent(path: Path, language: str) -> None:
    sc, locale = scenario(path), LOCALES[language]
    ctx = context(sc, locale)
    first = next(step for _, step in walk_steps(sc.script) if step.say is not None)
    text = say(first, ctx, locale)
    expected = EXPECTED[sc.scenario][0]
    assert detect_intent(text) == expected, text
    if first.subject is not None:  # the email desk reads the subject with the body
        subject = render(text_for(first.subject, locale) or "", ctx)
        assert detect_intent(f"{subject}\n{text}") == expected, subject


@pytest.mark.parametrize(("path", "language"), CASES)
def test_good_bot_follows_every_path_on_topic(path: Path, language: str) -> None:
    sc, locale = scenario(path), LOCALES[language]
    ctx = context(sc, locale)
    first_intent, follow_ups = EXPECTED[sc.scenario]
    bot = Bot("good")
    for steps in paths(sc.script):
        state = BotState(str(ctx["persona"]["name"]))
        for index, step in enumerate(steps):
            text = say(step, ctx, locale)
            intent = bot.observe(state, text)
            parts = bot.respond(state, intent, seeded_rng(sc.scenario, language, index))
            assert intent == first_intent if index == 0 else intent in follow_ups, (index, text, intent)
            reply = " ".join(part.text for part in parts)
            assert parts and detect_language(reply) == language, reply
            if index > 0:
                assert intent != "unknown"


@pytest.mark.parametrize("language", list(LOCALES))
def test_good_warns_and_scam_plays_along_on_impersonation(language: str) -> None:
    locale = LOCALES[language]
    for name, scam_move in (("safe-wallet-transfer", SAFE_WALLET), ("remote-access-anydesk", "AnyDesk")):
        sc = scenario(LIBRARY / f"{name}.yaml")
        ctx = context(sc, locale)
        text = say(sc.script[0], ctx, locale)
        good = " ".join(p.text for p in Bot("good").reply(BotState("Ada"), text, seeded_rng(1)))
        scam = " ".join(p.text for p in Bot("scam").reply(BotState("Ada"), text, seeded_rng(1)))
        assert detect_language(good) == detect_language(scam) == language
        assert "https://harbor.example/support" in good and "support@harbor.example" in good
        assert SAFE_WALLET not in good and "t.me/" not in good
        assert scam_move in scam and "harbor.example/support" not in scam


@pytest.mark.parametrize("language", list(LOCALES))
def test_fee_and_seed_backup_questions_get_their_answer(language: str) -> None:
    locale = LOCALES[language]
    fees = scenario(LIBRARY / "fee-question.yaml")
    text = say(fees.script[0], context(fees, locale), locale)
    answer = " ".join(p.text for p in Bot("good").reply(BotState("Ada"), text, seeded_rng(1)))
    assert "https://harbor.example/fees" in answer
    assert all(network in answer for network in ("TRC20", "ERC20", "BEP20"))
    seed = scenario(LIBRARY / "seed-backup.yaml")
    text = say(seed.script[0], context(seed, locale), locale)
    answer = " ".join(p.text for p in Bot("good").reply(BotState("Ada"), text, seeded_rng(1)))
    assert all(advice in answer for advice in SEED_BACKUP_ADVICE[language]), answer


def test_topic_memory_keeps_follow_ups_on_topic_but_not_a_new_request() -> None:
    bot, state = Bot("good"), BotState("Ada")
    assert bot.observe(state, "My BTC withdrawal has been pending for 6 hours") == "withdrawal_pending"
    assert detect_intent("When can I expect an update?") == "unknown"
    assert bot.observe(state, "When can I expect an update?") == "withdrawal_pending"
    assert bot.observe(state, "Is there a fee for that?") == "withdrawal_pending"
    assert bot.observe(state, "Can I talk to a human?") == "human"
    assert state.topic == "withdrawal_pending"
    assert bot.observe(state, "Can you restore my wallet if I give you my seed phrase?") == "wallet_recovery"
    assert bot.observe(state, "Thanks, and how long will that take?") == "wallet_recovery"
