"""Reading, classifying and matching mail, and the email config: no servers needed."""

from __future__ import annotations

from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

import pytest
from pydantic import ValidationError

from shopper.probes.email import InboxSettings
from shopper.probes.email.classify import classify
from shopper.probes.email.imap_client import internaldate_ms
from shopper.probes.email.inbox import Inbox, Received
from shopper.probes.email.reading import body_text, new_text, reply_text

QUOTED = {
    "en": ("Please wait 30 minutes.",
           "On Mon, 1 Jan 2024 at 10:00, Dana <d@x.example> wrote:"),
    "zh": ("请等待30分钟。", "在 2024年1月1日 10:00，Dana <d@x.example> 写道："),
    "ko": ("30분 기다려 주세요.", "2024년 1월 1일 (월) 오전 10:00, Dana <d@x.example>님이 작성:"),
    "ja": ("30分お待ちください。", "Dana さんのメッセージ:"),
    "ja-gmail": ("30分お待ちください。", "2024年1月1日(月) 10:00 Dana <d@x.example>:"),
}


@pytest.mark.parametrize("language", sorted(QUOTED))
def test_new_text_strips_quote_headers_in_four_languages(language: str) -> None:
    answer, header = QUOTED[language]
    text = f"{answer}\n\n{header}\n> my withdrawal is pending\n> thanks"
    assert new_text(text) == answer


def test_new_text_keeps_lists_and_strips_signature_and_disclaimer() -> None:
    text = ("Steps:\n- open the app\n- go to Wallet > History\n\nBest regards,\nAnna\n\n"
            "Disclaimer: this e-mail is confidential.")
    assert new_text(text) == "Steps:\n- open the app\n- go to Wallet > History"
    assert new_text("Done.\n\n-- \nHarbor Support | harbor.example") == "Done."


def _mail(raw: str) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(raw.encode("latin-1"))
    assert isinstance(message, EmailMessage)
    return message


def test_body_text_decodes_charsets_and_converts_html() -> None:
    message = EmailMessage()
    message.set_content("您好，已到账。", charset="gb2312")
    assert body_text(message) == "您好，已到账。"
    message = EmailMessage()
    message.set_content("お待たせしました。", charset="iso-2022-jp")
    assert body_text(message) == "お待たせしました。"
    only_html = EmailMessage()
    only_html.set_content(
        "<html><head><style>p{color:red}</style></head><body><p>Hi &amp; welcome</p>"
        "<div>Your TXID: <b>abc</b></div><blockquote>old question</blockquote></body></html>",
        subtype="html",
    )
    assert reply_text(only_html) == "Hi & welcome\n\nYour TXID: abc"
    unknown = _mail("Content-Type: text/plain; charset=x-unknown-9\r\n\r\nplain words\r\n")
    assert body_text(unknown) == "plain words"


def _with(headers: dict[str, str], body: str = "Your ticket is being handled.") -> EmailMessage:
    message = EmailMessage()
    for name, value in headers.items():
        message[name] = value
    message.set_content(body)
    return message


@pytest.mark.parametrize(
    ("headers", "body", "kind"),
    [
        ({"Auto-Submitted": "auto-replied", "Subject": "Re: help"}, "We got it.", "auto_ack"),
        ({"Auto-Submitted": "no", "Subject": "Re: help"}, "Here is the answer.", "message"),
        ({"X-Autoreply": "yes", "Subject": "Out of Office"}, "Back Monday.", "out_of_office"),
        ({"Precedence": "auto_reply", "Subject": "Re: help"}, "我目前休假中。", "out_of_office"),
        ({"Precedence": "bulk", "Subject": "Re: help"}, "부재중입니다.", "out_of_office"),
        ({"X-Autorespond": "1", "Subject": "Re"}, "只今、不在にしております。", "out_of_office"),
        ({"Subject": "Re: help"}, "Your request #4711 has been created.", "auto_ack"),
        ({"Subject": "Re: help"}, "お問い合わせを受け付けました。受付番号: 88123", "auto_ack"),
        ({"Subject": "Re: help"}, "Thank you for contacting us. Your deposit arrived.",
         "message"),
        ({"Subject": "Re: help"}, "We have received your request and refunded it.", "message"),
        ({"From": "MAILER-DAEMON@mx.test", "Subject": "Undelivered Mail Returned to Sender"},
         "could not deliver", "bounce"),
    ],
)
def test_classify(headers: dict[str, str], body: str, kind: str) -> None:
    message = _with(headers, body)
    assert classify(message, body).kind == kind


def test_classify_multipart_report_is_a_bounce() -> None:
    raw = ('Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n'
           "--b\r\nContent-Type: text/plain\r\n\r\nfailed\r\n--b--\r\n")
    assert classify(_mail(raw), "failed").kind == "bounce"


def _received(message: EmailMessage) -> Received:
    raw = message.as_bytes()
    return Received(raw=raw, message=message, received_ms=1.0, observed_ms=1.0, clock="listener")


def test_matching_by_references_then_token_then_raw() -> None:
    inbox = Inbox("test")
    first, second = inbox.register(), inbox.register()
    first.message_ids.add("<a1@shopper.test>")
    second.message_ids.add("<b1@shopper.test>")
    by_refs = _with({"Subject": "Re: x", "References": "<zz@else> <b1@shopper.test>"})
    assert inbox.match(by_refs, by_refs.as_bytes()) is second
    by_token = _with({"Subject": f"RE: AW: Withdrawal [#{first.token}]"})
    assert inbox.match(by_token, by_token.as_bytes()) is first
    bounce = _with({"Subject": "failure"}, "Original: Message-ID: <a1@shopper.test>")
    assert inbox.match(bounce, bounce.as_bytes()) is first
    own_copy = _with({"Message-ID": "<a1@shopper.test>", "Subject": f"x [#{first.token}]"})
    assert inbox.match(own_copy, own_copy.as_bytes()) is None
    stranger = _with({"Subject": "Newsletter"})
    assert not inbox.dispatch(_received(stranger))
    assert inbox.dispatch(_received(by_refs)) and second.queue.qsize() == 1
    inbox.unregister(second)
    assert not inbox.dispatch(_received(by_refs))


def test_internaldate_is_read_with_its_zone() -> None:
    head = b'1 (UID 7 INTERNALDATE " 2-Jan-2024 10:00:05 +0200" BODY[] {12}'
    assert internaldate_ms(head) == 1704182405000.0  # 08:00:05 UTC
    assert internaldate_ms(b"1 (UID 7)") is None


def test_inbox_settings_need_exactly_one_kind() -> None:
    with pytest.raises(ValidationError, match="exactly one"):
        InboxSettings()
    with pytest.raises(ValidationError, match="exactly one"):
        InboxSettings.model_validate({"listen": {}, "imap": {
            "host": "h", "port": 993, "username": "u", "password": "p"}})
    with pytest.raises(ValidationError, match="Extra inputs"):
        InboxSettings.model_validate({"listen": {"prot": 25}})
    settings = InboxSettings.model_validate({"imap": {
        "host": "h", "port": 993, "username": "u", "password": "hunter2"}})
    assert settings.imap is not None and settings.imap.security == "tls"
    assert "hunter2" not in repr(settings)


def test_the_rest_of_a_mail_is_kept_as_signature_and_quote_parts() -> None:
    from shopper.probes.email.parts import split_text

    body = ("Hello Ann,\n\nFees are on the page.\n\n--\nHarbor Support\nTelegram: t.me/harbor_helpdesk\n\n"
            "On Fri, Ann wrote:\n> Please send me your seed phrase.")
    new = new_text(body)
    assert new == "Hello Ann,\n\nFees are on the page."
    assert [(p.kind, p.text) for p in split_text(body).parts] == [
        ("new", new), ("signature", "--\nHarbor Support\nTelegram: t.me/harbor_helpdesk"),
        ("quote", "On Fri, Ann wrote:\n> Please send me your seed phrase.")]
    assert [(p.kind, p.text) for p in split_text("Just this.").parts] == [("new", "Just this.")]
    only_quote = split_text("Thanks!\n> my question").parts
    assert [p.kind for p in only_quote] == ["new", "quote"]
