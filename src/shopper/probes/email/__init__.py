"""The email channel: SMTP out, an IMAP mailbox or our own SMTP listener in.

The runner opens one inbox per target for the whole run and one session per conversation::

    async with open_inbox(target.inbox) as inbox:
        session = EmailSession(target, inbox, ctx)
"""

from __future__ import annotations

import importlib
import ssl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from shopper.probes.email.config import (
    EmailTarget,
    ImapSettings,
    InboxSettings,
    ListenSettings,
    SmtpSettings,
)

if TYPE_CHECKING:
    from shopper.probes.email.imap import ImapInbox
    from shopper.probes.email.inbox import Inbox
    from shopper.probes.email.listen import ListenInbox
    from shopper.probes.email.session import Bounced, EmailSession
    from shopper.probes.email.smtp import RetryPolicy

# The audit model reads this package's config for every run; a run without email conversations
# should not load the SMTP listener, the IMAP client and the mail parsers, so these load on use.
_HOMES = {"ImapInbox": "imap", "Inbox": "inbox", "ListenInbox": "listen", "Bounced": "session",
          "EmailSession": "session", "RetryPolicy": "smtp"}  # fmt: skip

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


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)


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
    from shopper.probes.email.imap import ImapInbox
    from shopper.probes.email.listen import ListenInbox

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
