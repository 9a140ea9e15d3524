"""The email channel: SMTP out, an IMAP mailbox or our own SMTP listener in.

The runner opens one inbox per target for the whole run and one session per conversation::

    async with open_inbox(target.inbox) as inbox:
        session = EmailSession(target, inbox, ctx)
"""

from __future__ import annotations

import ssl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from shopper.probes.email.config import (
    EmailTarget,
    ImapSettings,
    InboxSettings,
    ListenSettings,
    SmtpSettings,
)
from shopper.probes.email.imap import ImapInbox
from shopper.probes.email.inbox import Inbox
from shopper.probes.email.listen import ListenInbox
from shopper.probes.email.session import Bounced, EmailSession
from shopper.probes.email.smtp import RetryPolicy

__all__ = [
    "Bounced",
    "EmailSession",
    "EmailTarget",
    "ImapInbox",
    "ImapSettings",
    "Inbox",
    "InboxSettings",
    "ListenInbox",
    "ListenSettings",
    "RetryPolicy",
    "SmtpSettings",
    "open_inbox",
]


@asynccontextmanager
async def open_inbox(
    settings: InboxSettings,
    *,
    ssl_context: ssl.SSLContext | None = None,
    use_idle: bool = True,
) -> AsyncIterator[Inbox]:
    """The shared inbox of one target for a run; stopped (connection, listener) on exit.

    It never raises for a refused login or an unreachable server: it sets ``inbox.error``
    and each session's ``open()`` raises :class:`~shopper.probes.base.Unavailable` with it, so
    the rest of the audit runs. ``ssl_context`` overrides the system trust store (tests).
    """
    inbox: ImapInbox | ListenInbox
    if settings.imap is not None:
        inbox = ImapInbox(settings.imap, ssl_context=ssl_context, use_idle=use_idle)
    else:
        assert settings.listen is not None
        inbox = ListenInbox(settings.listen)
    await inbox.start()
    try:
        yield inbox
    finally:
        await inbox.stop()
