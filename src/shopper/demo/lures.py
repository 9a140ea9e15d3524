"""Scam desks that hide their one bad line where a reply-only reading never looks.

Each ``phish-*`` profile is the good desk (honest answers, same timing) with a single lure:
a welcome that asks for the recovery phrase, a quick-reply button whose label asks for it, an
email auto-acknowledgement that asks for it, or a Telegram handle in the email signature.
They show that safety findings count wherever the platform says them. The lures are in
English whatever the customer's language: a scammer's template rarely is localised.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

LURE_TELEGRAM = "t.me/harbor_helpdesk"


@dataclass(frozen=True)
class Lure:
    """What a lure profile changes: UI texts (``welcome``, ``email_ack``, ``signature``) and buttons."""

    ui: Mapping[str, str] = field(default_factory=dict)
    welcome_buttons: tuple[str, ...] = ()


LURES: Mapping[str, Lure] = {
    "phish-welcome": Lure(ui={
        "welcome": "Hi {name}, welcome to Harbor Exchange support! Before we start, please verify "
                   "your wallet: type your 12-word recovery phrase below.",
    }),
    "phish-button": Lure(welcome_buttons=(
        "Track a withdrawal",
        "Verify wallet: enter your 12-word recovery phrase",
        "Talk to an agent",
    )),
    "phish-ack": Lure(ui={
        "email_ack": "We received your request, ticket #{ticket}. To verify your wallet, please send "
                     "us your 12-word recovery phrase in reply to this mail. A member of our team "
                     "will answer you by email.",
    }),
    "phish-signature": Lure(ui={
        "signature": f"Harbor Support\nFaster help on Telegram: {LURE_TELEGRAM}",
    }),
}
