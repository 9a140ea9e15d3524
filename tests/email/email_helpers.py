"""Builders shared by the email tests: settings, targets, contexts, a bounded asyncio.run."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar

from shopper.probes.base import Persona, SessionContext
from shopper.probes.email import (
    EmailTarget,
    ImapSettings,
    InboxSettings,
    ListenSettings,
    SmtpSettings,
)

T = TypeVar("T")


def run(coro: Coroutine[Any, Any, T], timeout: float = 60) -> T:
    """Run one async test body with a hard bound."""
    return asyncio.run(asyncio.wait_for(coro, timeout))


def imap_inbox(dovecot: Any, login: str, **overrides: Any) -> InboxSettings:
    fields: dict[str, Any] = {
        "host": "127.0.0.1", "port": dovecot.port, "security": "none", "username": login,
        "password": dovecot.users[login], "poll_s": 0.2,
    }
    fields.update(overrides)
    return InboxSettings(imap=ImapSettings(**fields))


def listen_inbox() -> InboxSettings:
    return InboxSettings(listen=ListenSettings())


def target(desk_port: int, inbox: InboxSettings, **extra: Any) -> EmailTarget:
    return EmailTarget(
        address="support@harbor.test",
        smtp=SmtpSettings(host="127.0.0.1", port=desk_port, timeout_s=10),
        inbox=inbox,
        **extra,
    )


def context(tmp_path: Path, key: str = "conv", locale: str = "en_US") -> SessionContext:
    persona = Persona(name="Dana Shopper", email="dana@shopper.test", locale=locale)
    return SessionContext(key=key, persona=persona, artifacts_dir=tmp_path / key)
