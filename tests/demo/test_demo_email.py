"""The email desk over real SMTP: threaded answers, follow-ups, the no-answer fault."""

from __future__ import annotations

import asyncio
import re
import smtplib
from email.message import EmailMessage
from email.utils import make_msgid

from demo_helpers import Inbox

from shopper.demo import DemoOptions, DemoPlatform, Fault, ProfileTiming
from shopper.demo.language import detect_language

QUICK = ProfileTiming(email_ack=(0.0, 0.0), email_reply=(0.2, 0.2))
TICKET = re.compile(r"#(HBR-\d{6})")


def mail(to: str, subject: str, body: str, reply_to: EmailMessage | None = None) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Ada Lovelace <ada@shopper.test>"
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = "Tue, 04 Mar 2025 10:00:00 +0000"
    message["Message-ID"] = make_msgid(domain="shopper.test")
    if reply_to is not None:
        message["In-Reply-To"] = reply_to["Message-ID"]
        message["References"] = f"{reply_to['References']} {reply_to['Message-ID']}"
    message.set_content(body)
    return message


def submit(port: int, message: EmailMessage) -> None:
    with smtplib.SMTP("127.0.0.1", port, local_hostname="shopper.test", timeout=10) as client:
        client.send_message(message)


def plain(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert isinstance(part, EmailMessage)
    return str(part.get_content()).replace("\r\n", "\n")


def test_threaded_answer_and_follow_up() -> None:
    async def scenario() -> None:
        async with Inbox() as inbox:
            options = DemoOptions(reply_to=("127.0.0.1", inbox.port), timings={"good": QUICK})
            async with DemoPlatform(options) as demo:
                first = mail(demo.support_address("good"), "Withdrawal pending",
                             "Hi,\nmy BTC withdrawal has been pending for 6 hours.\nAda")  # fmt: skip
                await asyncio.to_thread(submit, demo.smtp_port, first)
                ack, answer = await inbox.wait_for(2)

                assert ack["Auto-Submitted"] == "auto-replied"
                ticket = TICKET.search(plain(ack))
                assert ticket and "We received your request" in plain(ack)
                assert answer["Auto-Submitted"] is None
                for reply in (ack, answer):
                    assert reply["Subject"] == "Re: Withdrawal pending"
                    assert reply["In-Reply-To"] == first["Message-ID"]
                    assert reply["References"].split()[-1] == first["Message-ID"]
                    assert reply["From"].addresses[0].addr_spec == "support@good.harbor.example"
                    assert reply["To"].addresses[0].addr_spec == "ada@shopper.test"
                assert answer.get_content_type() == "multipart/alternative"
                assert answer.get_body(preferencelist=("html",)) is not None
                text = plain(answer)
                assert ticket.group(1) in text
                assert "--\nHarbor Support" in text
                assert "Ada Lovelace wrote:" in text
                assert "> my BTC withdrawal has been pending for 6 hours." in text
                assert ack["Message-ID"] != answer["Message-ID"]

                follow = mail(demo.support_address("good"), "Re: Withdrawal pending",
                              "还是没有到账,请帮我看看。\n\n" + "\n".join(
                                  f"> {line}" for line in text.splitlines()),
                              reply_to=answer)  # fmt: skip
                await asyncio.to_thread(submit, demo.smtp_port, follow)
                messages = await inbox.wait_for(3)
                second = messages[2]
                assert second["Auto-Submitted"] is None, "no new acknowledgement in a thread"
                assert second["In-Reply-To"] == follow["Message-ID"]
                assert first["Message-ID"] in second["References"].split()
                assert second["Subject"] == "Re: Withdrawal pending"
                follow_text = plain(second).split("\n--\n")[0]
                assert ticket.group(1) in follow_text, "the follow-up stays on the same ticket"
                assert detect_language(follow_text) == "zh"

                records = await asyncio.to_thread(
                    demo.wait_for_ground_truth, lambda records: len(records) == 5
                )
                truth = [r for r in records if r["channel"] == "email"]
                assert [(r["direction"], r["kind"]) for r in truth] == [
                    ("in", "message"), ("out", "auto_ack"), ("out", "message"),
                    ("in", "message"), ("out", "message"),
                ]  # fmt: skip
                assert [r["message_id"] for r in truth] == [
                    m["Message-ID"] for m in (first, ack, answer, follow, second)
                ]
                assert len({r["conversation"] for r in truth}) == 1

    asyncio.run(scenario())


def test_desk_that_never_answers() -> None:
    async def scenario() -> None:
        async with Inbox() as inbox:
            options = DemoOptions(reply_to=("127.0.0.1", inbox.port), timings={"good": QUICK})
            async with DemoPlatform(options) as demo:
                silent = mail("support+no_reply@good.harbor.example", "Deposit", "Deposit missing")
                await asyncio.to_thread(submit, demo.smtp_port, silent)
                control = mail(demo.support_address("good"), "Deposit", "Deposit missing")
                await asyncio.to_thread(submit, demo.smtp_port, control)
                replies = await inbox.wait_for(2)  # the control's ack and answer
                assert {r["In-Reply-To"] for r in replies} == {control["Message-ID"]}
                truth = demo.ground_truth()
                about_silent = [r for r in truth if silent["Message-ID"] in
                                (r.get("message_id"), r.get("in_reply_to"))]  # fmt: skip
                assert [r["direction"] for r in about_silent] == ["in"]

    asyncio.run(scenario())


def test_temporary_smtp_failures_then_acceptance() -> None:
    async def scenario() -> None:
        faults = {"good": frozenset({Fault.SMTP_451}), "scam": frozenset({Fault.SMTP_421})}
        async with DemoPlatform(DemoOptions(faults=faults, smtp_failures=2)) as demo:
            for profile, code in (("good", 451), ("scam", 421)):
                message = mail(demo.support_address(profile), "Help", "My account is locked")
                for _ in range(2):
                    try:
                        await asyncio.to_thread(submit, demo.smtp_port, message)
                    except smtplib.SMTPRecipientsRefused as refused:
                        assert [c for c, _ in refused.recipients.values()] == [code]
                    else:
                        raise AssertionError(f"{profile}: the desk accepted too early")
                await asyncio.to_thread(submit, demo.smtp_port, message)  # the 3rd is accepted
                accepted = [r for r in demo.ground_truth() if r["profile"] == profile]
                assert [r["message_id"] for r in accepted] == [message["Message-ID"]]

    asyncio.run(scenario())


def test_flaky_desk_answers_some_mails_twice_and_some_never() -> None:
    async def scenario() -> None:
        async with Inbox() as inbox:
            timings = {"flaky": ProfileTiming(email_reply=(0.05, 0.05)),
                       "good": ProfileTiming(email_reply=(0.6, 0.6))}  # fmt: skip
            options = DemoOptions(reply_to=("127.0.0.1", inbox.port), timings=timings)
            async with DemoPlatform(options) as demo:
                sent = [mail(demo.support_address("flaky"), f"Deposit {n}", f"Deposit {n} missing")
                        for n in range(12)]  # fmt: skip
                for message in sent:
                    await asyncio.to_thread(submit, demo.smtp_port, message)
                barrier = mail(demo.support_address("good"), "Fees", "What are your fees?")
                await asyncio.to_thread(submit, demo.smtp_port, barrier)
                received = await inbox.wait_for(1)
                while received[-1]["In-Reply-To"] != barrier["Message-ID"]:
                    received = await inbox.wait_for(len(received) + 1)
                answers = [m["In-Reply-To"] for m in received]
                counts = [answers.count(m["Message-ID"]) for m in sent]
                assert 0 in counts and 2 in counts and 1 in counts, counts

    asyncio.run(scenario())
