"""The email desk: an aiosmtpd server for ``support@<profile>.harbor.example`` that answers.

Mail is accepted at once; each answer is a task that waits the profile's (scaled) delay and
delivers by SMTP to ``options.reply_to`` through a small thread pool, so the SMTP handler
never blocks. ``support+<fault>[,<fault>]@…`` switches faults on for one mail.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import smtplib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import make_msgid, parseaddr
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope, Session

from shopper.demo.addresses import DemoAddresses
from shopper.demo.bot import GOOD_LIKE, Bot, BotState, new_ticket, seeded_rng
from shopper.demo.groundtruth import GroundTruth, now_ms
from shopper.demo.mail import compose_reply, customer_text, new_text, quote_header
from shopper.demo.options import DOMAIN, PROFILES, DemoOptions, Fault, parse_faults
from shopper.demo.texts import HOSTILE_PARTS

log = logging.getLogger(__name__)

FLAKY_SILENT_RATE = 0.25
FLAKY_TWICE_RATE = 0.25


def parse_recipient(address: str) -> tuple[str, frozenset[Fault]] | None:
    """``support+no_reply@good.harbor.example`` -> ("good", {NO_REPLY}); not ours -> None."""
    local, _, domain = address.lower().partition("@")
    box, _, tag = local.partition("+")
    profile = domain.removesuffix(f".{DOMAIN}")
    if box != "support" or profile not in PROFILES or not domain.endswith(f".{DOMAIN}"):
        return None
    return profile, parse_faults(tag)


@dataclass
class Thread:
    conversation: str
    profile: str
    state: BotState
    mails: int = 0


class EmailDesk:
    """The SMTP side of the platform: one server, every profile, threads by Message-ID."""

    def __init__(self, options: DemoOptions, truth: GroundTruth) -> None:
        self.options = options
        self.truth = truth
        self.threads: dict[str, Thread] = {}
        self._numbers = itertools.count(1)
        self._refused: dict[str, int] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._server: asyncio.base_events.Server | None = None
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="shopper-demo-smtp")
        self.port = 0

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(
            lambda: SMTP(self, hostname=DOMAIN, ident="Harbor Desk", loop=loop),
            "127.0.0.1",
            self.options.smtp_port,
        )
        self.port = self._server.sockets[0].getsockname()[1]

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._pool.shutdown(wait=True, cancel_futures=True)

    # --- aiosmtpd hooks -------------------------------------------------------------------------
    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        parsed = parse_recipient(address)
        if parsed is None:
            return "550 5.1.1 No such mailbox here"
        profile, extra = parsed
        faults = self.options.faults_for(profile, extra)
        for fault, reply in (
            (Fault.SMTP_421, "421 4.3.2 Service not available, try again later"),
            (Fault.SMTP_451, "451 4.3.0 Temporary failure, try again later"),
        ):
            if fault in faults and self._refused.get(profile, 0) < self.options.smtp_failures:
                self._refused[profile] = self._refused.get(profile, 0) + 1
                return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        at = now_ms()
        raw = envelope.original_content or envelope.content or b""
        data = raw if isinstance(raw, bytes) else raw.encode()
        message = message_from_bytes(data, policy=policy.default)
        assert isinstance(message, EmailMessage)
        if not message.get("Message-ID"):
            message["Message-ID"] = make_msgid(domain="customer.invalid")
        for address in envelope.rcpt_tos:
            parsed = parse_recipient(address)
            if parsed is not None:
                self._accept(parsed[0], parsed[1], message, str(envelope.mail_from), at)
        return "250 2.0.0 Message accepted for delivery"

    # --- answering ------------------------------------------------------------------------------
    def _accept(
        self, profile: str, extra: frozenset[Fault], message: EmailMessage, mail_from: str,
        at: float,
    ) -> None:  # fmt: skip
        thread = self._thread_of(profile, message, mail_from)
        thread.mails += 1
        body = customer_text(message)
        self.truth.record(channel="email", direction="in", profile=profile,
                          conversation=thread.conversation, text=body, at_ms=at,
                          message_id=str(message["Message-ID"]).strip(),
                          subject=str(message.get("Subject", "")))  # fmt: skip
        if not message.get("From"):
            message["From"] = mail_from
        faults = self.options.faults_for(profile, extra)
        if Fault.NO_REPLY in faults:
            return
        task = asyncio.ensure_future(self._answer(thread, message, body))
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and (exc := task.exception()) is not None:
            log.error("answering a mail failed", exc_info=exc)

    def _thread_of(self, profile: str, message: EmailMessage, mail_from: str) -> Thread:
        ids = [str(message.get("In-Reply-To", "")), *str(message.get("References", "")).split()]
        for known in (i.strip() for i in ids if i.strip()):
            if known in self.threads and self.threads[known].profile == profile:
                thread = self.threads[known]
                break
        else:
            name = parseaddr(str(message.get("From", mail_from)))[0] or mail_from.split("@")[0]
            thread = Thread(f"{profile}-mail-{next(self._numbers):05d}", profile, BotState(name))
        self.threads[str(message["Message-ID"]).strip()] = thread
        return thread

    async def _answer(self, thread: Thread, message: EmailMessage, body: str) -> None:
        profile, state = thread.profile, thread.state
        bot = Bot(profile, hostile=self.options.is_hostile(profile))
        text = new_text(body)
        intent = bot.observe(state, f"{message.get('Subject', '')}\n{text}")
        rng = seeded_rng(self.options.seed, profile, message.get("From"), thread.mails, text)
        timing = self.options.timing(profile)
        followup = thread.mails > 1
        loop = asyncio.get_running_loop()
        started = loop.time()
        if profile != "sloppy" and state.ticket is None:
            state.ticket = new_ticket(rng)
        if timing.email_ack is not None and profile in GOOD_LIKE and not followup:
            await asyncio.sleep(self.options.scaled(rng.uniform(*timing.email_ack)))
            await self._deliver(thread, message, [bot.ui(state, "email_ack")], auto=True)
        paragraphs = [bot.ui(state, "email_greeting")]
        if followup and state.ticket:
            paragraphs.append(bot.ui(state, "email_followup"))
        paragraphs.extend(bot.answer(state, intent, rng))
        if bot.hostile:
            paragraphs.extend(HOSTILE_PARTS)
        copies = 1
        if profile == "flaky":
            luck = rng.random()
            copies = 0 if luck < FLAKY_SILENT_RATE else 2 if luck > 1 - FLAKY_TWICE_RATE else 1
        delay = self.options.scaled(rng.uniform(*timing.email_reply))
        await asyncio.sleep(max(0.0, delay - (loop.time() - started)))
        for _ in range(copies):
            await self._deliver(thread, message, paragraphs, auto=False)

    async def _deliver(
        self, thread: Thread, customer: EmailMessage, paragraphs: list[str], *, auto: bool
    ) -> None:
        if self.options.reply_to is None:
            log.warning("no reply_to configured; the answer to %s is not delivered",
                        thread.conversation)  # fmt: skip
            return
        bot = Bot(thread.profile)
        sender = DemoAddresses.support_address(thread.profile)
        reply = compose_reply(
            sender=sender,
            customer=customer,
            paragraphs=paragraphs,
            wrote_line=quote_header(bot.template(thread.state, "email_wrote"), customer),
            signature=bot.ui(thread.state, "signature"),
            domain=f"{thread.profile}.{DOMAIN}",
            auto_reply=auto,
        )
        self.threads[str(reply["Message-ID"])] = thread
        at = now_ms()
        try:
            await asyncio.get_running_loop().run_in_executor(
                self._pool, _send, self.options.reply_to, sender, str(reply["To"]), reply
            )
        except (OSError, smtplib.SMTPException) as exc:
            log.warning("could not deliver the answer to %s: %s", thread.conversation, exc)
            return
        self.truth.record(channel="email", direction="out", profile=thread.profile,
                          conversation=thread.conversation, text="\n\n".join(paragraphs),
                          kind="auto_ack" if auto else "message", at_ms=at,
                          message_id=str(reply["Message-ID"]), subject=str(reply["Subject"]),
                          in_reply_to=str(reply.get("In-Reply-To", "")))  # fmt: skip


def _send(where: tuple[str, int], sender: str, recipient: str, message: Any) -> None:
    with smtplib.SMTP(where[0], where[1], local_hostname=DOMAIN, timeout=10) as client:
        client.send_message(message, from_addr=sender, to_addrs=[recipient])
