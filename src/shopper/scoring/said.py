"""What the platform said: every platform-side text of a conversation, piece by piece.

The safety criteria (a request for a seed phrase, an unofficial channel, a request to move
funds, a remote-access app) count wherever the platform says them, not only in what the
transcript calls a reply: a welcome, an auto-acknowledgement, an out-of-office mail, a system
or hand-off line, a quick-reply button, a link's target, a mail's signature or footer. A scam
desk that asks for the recovery phrase in its welcome is as dangerous as one that asks in an
answer. The one thing never read as the platform's is the customer's own mail quoted back
(part ``quote``): reading it would pin the customer's words about a seed phrase on the desk.

This module is the one definition of that set; the checks marked ``safety`` read it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from shopper.results import Turn

PLATFORM_ROLES = frozenset({"agent", "system"})
NOT_THE_PLATFORMS_WORDS = frozenset({"quote"})
"""Parts of a platform turn that someone else wrote: the customer's mail, quoted back."""
MAIL_SERVER_KINDS = frozenset({"bounce"})
"""Turns a mail server wrote, not the desk: a DSN names the missing mailbox and carries our
own mail back, so reading it would judge the shopper's words."""

TURN_WORDS = {
    "message": "reply", "welcome": "welcome", "auto_ack": "acknowledgement",
    "out_of_office": "out-of-office", "handoff": "hand-off line", "event": "system line",
}  # fmt: skip
PART_WORDS = {
    "new": "", "signature": "signature", "disclaimer": "disclaimer", "footer": "footer",
    "marker": "helpdesk marker", "button": "button", "href": "link target",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Said:
    """One piece of what the platform said: its transcript index, the turn, the part, the words.

    ``part`` is a :data:`~shopper.results.PartKind`; a turn's own text is ``new``.
    """

    index: int
    turn: Turn
    part: str
    text: str

    @property
    def where(self) -> str:
        """Where in the conversation, in words: ``welcome``, ``reply signature``, ``welcome button``."""
        kind = TURN_WORDS.get(self.turn.kind, self.turn.kind)
        part = PART_WORDS.get(self.part, self.part)
        return f"{kind} {part}" if part else kind


def pieces_of(index: int, turn: Turn) -> list[Said]:
    """The pieces of one platform turn: every part but quotes, and its text when no part holds it.

    A turn without parts is its text. A mail split into parts holds its new text in a ``new``
    part (and ``Turn.text`` repeats it). A chat message's parts are only its buttons and link
    targets, so its text is read too, after them: a button inside a message bubble is also in
    the bubble's text, and a finding there is named by the narrower part, the button.
    """
    pieces = [Said(index, turn, part.kind, part.text) for part in turn.parts
              if part.kind not in NOT_THE_PLATFORMS_WORDS and part.text.strip()]  # fmt: skip
    if not any(part.kind == "new" for part in turn.parts) and turn.text.strip():
        pieces.append(Said(index, turn, "new", turn.text))
    return pieces


def said_by_platform(turns: Iterable[Turn]) -> tuple[Said, ...]:
    """Every piece of every platform-side turn, in transcript order."""
    pieces: list[Said] = []
    for index, turn in enumerate(turns):
        if turn.role in PLATFORM_ROLES and turn.kind not in MAIL_SERVER_KINDS:
            pieces.extend(pieces_of(index, turn))
    return tuple(pieces)
