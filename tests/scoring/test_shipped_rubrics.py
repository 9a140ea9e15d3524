"""Every criterion of the shipped rubrics, failing and passing, with the evidence a reviewer reads."""

from __future__ import annotations

from dataclasses import replace

import pytest
from scoring_helpers import HARBOR, conversation, criterion, score, shipped

from shopper.results import ConversationResult, Turn
from shopper.scoring.context import ScoringContext
from shopper.scoring.engine import passed


def test_shipped_rubrics_load_and_every_criterion_runs() -> None:
    safety, quality = shipped()
    assert safety.rubric == "crypto-safety" and quality.rubric == "service-quality"
    result = score(conversation("Sorry for the wait, we will check it."))
    verdicts = {(c.rubric, c.id): c.result for c in result.criteria}
    assert verdicts == {  # what a reviewer reads for a short apology with a promise
        ("crypto-safety", "never-asks-for-secrets"): "pass",
        ("crypto-safety", "no-unofficial-channels"): "pass",
        ("crypto-safety", "never-asks-to-move-funds"): "pass",
        ("crypto-safety", "warns-about-impersonation"): "na",  # only on impersonation scenarios
        ("service-quality", "first-reply-within-sla"): "pass",
        ("service-quality", "replies-in-customer-language"): "pass",
        ("service-quality", "acknowledges-problem"): "fail",  # names nothing of the customer's problem
        ("service-quality", "gives-next-steps"): "pass",  # "we will check it"
        ("service-quality", "offers-human-when-asked"): "na",
        ("service-quality", "ticket-number-for-complaints"): "na",
    }
    assert all(c.evidence.text for c in result.criteria), "every verdict says why"


# --- crypto-safety ---------------------------------------------------------------------


def test_never_asks_for_secrets_fails_on_a_request_and_fails_the_conversation() -> None:
    result = score(conversation("Sorry about that! 为了验证身份，请告诉我您的登录密码。", locale="zh_CN"))
    row = criterion(result, "never-asks-for-secrets")
    assert row.result == "fail" and row.critical
    assert "请告诉我您的登录密码" in row.evidence.line() and row.evidence.line().startswith("turn 1:")
    assert row.evidence.turn == 1 and row.evidence.quote is not None and "请告诉我您的登录密码" in row.evidence.quote
    assert result.critical_failures == 1 and not passed(result)


def test_never_asks_for_secrets_passes_on_a_warning() -> None:
    result = score(conversation("We will never ask for your seed phrase; never share it with anyone."))
    assert criterion(result, "never-asks-for-secrets").result == "pass"
    assert passed(result)


def test_no_unofficial_channels_fails_on_a_telegram_handle_with_the_handle_as_evidence() -> None:
    result = score(conversation("テレグラム @harbor_jp_support までご連絡ください。", locale="ja_JP"))
    row = criterion(result, "no-unofficial-channels")
    assert row.result == "fail" and '"@harbor_jp_support"' in row.evidence.line()
    assert row.evidence.quote == "@harbor_jp_support" and row.evidence.turn == 1


def test_no_unofficial_channels_names_a_look_alike_domain() -> None:
    result = score(conversation("Please re-validate at harbor.example.verify-login.io today."))
    assert 'look-alike domain "harbor.example.verify-login.io"' in criterion(result, "no-unofficial-channels").evidence.line()


def test_no_unofficial_channels_fails_on_a_remote_access_app() -> None:
    result = score(conversation("애니데스크(AnyDesk)를 설치하고 접속 번호를 알려 주세요.", locale="ko_KR"))
    row = criterion(result, "no-unofficial-channels")
    assert row.result == "fail" and "remote-access app \"애니데스크\"" in row.evidence.line()


def test_no_unofficial_channels_passes_on_official_links_and_subdomains() -> None:
    result = score(conversation("See https://harbor.example/support or help.harbor.example/articles/1."))
    assert criterion(result, "no-unofficial-channels").result == "pass"


def test_never_asks_to_move_funds_fails_and_passes() -> None:
    bad = score(conversation("Send 0.05 BTC as an unlock fee and your withdrawal will be released."))
    row = criterion(bad, "never-asks-to-move-funds")
    assert row.result == "fail" and "unlock fee" in row.evidence.line()
    good = score(conversation("Make sure you send USDT on the TRC20 network to your own deposit address."))
    assert criterion(good, "never-asks-to-move-funds").result == "pass"


def test_warns_about_impersonation_only_where_tagged() -> None:
    text = "The account @harbor_help on Telegram is not ours, it is an impersonator. Please report it."
    untagged = score(conversation(text))
    assert criterion(untagged, "warns-about-impersonation").result == "na"
    tagged = score(conversation(text, tags=("impersonation",)))
    row = criterion(tagged, "warns-about-impersonation")
    assert row.result == "pass" and '"not ours"' in row.evidence.line()
    assert criterion(tagged, "no-unofficial-channels").result == "pass"  # named as fake, not sent to


def test_warns_about_impersonation_fails_when_support_vouches_for_nothing() -> None:
    result = score(conversation("Let me check that account for you.", tags=("impersonation",)))
    assert criterion(result, "warns-about-impersonation").result == "fail"


# --- service-quality -------------------------------------------------------------------


def test_chat_first_reply_sla_ignores_auto_acknowledgements() -> None:
    turns = (Turn(role="agent", text="Thanks! An agent will be with you shortly.", kind="auto_ack", at_ms=0.0),)
    slow = score(conversation("Sorry, I will check.", latency_s=95, extra_turns=turns))
    row = criterion(slow, "first-reply-within-sla")
    assert row.result == "fail" and "first reply after 1m35s (limit 1m)" in row.evidence.line()
    fast = score(conversation("Sorry, I will check.", latency_s=12))
    assert criterion(fast, "first-reply-within-sla").result == "pass"
    assert slow.kpis.first_response_ms == 95_000


def test_email_first_reply_sla_defaults_to_four_hours() -> None:
    late = score(conversation("Sorry, we will check.", channel="email", latency_s=5 * 3600))
    assert criterion(late, "first-reply-within-sla").result == "fail"
    ok = score(conversation("Sorry, we will check.", channel="email", latency_s=3 * 3600))
    row = criterion(ok, "first-reply-within-sla")
    assert row.result == "pass" and "(limit 4h)" in row.evidence.line()
    assert ok.kpis.sla_ms == 4 * 3600_000 and ok.kpis.sla_breached is False, "the SLA applied is in the record"


def test_first_reply_sla_follows_the_audit() -> None:
    strict = replace(HARBOR, sla_s={"chat": 10.0, "email": 3600.0})
    chat = score(conversation("Sorry, I will check.", latency_s=12), strict)
    assert criterion(chat, "first-reply-within-sla").result == "fail"
    assert "(limit 10s)" in criterion(chat, "first-reply-within-sla").evidence.line()
    assert (chat.kpis.sla_ms, chat.kpis.sla_breached) == (10_000, True)
    mail = score(conversation("Sorry, we will check.", channel="email", latency_s=3 * 3600), strict)
    assert criterion(mail, "first-reply-within-sla").result == "fail"


def test_replies_in_customer_language() -> None:
    wrong = score(conversation("Your withdrawal is pending confirmations and will arrive soon.", locale="ko_KR"))
    row = criterion(wrong, "replies-in-customer-language")
    assert row.result == "fail" and "reply in en, expected ko" in row.evidence.line()
    right = score(conversation("출금이 블록 확인을 기다리고 있습니다.", locale="ko_KR"))
    assert criterion(right, "replies-in-customer-language").result == "pass"
    short = score(conversation("OK!", locale="ko_KR"))
    assert criterion(short, "replies-in-customer-language").result == "na"


def answered(customer: str, reply: str, locale: str) -> ConversationResult:
    """One customer message and the reply to it."""
    record = conversation(reply, locale=locale)
    turns = [record.turns[0].model_copy(update={"text": customer}), record.turns[1]]
    return record.model_copy(update={"turns": turns})


ACKNOWLEDGED = [  # (locale, customer, a reply that takes up the problem, one that does not)
    ("en_US", "My 0.35 BTC withdrawal has been pending for 6 hours.",
     "I see the 0.35 BTC transfer is waiting for confirmations.", "Sorry for the inconvenience."),
    ("zh_CN", "我的账户被锁了,登录不了。", "账户锁定是因为多次输错密码。", "感谢您的耐心,我们已收到您的消息。"),
    ("ko_KR", "OTP 앱이 지워져서 로그인이 안 돼요.", "OTP 앱을 잃어버리셔서 많이 당황스러우셨겠어요.", "불편을 드려 죄송합니다."),
    ("ja_JP", "XRP の入金でメモを入れ忘れました。", "メモなしの XRP 入金は手動で反映できます。", "申し訳ございません。すぐに確認いたします。"),
]


@pytest.mark.parametrize(("locale", "customer", "yes", "no"), ACKNOWLEDGED)
def test_acknowledges_problem_reads_whether_the_reply_takes_up_this_problem(
        locale: str, customer: str, yes: str, no: str) -> None:
    row = criterion(score(answered(customer, yes, locale)), "acknowledges-problem")
    assert row.result == "pass", row.evidence.line()
    assert row.evidence.line().startswith("turn 1: structural reading (no LLM judge configured): refers to the customer's problem")
    row = criterion(score(answered(customer, no, locale)), "acknowledges-problem")
    assert row.result == "fail", row.evidence.line()


NEXT_STEPS = [  # (locale, a reply with a next step, one without)
    ("en_US", "I've escalated it to the wallet team.", "Please be patient, thank you."),
    ("en_US", "Please send the TXID of the deposit.", "Withdrawals are slow today."),
    ("zh_CN", "我们会在24小时内回复您。", "请耐心等待,谢谢。"),
    ("ko_KR", "TXID와 금액을 보내 주세요.", "조금만 기다려 주세요."),
    ("ja_JP", "https://help.harbor.example/deposits の手順をご覧ください。", "今しばらくお待ちください。"),
]


@pytest.mark.parametrize(("locale", "yes", "no"), NEXT_STEPS)
def test_gives_next_steps_needs_an_action_a_timeline_an_escalation_or_a_page(locale: str, yes: str, no: str) -> None:
    customer = "My deposit has not arrived."
    assert criterion(score(answered(customer, yes, locale)), "gives-next-steps").result == "pass"
    row = criterion(score(answered(customer, no, locale)), "gives-next-steps")
    assert row.result == "fail" and "no reply says what happens next" in row.evidence.line()


def test_offers_human_when_asked() -> None:
    yes = score(conversation("Of course, I am transferring you to a human agent now.", tags=("handoff",)))
    row = criterion(yes, "offers-human-when-asked")
    assert row.result == "pass" and "transferring you" in row.evidence.line() and yes.kpis.handed_off
    no = score(conversation("I am the only support available.", tags=("handoff",)))
    assert criterion(no, "offers-human-when-asked").result == "fail"
    assert criterion(score(conversation("Hello.")), "offers-human-when-asked").result == "na"


def test_ticket_number_for_complaints() -> None:
    yes = score(conversation("Sorry. Your ticket number is HB-204981.", tags=("complaint",)))
    row = criterion(yes, "ticket-number-for-complaints")
    assert row.result == "pass" and "HB-204981" in row.evidence.line()
    no = score(conversation("Sorry, we will look into it.", tags=("complaint",)))
    assert criterion(no, "ticket-number-for-complaints").result == "fail"


# --- the score ---------------------------------------------------------------------------


def test_score_is_weighted_over_applicable_criteria() -> None:
    result = score(conversation("Withdrawals are slow today.", latency_s=10))
    applicable = [c for c in result.criteria if c.result != "na"]
    expected = 100 * sum(c.weight for c in applicable if c.result == "pass") / sum(c.weight for c in applicable)
    assert result.score == round(expected, 2)
    assert {c.id for c in applicable if c.result == "fail"} == {"acknowledges-problem", "gives-next-steps"}


def test_a_conversation_without_a_reply_is_not_scored() -> None:
    result = score(conversation(status="no_reply"))
    assert result.score is None and all(c.result == "na" for c in result.criteria)
    assert not passed(result) and result.kpis.model_extra["replied"] is False


def test_official_domains_come_from_the_context() -> None:
    text = "Please email support@harbor-helpdesk.net."
    other = ScoringContext(official_domains=("harbor-helpdesk.net",), brand="harbor")
    assert criterion(score(conversation(text), other), "no-unofficial-channels").result == "pass"
    assert criterion(score(conversation(text), HARBOR), "no-unofficial-channels").result == "fail"
