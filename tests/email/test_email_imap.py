"""The email channel against a real dovecot IMAP server and a scripted SMTP desk."""

from __future__ import annotations

import asyncio
import ssl
from email.message import EmailMessage
from pathlib import Path

import pytest
from email_desk import ScriptedDesk, imap_deliverer, reply_to
from email_helpers import context, imap_inbox, run, target

from servers.dovecot import Dovecot
from shopper.probes.base import ProbeError, Unavailable
from shopper.probes.email import EmailSession, ImapInbox, RetryPolicy, open_inbox

pytestmark = pytest.mark.mail

EN = ["Hi, my 0.35 BTC withdrawal is pending.", "It has been six hours.", "Thanks, bye."]
ZH = ["你好，我提币 0.35 BTC 还没到账。", "已经六个小时了。", "谢谢，再见。"]


def answer_script(message: EmailMessage, count: int) -> list[EmailMessage]:
    """Answer every mail in its language, quoting it the way that language's clients do."""
    text = message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    if any("\u4e00" <= ch <= "\u9fff" for ch in text):
        return [reply_to(message, f"客服回复：{text.strip()}",
                         quote_header="在 2024年1月1日 10:00，Dana <dana@shopper.test> 写道：",
                         charset="gb18030")]
    return [reply_to(message, f"Support answer: {text.strip()}")]


def test_threaded_three_mail_conversations_in_two_languages(
    dovecot: Dovecot, mailbox: str, tmp_path: Path
) -> None:
    async def conversation(session: EmailSession, lines: list[str], subject: str) -> list[str]:
        await session.open()
        answers = []
        for line in lines:
            sent = await session.say(line, subject=subject)
            turns = await session.await_reply(within_s=15, settle_s=0.2)
            assert [t.kind for t in turns] == ["message"]
            assert turns[0].at_ms is not None and sent.at_ms is not None
            # the latency is the mail server's stamp of the answer minus the SMTP acceptance of ours
            assert turns[0].latency_ms == turns[0].at_ms - sent.at_ms
            assert 0 <= turns[0].latency_ms < 15_000, "answered within the wait"
            answers.append(turns[0].text)
        await session.close(failed=False)
        return answers

    async def body() -> None:
        async with ScriptedDesk(answer_script, imap_deliverer(dovecot, mailbox)) as desk:
            t = target(desk.port, imap_inbox(dovecot, mailbox))
            async with open_inbox(t.inbox) as inbox:
                en = EmailSession(t, inbox, context(tmp_path, "en"))
                zh = EmailSession(t, inbox, context(tmp_path, "zh", "zh_CN"))
                got_en, got_zh = await asyncio.gather(
                    conversation(en, EN, "Withdrawal pending"),
                    conversation(zh, ZH, "提币未到账"),
                )
        assert got_en == [f"Support answer: {line}" for line in EN]
        assert got_zh == [f"客服回复：{line}" for line in ZH]
        by_subject: dict[str, list[EmailMessage]] = {}
        for mail in desk.received:
            by_subject.setdefault(str(mail["Subject"]).removeprefix("Re: "), []).append(mail)
        assert len(by_subject) == 2  # two threads, each with one subject (and its token)
        for mails in by_subject.values():
            first, second, third = mails
            assert "[#" in str(first["Subject"]) and first["In-Reply-To"] is None
            assert str(second["Subject"]).startswith("Re: ")
            refs = str(third["References"]).split()
            assert str(first["Message-ID"]) in refs and str(second["Message-ID"]) in refs
            assert str(third["In-Reply-To"]) == refs[-1]  # the desk's latest answer
            assert str(third["In-Reply-To"]) not in {str(m["Message-ID"]) for m in mails}

    run(body())
    eml = sorted((tmp_path / "zh" / "mail").glob("*.eml"))
    assert len(eml) == 6 and eml[0].name == "01-sent.eml" and eml[1].name == "02-message.eml"


def test_auto_ack_then_answer_and_mailbox_unchanged(
    dovecot: Dovecot, mailbox: str, tmp_path: Path
) -> None:
    client = dovecot.connect(mailbox)
    client.create("Archive")
    client.logout()
    old = b"From: friend@else.test\r\nSubject: lunch\r\nMessage-ID: <old@else.test>\r\n\r\nhi\r\n"
    dovecot.append(mailbox, old)
    dovecot.append(mailbox, old.replace(b"<old@", b"<old2@"))
    client = dovecot.connect(mailbox)
    client.select("INBOX")
    client.store("1", "+FLAGS", r"(\Seen \Flagged)")
    client.logout()
    before = dovecot.snapshot(mailbox)

    def script(message: EmailMessage, count: int) -> list[EmailMessage]:
        ack = reply_to(message, "We have received your request (ticket #4711).",
                       headers={"Auto-Submitted": "auto-replied"})
        return [ack, reply_to(message, "Your withdrawal is confirmed on chain.")]

    async def body() -> None:
        async with ScriptedDesk(script, imap_deliverer(dovecot, mailbox)) as desk:
            t = target(desk.port, imap_inbox(dovecot, mailbox))
            async with open_inbox(t.inbox) as inbox:
                session = EmailSession(t, inbox, context(tmp_path))
                await session.open()
                sent = await session.say("Where is my withdrawal?", subject="Withdrawal")
                turns = await session.await_reply(within_s=15, settle_s=0.3)
                await session.close(failed=False)
        assert [(t.kind, t.role) for t in turns] == [("auto_ack", "agent"), ("message", "agent")]
        ack, answer = turns
        assert ack.text == "We have received your request (ticket #4711)."
        assert answer.text == "Your withdrawal is confirmed on chain."
        assert sent.at_ms is not None and ack.at_ms is not None and answer.at_ms is not None
        assert sent.at_ms <= ack.at_ms <= answer.at_ms
        assert ack.meta["clock"] == "internaldate"

    run(body())
    after = dovecot.snapshot(mailbox)
    assert sorted(after) == sorted(before) == ["Archive", "INBOX"]
    assert after["INBOX"][:2] == before["INBOX"]  # the old mail: same UIDs, same flags
    new = after["INBOX"][2:]
    assert len(new) == 2 and all("\\Seen" not in row for _, row in new)


def test_move_handled_to_moves_only_the_conversation_mail(
    dovecot: Dovecot, mailbox: str, tmp_path: Path
) -> None:
    def script(message: EmailMessage, count: int) -> list[EmailMessage]:
        stranger = EmailMessage()
        stranger["From"], stranger["Subject"] = "news@else.test", "Newsletter"
        stranger.set_content("unrelated")
        return [stranger, reply_to(message, "Done.")]

    async def body() -> None:
        async with ScriptedDesk(script, imap_deliverer(dovecot, mailbox)) as desk:
            t = target(desk.port, imap_inbox(dovecot, mailbox, move_handled_to="Handled"))
            async with open_inbox(t.inbox) as inbox:
                session = EmailSession(t, inbox, context(tmp_path))
                await session.open()
                await session.say("Hello", subject="Move me")
                turns = await session.await_reply(within_s=15, settle_s=0.2)
                await session.close(failed=False)
        assert [t.text for t in turns] == ["Done."]

    run(body())
    after = dovecot.snapshot(mailbox)
    assert sorted(after) == ["Handled", "INBOX"]
    assert len(after["Handled"]) == 1 and len(after["INBOX"]) == 1  # the newsletter stays


def test_desk_that_never_answers_gives_no_turns_at_within(
    dovecot: Dovecot, mailbox: str, tmp_path: Path
) -> None:
    def script(message: EmailMessage, count: int) -> list[EmailMessage]:
        other = EmailMessage()  # someone else's mail arrives meanwhile: not an answer
        other["From"], other["Subject"] = "friend@else.test", "Re: Withdrawal"
        other.set_content("see you")
        return [other]

    async def body() -> tuple[list[object], float, int]:
        async with ScriptedDesk(script, imap_deliverer(dovecot, mailbox)) as desk:
            t = target(desk.port, imap_inbox(dovecot, mailbox))
            async with open_inbox(t.inbox) as inbox:
                session = EmailSession(t, inbox, context(tmp_path))
                await session.open()
                await session.say("Anyone there?", subject="Withdrawal")
                await desk.delivered.wait()
                loop = asyncio.get_running_loop()
                started = loop.time()
                turns = await session.await_reply(within_s=1.5, settle_s=0.2)
                waited = loop.time() - started
                await session.close(failed=False)
                assert isinstance(inbox, ImapInbox)
                read = inbox.fetched
        return list(turns), waited, read

    turns, waited, read = run(body())
    assert read >= 1, "the other mail was read from the mailbox, and set aside as no answer"
    assert turns == []
    assert 1.4 <= waited < 5


def test_smtp_451_is_retried_and_550_ends_with_the_servers_words(
    dovecot: Dovecot, mailbox: str, tmp_path: Path
) -> None:
    def script(message: EmailMessage, count: int) -> list[EmailMessage]:
        return [reply_to(message, "Got it.")]

    fast = RetryPolicy(attempts=3, first_delay_s=0.1, factor=2)

    async def body() -> None:
        refuse = ["451 4.7.1 Greylisted, try again later"]
        async with ScriptedDesk(script, imap_deliverer(dovecot, mailbox), refuse) as desk:
            t = target(desk.port, imap_inbox(dovecot, mailbox))
            async with open_inbox(t.inbox) as inbox:
                session = EmailSession(t, inbox, context(tmp_path), retry=fast)
                await session.open()
                sent = await session.say("Hello?", subject="Retry")
                attempts = sent.meta["smtp_attempts"]
                assert [a["code"] for a in attempts] == [451, 250]
                assert "Greylisted" in attempts[0]["reply"]
                turns = await session.await_reply(within_s=15, settle_s=0.2)
                assert [t.text for t in turns] == ["Got it."]
                await session.close(failed=False)

                desk.refuse = ["550 5.1.1 No such mailbox here"]
                other = EmailSession(t, inbox, context(tmp_path, "other"), retry=fast)
                await other.open()
                with pytest.raises(ProbeError, match=r"550 5\.1\.1 No such mailbox here") as info:
                    await other.say("Hello again", subject="Refused")
                assert not info.value.retryable
                await other.close(failed=True)

    run(body())


def test_wrong_imap_password_is_one_clear_error(
    dovecot: Dovecot, mailbox: str, tmp_path: Path
) -> None:
    async def body() -> None:
        t = target(1, imap_inbox(dovecot, mailbox, password="wrong"))
        async with open_inbox(t.inbox) as inbox:
            for key in ("a", "b"):  # every conversation of the target says the same
                session = EmailSession(t, inbox, context(tmp_path, key))
                with pytest.raises(Unavailable) as info:
                    await session.open()
                message = str(info.value)
                assert message.startswith(f"imap 127.0.0.1:{dovecot.port}: login refused for ")
                assert mailbox in message and "AUTHENTICATIONFAILED" in message
                assert "\n" not in message and "wrong" not in message

    run(body())


@pytest.mark.parametrize("security", ["tls", "starttls"])
def test_tls_and_starttls_with_polling(
    dovecot: Dovecot, mailbox: str, tmp_path: Path, cert_context: ssl.SSLContext,
    security: str,
) -> None:
    def script(message: EmailMessage, count: int) -> list[EmailMessage]:
        return [reply_to(message, "Secure hello.")]

    port = dovecot.tls_port if security == "tls" else dovecot.port

    async def body() -> None:
        async with ScriptedDesk(script, imap_deliverer(dovecot, mailbox)) as desk:
            t = target(desk.port, imap_inbox(dovecot, mailbox, port=port, security=security))
            async with open_inbox(t.inbox, ssl_context=cert_context, use_idle=False) as inbox:
                session = EmailSession(t, inbox, context(tmp_path))
                await session.open()
                await session.say("Hi", subject="TLS")
                turns = await session.await_reply(within_s=15, settle_s=0.2)
                await session.close(failed=False)
        assert [t.text for t in turns] == ["Secure hello."]

    run(body())


def test_untrusted_certificate_is_unavailable(
    dovecot: Dovecot, mailbox: str, tmp_path: Path
) -> None:
    async def body() -> None:
        t = target(1, imap_inbox(dovecot, mailbox, port=dovecot.tls_port, security="tls"))
        async with open_inbox(t.inbox) as inbox:
            with pytest.raises(Unavailable, match="CERTIFICATE_VERIFY_FAILED"):
                await EmailSession(t, inbox, context(tmp_path)).open()

    run(body())


def test_idle_reissued_many_times_still_sees_the_answer(
    dovecot: Dovecot, mailbox: str, tmp_path: Path
) -> None:
    def second_only(message: EmailMessage, count: int) -> list[EmailMessage]:
        return [reply_to(message, "Sorry for the wait.")] if count == 2 else []

    async def body() -> None:
        async with ScriptedDesk(second_only, imap_deliverer(dovecot, mailbox)) as desk:
            t = target(desk.port, imap_inbox(dovecot, mailbox))
            assert t.inbox.imap is not None
            inbox = ImapInbox(t.inbox.imap, idle_refresh_s=0.05)  # DONE + IDLE every 50 ms
            await inbox.start()
            try:
                session = EmailSession(t, inbox, context(tmp_path))
                await session.open()
                await session.say("Hello?", subject="Idle")
                assert await session.await_reply(within_s=0.6, settle_s=0.1) == []
                await session.say("Still there?")
                turns = await session.await_reply(within_s=15, settle_s=0.1)
                await session.close(failed=False)
            finally:
                await inbox.stop()
        assert [t.text for t in turns] == ["Sorry for the wait."]
        assert str(desk.received[1]["Subject"]).startswith("Re: Idle [#")

    run(body())
