"""One email conversation: the shopper's mail out as a thread, the desk's answers in.

The first mail opens a new thread (a unique ``Message-ID``, the scenario's subject with a
``[#token]``); every later one is a reply in it (``Re:``, ``In-Reply-To``, ``References``).
``await_reply`` waits on the shared inbox's queue for this thread: auto-acknowledgements and
out-of-office notes are timed and kept but do not end the wait; the first real answer does,
after ``settle_s`` for a second part. Every mail in and out is saved as a ``.eml`` artifact.
"""

from __future__ import annotations

import asyncio
import html
import logging
import ssl
from email import policy
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid, parseaddr
from typing import Any

from shopper.probes.base import ProbeError, SessionContext, Unavailable
from shopper.probes.email.bounce import bounce_words
from shopper.probes.email.classify import classify
from shopper.probes.email.clock import header_date_ms
from shopper.probes.email.config import EmailTarget
from shopper.probes.email.inbox import MESSAGE_ID, Inbox, Received, Thread
from shopper.probes.email.reading import read_parts
from shopper.probes.email.smtp import RetryPolicy, send
from shopper.redaction import Redactor
from shopper.results import Artifacts, Turn

log = logging.getLogger(__name__)

DEFAULT_SUBJECT = "Support request"


class Bounced(Unavailable):
    """The desk's address bounced the shopper's mail: a finding about the platform (its support
    mailbox does not take mail), so the conversation is ``unavailable`` with the DSN's words;
    ``turns`` holds what the wait saw. Not retried: another mail would bounce the same way."""

    retryable = False


class EmailSession:
    """A :class:`~shopper.probes.base.ChannelSession` over SMTP and a shared :class:`Inbox`."""

    def __init__(
        self,
        target: EmailTarget,
        inbox: Inbox,
        ctx: SessionContext,
        *,
        retry: RetryPolicy | None = None,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.target = target
        self.inbox = inbox
        self.ctx = ctx
        self.retry = retry or RetryPolicy()
        self.ssl_context = ssl_context
        self.sender = target.from_address or ctx.persona.email
        self._thread: Thread | None = None
        self._subject: str | None = None
        self._references: list[str] = []
        self._last_sent_ms: float | None = None
        self._files: list[str] = []

    async def open(self) -> list[Turn]:
        """Check the inbox is readable and join it; nothing is sent yet."""
        await self.inbox.ensure_ready()
        self._thread = self.inbox.register()
        return []

    def _compose(self, text: str, subject: str | None, thread: Thread) -> EmailMessage:
        message = EmailMessage()
        if self._subject is None:
            self._subject = f"{subject or DEFAULT_SUBJECT} [#{thread.token}]"
            title = self._subject
        else:
            title = self._subject if self._subject.lower().startswith("re:") else (
                f"Re: {self._subject}")
        domain = self.sender.rpartition("@")[2] or "shopper.invalid"
        message["From"] = formataddr((self.ctx.persona.name, self.sender))
        message["To"] = self.target.address
        message["Subject"] = title
        message["Date"] = formatdate(usegmt=True)
        message["Message-ID"] = make_msgid(idstring=thread.token, domain=domain)
        if self._references:
            message["In-Reply-To"] = self._references[-1]
            message["References"] = " ".join(self._references[-20:])
        message.set_content(text)
        if self.target.html:
            body = "<br>\n".join(html.escape(line) for line in text.splitlines())
            message.add_alternative(f"<html><body><p>{body}</p></body></html>", subtype="html")
        return message

    async def say(self, text: str, *, subject: str | None = None) -> Turn:
        """Send one mail of the thread; the turn's time is when the server accepted DATA."""
        thread = self._thread
        if thread is None:
            raise ProbeError("EmailSession.say() before open()")
        message = self._compose(text, subject, thread)
        message_id = str(message["Message-ID"])
        thread.message_ids.add(message_id)  # before sending: a fast reply must find us
        raw = message.as_bytes(policy=policy.SMTP)
        accepted = await send(
            self.target.smtp, raw, sender=self.sender, recipients=[self.target.address],
            retry=self.retry, context=self.ssl_context,
        )
        self._references.append(message_id)
        self._last_sent_ms = accepted.at_ms
        saved = self._save(raw, "sent")
        return Turn(
            role="shopper", text=text, at_ms=accepted.at_ms, kind="message",
            meta={"message_id": message_id, "subject": str(message["Subject"]),
                  "smtp_reply": accepted.reply, "smtp_attempts": accepted.attempts, "file": saved},
        )

    async def await_reply(self, *, within_s: float, settle_s: float) -> list[Turn]:
        """The desk's next answer, with any auto-replies before it.

        At ``within_s`` with no answer it returns only the auto-replies seen (often none): they
        belong in the transcript, timed, but the driver counts no answer as ``no_reply``.
        """
        thread = self._thread
        if thread is None:
            raise ProbeError("EmailSession.await_reply() before open()")
        loop = asyncio.get_running_loop()
        end = loop.time() + within_s
        events: list[Turn] = []
        answers: list[Turn] = []
        while (left := end - loop.time()) > 0:
            try:
                received = await asyncio.wait_for(thread.queue.get(), left)
            except TimeoutError:
                break
            turn = self._turn(received)
            if turn.kind == "bounce":
                raise Bounced(f"mail to {self.target.address} bounced: {turn.text}",
                              [*events, turn])
            if not turn.is_reply:  # an ack or out-of-office is timed, and the wait goes on
                events.append(turn)
                continue
            answers.append(turn)
            end = loop.time() + settle_s  # a second part of the same answer may follow
        return events + answers

    def _turn(self, received: Received) -> Turn:
        message = received.message
        parts = read_parts(message)
        text = parts.new
        verdict = classify(message, text, envelope_from=received.envelope_from)
        if verdict.kind == "bounce":
            text = bounce_words(message, received.raw)
        sent = self._last_sent_ms
        at_ms = received.received_ms
        if received.clock == "internaldate" and sent is not None and at_ms < sent:
            # INTERNALDATE is floored to the second: an answer within the second we sent in
            # arrived after ``sent`` and before we saw it or the second ended
            at_ms = max(sent, min(received.observed_ms, at_ms + 999.0))
        message_ids = MESSAGE_ID.findall(str(message.get("Message-ID", "")))
        if verdict.kind == "message" and message_ids:
            self._references.append(message_ids[0])
        meta: dict[str, Any] = {
            "message_id": message_ids[0] if message_ids else None,
            "subject": str(message.get("Subject", "")),
            "from": parseaddr(str(message.get("From", "")))[1],
            "classified_by": verdict.reason,
            "clock": received.clock,
            "received_ms": received.received_ms,
            "observed_ms": received.observed_ms,
            "date_header_ms": header_date_ms(message.get("Date")),
            "file": self._save(received.raw, verdict.kind),
        }
        return Turn(
            role="system" if verdict.kind == "bounce" else "agent", text=text, at_ms=at_ms,
            latency_ms=None if sent is None else at_ms - sent, kind=verdict.kind,
            automated=verdict.automated,
            parts=[] if verdict.kind == "bounce" else parts.parts, meta=meta,
        )

    def _save(self, raw: bytes, label: str) -> str:
        folder = self.ctx.artifacts_dir / "mail"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{len(self._files) + 1:02d}-{label}.eml"
        path.write_bytes(Redactor(self.ctx.secrets).mail(raw))
        stored = self.ctx.stored(path)
        self._files.append(stored)
        return stored

    async def close(self, *, failed: bool) -> Artifacts:
        """Leave the inbox; the artifacts are the thread's raw mail, in order."""
        if self._thread is not None:
            self.inbox.unregister(self._thread)
            self._thread = None
        if failed:
            log.info("%s: email conversation failed; %d mail saved", self.ctx.key,
                     len(self._files))
        return Artifacts(mail=list(self._files)) if self._files else Artifacts()

