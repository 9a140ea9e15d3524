"""What every channel probe implements, and the errors that tell infrastructure from support.

The conversation driver (``shopper.scenarios.driver``) walks a scenario's script: it renders
each ``say``, handles ``wait``, branches and captures, and calls a :class:`ChannelSession` for
the transport work only. A probe knows nothing of rubrics; it returns stamped turns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from shopper.results import Artifacts, Turn


class ProbeError(Exception):
    """Anything a probe cannot do; ``retryable`` marks infrastructure hiccups worth retrying.

    ``turns`` holds what the channel saw on the way to the failure (e.g. a bounce), so the
    transcript of a failed conversation still shows it.
    """

    retryable = False

    def __init__(self, message: str, turns: list[Turn] | None = None) -> None:
        super().__init__(message)
        self.turns = list(turns or [])


class Unavailable(ProbeError):
    """The page, widget or mailbox never came up (status ``unavailable``); worth another try
    unless the platform said so for good (a bounce: the support address does not exist)."""

    retryable = True


class TransientError(ProbeError):
    """A hiccup of the infrastructure (dropped socket, SMTP 4xx): retried by the runner."""

    retryable = True


@dataclass(frozen=True)
class Persona:
    """The customer the shopper plays; rendered from the scenario with Faker in the locale."""

    name: str
    email: str
    locale: str
    extra: dict[str, Any] = field(default_factory=dict)

    def public(self) -> dict[str, Any]:
        """What may be written into results: no secrets (those stay in the environment)."""
        return {"name": self.name, "email": self.email, "locale": self.locale, **self.extra}


@dataclass(frozen=True)
class SessionContext:
    """What a session needs to know about the conversation it carries."""

    key: str  # the conversation's stable key in the matrix
    persona: Persona
    artifacts_dir: Path  # this conversation's own folder: nothing else writes there
    secrets: tuple[str, ...] = ()  # values to redact from anything written
    run_dir: Path | None = None  # artifact paths are recorded relative to it

    def stored(self, path: Path) -> str:
        """How a record names an artifact: relative to the run folder when inside it."""
        if self.run_dir is not None:
            try:
                return path.resolve().relative_to(self.run_dir.resolve()).as_posix()
            except ValueError:
                pass
        return str(path)


class ChannelSession(Protocol):
    """One conversation on one channel. The driver calls these in order."""

    async def open(self) -> list[Turn]:
        """Reach the channel (load the page, open the widget, log in to the inbox).

        Returns turns seen before the shopper speaks (welcome messages, system lines), which
        never count as replies. Raises :class:`Unavailable` when the channel never comes up.
        """
        ...

    async def say(self, text: str, *, subject: str | None = None) -> Turn:
        """Send the shopper's message; the returned turn is stamped with the send time."""
        ...

    async def await_reply(self, *, within_s: float, settle_s: float) -> list[Turn]:
        """Wait for the agent's next turn: every message until ``settle_s`` of quiet.

        Returns no agent answer (an empty list, or only auto-replies and events) when none
        arrived within ``within_s``. Agent turns carry
        ``at_ms`` and ``latency_ms`` from the shopper's last message, from one clock.
        """
        ...

    async def close(self, *, failed: bool) -> Artifacts:
        """Release the channel and write its artifacts (screenshot, trace, raw mail)."""
        ...
