"""The shared inbox of one target: arriving mail routed to the conversation it answers.

One :class:`Inbox` per target per run (an IMAP mailbox or our own SMTP listener) serves every
conversation. A conversation registers a :class:`Thread` (its token and the Message-IDs it
sent) and waits on the thread's asyncio queue, so thousands of conversations can wait for
hours with no thread or connection each. Matching, in order: ``In-Reply-To``/``References``
naming one of our Message-IDs; the thread token ``[#abc123]`` in the subject; one of our
Message-IDs anywhere in the raw message (bounces quote the original headers). Anything else
is someone else's mail and is left alone.
"""

from __future__ import annotations

import asyncio
import logging
import re
import secrets
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from shopper.probes.base import Unavailable

log = logging.getLogger(__name__)

MESSAGE_ID = re.compile(r"<[^<>\s]+>")
TOKEN = re.compile(r"\[#([a-z0-9]{6})\]")
TOKEN_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"


def new_token() -> str:
    """A short, unguessable thread token for the first subject, e.g. ``k3f9ab``."""
    return "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(6))


def parse_message(raw: bytes) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(message, EmailMessage)
    return message


@dataclass(frozen=True)
class Received:
    """One message as the inbox got it, with the receiving server's clock and ours."""

    raw: bytes
    message: EmailMessage
    received_ms: float  # IMAP INTERNALDATE (whole seconds) or the listener's end of DATA
    observed_ms: float  # when the harness had it in hand (IDLE push or poll)
    clock: str  # "internaldate" | "listener"
    envelope_from: str | None = None  # SMTP MAIL FROM, when the listener received it
    ref: str = ""  # "imap uid 42" / "listen #3": for logs and artifacts


@dataclass
class Thread:
    """A conversation as the inbox sees it: what it sent, and where its replies go."""

    token: str
    message_ids: set[str] = field(default_factory=set)
    queue: asyncio.Queue[Received] = field(default_factory=asyncio.Queue)


def _header_ids(message: EmailMessage) -> list[str]:
    found: list[str] = []
    for name in ("In-Reply-To", "References"):
        for value in message.get_all(name, []):
            found.extend(MESSAGE_ID.findall(str(value)))
    return found


class Inbox:
    """Routing shared by both inbox kinds; subclasses fetch, this class dispatches."""

    def __init__(self, description: str) -> None:
        self.description = description
        self.error: str | None = None  # set when the inbox cannot be reached: sessions fail
        self._threads: dict[str, Thread] = {}

    def register(self) -> Thread:
        """A new conversation's thread, with a token unique in this inbox."""
        token = new_token()
        while token in self._threads:
            token = new_token()
        thread = Thread(token=token)
        self._threads[token] = thread
        return thread

    def unregister(self, thread: Thread) -> None:
        self._threads.pop(thread.token, None)

    async def ensure_ready(self) -> None:
        """Raise :class:`Unavailable` with the reason when the inbox cannot be read."""
        if self.error is not None:
            raise Unavailable(self.error)

    def match(self, message: EmailMessage, raw: bytes) -> Thread | None:
        """The conversation ``message`` belongs to, or None (see the module doc)."""
        own = MESSAGE_ID.findall(str(message.get("Message-ID", "")))
        threads = list(self._threads.values())
        if any(mid in t.message_ids for mid in own for t in threads):
            return None  # a copy of our own mail (the shopper's inbox may receive it)
        referenced = _header_ids(message)
        for thread in threads:
            if thread.message_ids.intersection(referenced):
                return thread
        for token in TOKEN.findall(str(message.get("Subject", ""))):
            if token in self._threads:
                return self._threads[token]
        for thread in threads:
            if any(mid.encode() in raw for mid in thread.message_ids):
                return thread
        return None

    def dispatch(self, received: Received) -> bool:
        """Queue ``received`` for its conversation; False when it is nobody's."""
        thread = self.match(received.message, received.raw)
        if thread is None:
            log.debug("%s: %s matches no conversation: ignored", self.description, received.ref)
            return False
        thread.queue.put_nowait(received)
        return True
