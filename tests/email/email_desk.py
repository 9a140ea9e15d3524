"""A scripted support desk for the email tests: a real SMTP server that answers by script.

It receives the shopper's mail over SMTP (aiosmtpd on the test's event loop, port 0), can
refuse the first RCPTs with a given code (451, 550), and hands each reply to ``deliver``:
an IMAP APPEND into the shopper's dovecot mailbox, or SMTP to the shopper's listener.
Replies are delivered after the shopper's DATA has been accepted, as a real desk would.
"""

from __future__ import annotations

import asyncio
import smtplib
from collections.abc import Awaitable, Callable
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import formatdate, make_msgid
from typing import Any

from aiosmtpd.smtp import SMTP

DESK = "support@harbor.test"
Script = Callable[[EmailMessage, int], list[EmailMessage]]
Deliver = Callable[[bytes], Awaitable[None]]


def reply_to(
    original: EmailMessage,
    body: str,
    *,
    quote_header: str = "On Mon, 1 Jan 2024 at 10:00, Customer <c@x> wrote:",
    charset: str = "utf-8",
    headers: dict[str, str] | None = None,
    sender: str = DESK,
) -> EmailMessage:
    """A reply as mail clients write it: new text, signature, then the quoted original."""
    message = EmailMessage()
    message["From"] = f"Harbor Support <{sender}>"
    message["To"] = str(original["From"])
    subject = str(original["Subject"])
    message["Subject"] = subject if subject.lower().startswith("re:") else f"Re: {subject}"
    message["Date"] = formatdate(usegmt=True)
    message["Message-ID"] = make_msgid(domain="harbor.test")
    message["In-Reply-To"] = str(original["Message-ID"])
    refs = str(original.get("References", "")).split()
    message["References"] = " ".join([*refs, str(original["Message-ID"])])
    for name, value in (headers or {}).items():
        message[name] = value
    plain = original.get_body(preferencelist=("plain",))
    quoted = "\n".join(
        "> " + line for line in (plain.get_content() if plain else "").splitlines()  # type: ignore[attr-defined]
    )
    message.set_content(f"{body}\n\n-- \nHarbor Support\n\n{quote_header}\n{quoted}\n",
                        charset=charset)
    return message


class _Handler:
    def __init__(self, desk: ScriptedDesk) -> None:
        self.desk = desk

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          options: list[str]) -> str:
        if self.desk.refuse:
            return self.desk.refuse.pop(0)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = BytesParser(policy=policy.default).parsebytes(envelope.original_content)
        assert isinstance(message, EmailMessage)
        self.desk.received.append(message)
        replies = self.desk.script(message, len(self.desk.received))
        self.desk.tasks.append(asyncio.get_running_loop().create_task(self._send(replies)))
        return "250 2.0.0 queued"

    async def _send(self, replies: list[EmailMessage]) -> None:
        for reply in replies:
            await self.desk.deliver(reply.as_bytes(policy=policy.SMTP))
        self.desk.delivered.set()


class ScriptedDesk:
    """Start with ``async with ScriptedDesk(script, deliver) as desk:``; ``desk.port``."""

    def __init__(self, script: Script, deliver: Deliver, refuse: list[str] | None = None) -> None:
        self.script = script
        self.deliver = deliver
        self.refuse = list(refuse or [])
        self.received: list[EmailMessage] = []
        self.tasks: list[asyncio.Task[None]] = []
        self.delivered = asyncio.Event()
        self.port = 0
        self._server: asyncio.Server | None = None

    async def __aenter__(self) -> ScriptedDesk:
        handler = _Handler(self)
        self._server = await asyncio.get_running_loop().create_server(
            lambda: SMTP(handler, hostname="desk.test"), host="127.0.0.1", port=0
        )
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        for task in self.tasks:
            await task
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()


def smtp_deliverer(port: int) -> Deliver:
    """Deliver replies by SMTP to the shopper's listener inbox."""

    async def deliver(raw: bytes) -> None:
        def send() -> None:
            with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
                client.sendmail(DESK, ["shopper@shopper.test"], raw)

        await asyncio.to_thread(send)

    return deliver


def imap_deliverer(dovecot: Any, login: str) -> Deliver:
    """Deliver replies by IMAP APPEND into the shopper's dovecot mailbox."""

    async def deliver(raw: bytes) -> None:
        await asyncio.to_thread(dovecot.append, login, raw)

    return deliver
