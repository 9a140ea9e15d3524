"""The email channel with shopper's own SMTP listener as the inbox, and against the demo desk."""

from __future__ import annotations

import asyncio
from email.message import EmailMessage
from pathlib import Path

import pytest
from email_desk import ScriptedDesk, reply_to, smtp_deliverer
from email_helpers import context, listen_inbox, run, target

from shopper.probes.email import Bounced, EmailSession, ListenInbox, RetryPolicy, open_inbox

pytestmark = pytest.mark.mail

KO = ["안녕하세요, 입금이 반영되지 않았습니다.", "메모를 빠뜨린 것 같아요.", "감사합니다."]
EN = ["Hello, my deposit is missing.", "I think I forgot the memo.", "Thank you."]


def language_script(message: EmailMessage, count: int) -> list[EmailMessage]:
    text = message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    if any("\uac00" <= ch <= "\ud7a3" for ch in text):
        return [reply_to(message, f"답변: {text.strip()}", charset="euc-kr",
                         quote_header="2024년 1월 1일 (월) 오전 10:00, Dana <d@x>님이 작성:")]
    return [reply_to(message, f"Answer: {text.strip()}")]


def test_threaded_conversation_in_two_languages_over_the_listener(tmp_path: Path) -> None:
    async def conversation(session: EmailSession, lines: list[str]) -> list[str]:
        await session.open()
        got = []
        for line in lines:
            await session.say(line, subject="Deposit")
            turns = await session.await_reply(within_s=10, settle_s=0.2)
            assert [t.kind for t in turns] == ["message"] and turns[0].meta["clock"] == "listener"
            got.append(turns[0].text)
        await session.close(failed=False)
        return got

    async def body() -> None:
        async with open_inbox(listen_inbox()) as inbox:
            assert isinstance(inbox, ListenInbox) and inbox.port > 0
            async with ScriptedDesk(language_script, smtp_deliverer(inbox.port)) as desk:
                t = target(desk.port, inbox=listen_inbox(), html=True)
                en, ko = await asyncio.gather(
                    conversation(EmailSession(t, inbox, context(tmp_path, "en")), EN),
                    conversation(EmailSession(t, inbox, context(tmp_path, "ko", "ko_KR")), KO),
                )
        assert en == [f"Answer: {line}" for line in EN]
        assert ko == [f"답변: {line}" for line in KO]
        html_parts = [m.get_body(preferencelist=("html",)) for m in desk.received]
        assert all(part is not None for part in html_parts)  # target.html: an HTML alternative

    run(body())


def test_out_of_office_and_ack_do_not_end_the_wait(tmp_path: Path) -> None:
    def script(message: EmailMessage, count: int) -> list[EmailMessage]:
        ooo = reply_to(message, "I am out of the office until Monday.",
                       headers={"X-Autoreply": "yes"}, sender="agent@harbor.test")
        ack = reply_to(message, "自动回复：我们已收到您的请求，工单编号 #5512。")
        return [ooo, ack, reply_to(message, "您的充值已到账。")]

    async def body() -> None:
        async with open_inbox(listen_inbox()) as inbox:
            assert isinstance(inbox, ListenInbox)
            async with ScriptedDesk(script, smtp_deliverer(inbox.port)) as desk:
                t = target(desk.port, inbox=listen_inbox())
                session = EmailSession(t, inbox, context(tmp_path, "zh", "zh_CN"))
                await session.open()
                sent = await session.say("我的充值没有到账", subject="充值未到账")
                turns = await session.await_reply(within_s=10, settle_s=0.3)
                await session.close(failed=False)
        assert [t.kind for t in turns] == ["out_of_office", "auto_ack", "message"]
        assert turns[-1].text == "您的充值已到账。"
        assert sent.at_ms is not None
        assert all(t.at_ms is not None and t.latency_ms == t.at_ms - sent.at_ms for t in turns), \
            "every mail is timed from the customer's message, the acknowledgements too"
        assert all(0 <= (t.latency_ms or 0) < 10_000 for t in turns)
        assert [t.at_ms for t in turns] == sorted(t.at_ms for t in turns if t.at_ms)

    run(body())


def test_silent_desk_and_a_bounce(tmp_path: Path) -> None:
    def silent(message: EmailMessage, count: int) -> list[EmailMessage]:
        return []

    async def body() -> None:
        async with open_inbox(listen_inbox()) as inbox:
            assert isinstance(inbox, ListenInbox)
            async with ScriptedDesk(silent, smtp_deliverer(inbox.port)) as desk:
                t = target(desk.port, inbox=listen_inbox())
                session = EmailSession(t, inbox, context(tmp_path))
                await session.open()
                await session.say("Hello?", subject="Nobody home")
                assert await session.await_reply(within_s=1.0, settle_s=0.2) == []
                await session.close(failed=False)

                bounce = _bounce_for(desk.received[-1])
                second = EmailSession(t, inbox, context(tmp_path, "b"))
                await second.open()
                sent = await second.say("Hello again", subject="Bounce")
                original = desk.received[-1]
                await smtp_deliverer(inbox.port)(_bounce_for(original))
                with pytest.raises(Bounced, match=r"550 5\.1\.1 user unknown") as info:
                    await second.await_reply(within_s=10, settle_s=0.2)
                assert [t.kind for t in info.value.turns] == ["bounce"]
                assert info.value.turns[0].role == "system"
                assert sent.meta["message_id"] in original["Message-ID"]
                assert bounce  # the first conversation's bounce was built from real mail
                await second.close(failed=True)

    run(body())


def _bounce_for(original: EmailMessage) -> bytes:
    report = (
        "From: MAILER-DAEMON@harbor.test\r\nTo: dana@shopper.test\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\nAuto-Submitted: auto-replied\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"\r\n\r\n'
        "--b1\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
        "--b1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; harbor.test\r\n"
        "\r\nFinal-Recipient: rfc822; support@harbor.test\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        "Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n"
        "--b1\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        f"Message-ID: {original['Message-ID']}\r\nSubject: {original['Subject']}\r\n"
        "--b1--\r\n"
    )
    return report.encode()


def test_against_the_demo_email_desk(tmp_path: Path) -> None:
    from shopper.demo import options as options_mod
    from shopper.demo import platform as demo  # shopper's own: an import error is a failure, never a skip

    async def body() -> None:
        async with open_inbox(listen_inbox()) as inbox:
            assert isinstance(inbox, ListenInbox)
            options = options_mod.DemoOptions(reply_to=("127.0.0.1", inbox.port), speed=0.003,
                                              seed=7)
            async with demo.DemoPlatform(options) as platform:
                t = target(platform.smtp_port, inbox=listen_inbox())
                t = t.model_copy(update={"address": platform.support_address("good")})
                session = EmailSession(t, inbox, context(tmp_path), retry=RetryPolicy(
                    attempts=3, first_delay_s=0.1))
                await session.open()
                sent = await session.say("Hi, my BTC withdrawal has been pending for 6 hours.",
                                         subject="Withdrawal pending")
                turns = await session.await_reply(within_s=20, settle_s=0.3)
                await session.close(failed=False)
                truth = [r for r in platform.ground_truth() if r.get("direction") == "out"]
        assert [t.kind for t in turns] == ["auto_ack", "message"]
        assert sent.at_ms is not None
        for turn, record in zip(turns, truth, strict=True):
            assert turn.meta["message_id"] == record["message_id"]
            assert turn.at_ms is not None
            assert 0 <= turn.at_ms - record["at_ms"] < 1000  # the desk stamps just before SMTP
            assert turn.text and "pending for 6 hours" not in turn.text  # quote stripped
            assert not any(line.startswith(">") for line in turn.text.splitlines())

    run(body())
