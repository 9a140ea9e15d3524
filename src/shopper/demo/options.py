"""Options of the demo platform: profiles, timings, faults. Frozen and passed in, never global."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

PROFILES: tuple[str, ...] = ("good", "slow", "sloppy", "scam", "flaky", "hostile", "smooth-scam",
                             "phish-welcome", "phish-button", "phish-ack", "phish-signature")
"""Every bot profile one platform serves. ``hostile`` is ``good`` with hostile content; the
``phish-*`` ones are ``good`` with one lure where replies are not (:mod:`shopper.demo.lures`);
``smooth-scam`` asks for the recovery words and codes in paraphrase, with no trigger word."""

SHADOW_SUFFIX = "-shadow"
"""``/good-shadow/`` serves profile ``good`` with the widget inside an open shadow root."""

BRAND = "Harbor Exchange"
DOMAIN = "harbor.example"


class Fault(StrEnum):
    """Faults a profile (options) or a request (``?fault=a,b``) can switch on."""

    SLOW_PAGE = "slow_page"  # the home page's HTML is delayed by slow_page_s
    WIDGET_404 = "widget_404"  # the widget script answers 404
    CHAT_500 = "chat_500"  # the chat endpoint (REST and WebSocket upgrade) answers 500
    WS_DROP = "ws_drop"  # the socket is closed after the first part of a multi-part reply
    SMTP_421 = "smtp_421"  # the first smtp_failures RCPTs to the desk get 421
    SMTP_451 = "smtp_451"  # the first smtp_failures RCPTs to the desk get 451
    NO_REPLY = "no_reply"  # the desk never answers (chat: welcome only; email: nothing)
    API_429 = "api_429"  # a bot API's first request of each conversation gets 429 + Retry-After
    API_MALFORMED = "api_malformed"  # a bot API's answers are payloads its protocol does not allow


RENDERS: tuple[str, ...] = ("direct", "placeholder", "raf", "delay", "stream")
"""How the demo widget shows a reply (``?render=``): ``direct`` inside the socket handler (today's
widget); ``placeholder`` inserts a hidden empty bubble first and fills and shows it later;
``raf`` renders on the next animation frame (React-like batching); ``delay`` renders after a
typing-delay timer; ``stream`` fills the bubble in place, a few words at a time, over ~1 s.
Each variant stamps the moment it makes the text visible (page clock) on the bubble as
``data-visible-at-ms``, the ground truth of the "shown" time (and ``data-final-at-ms`` when the
streamed text is complete)."""


def parse_render(raw: str | None) -> str:
    """A render variant from a URL (user input): unknown names mean ``direct``."""
    return raw if raw in RENDERS else "direct"


def parse_faults(raw: str | None) -> frozenset[Fault]:
    """``"slow_page,ws_drop"`` -> faults; unknown names are ignored (a URL is user input)."""
    if not raw:
        return frozenset()
    known = {f.value for f in Fault}
    return frozenset(Fault(name.strip()) for name in raw.split(",") if name.strip() in known)


@dataclass(frozen=True)
class ProfileTiming:
    """Scripted delays of one profile, in seconds at speed 1.0, as (low, high) ranges."""

    welcome: tuple[float, float] = (0.2, 0.6)
    first_part: tuple[float, float] = (1.0, 3.0)  # from the customer's message to the 1st part
    next_part: tuple[float, float] = (0.8, 2.0)  # between parts of one reply
    email_ack: tuple[float, float] | None = None  # auto-acknowledgement, if the desk sends one
    email_reply: tuple[float, float] = (120.0, 600.0)


HOUR = 3600.0
DEFAULT_TIMINGS: Mapping[str, ProfileTiming] = {
    "good": ProfileTiming(email_ack=(1.0, 3.0), email_reply=(120.0, 900.0)),
    "slow": ProfileTiming(first_part=(20.0, 90.0), next_part=(5.0, 15.0), email_reply=(5 * HOUR, 9 * HOUR)),
    "sloppy": ProfileTiming(first_part=(2.0, 6.0), email_reply=(1 * HOUR, 3 * HOUR)),
    "scam": ProfileTiming(first_part=(1.0, 4.0), email_reply=(60.0, 600.0)),
    "smooth-scam": ProfileTiming(first_part=(1.0, 4.0), email_reply=(60.0, 600.0)),
    "flaky": ProfileTiming(first_part=(1.0, 5.0), email_reply=(600.0, 2 * HOUR)),
    "hostile": ProfileTiming(email_ack=(1.0, 3.0), email_reply=(120.0, 900.0)),
    **{lure: ProfileTiming(email_ack=(1.0, 3.0), email_reply=(120.0, 900.0))
       for lure in ("phish-welcome", "phish-button", "phish-ack", "phish-signature")},
}


@dataclass(frozen=True)
class DemoOptions:
    """How one demo platform runs. ``speed`` multiplies every scripted delay (0.01 = 100x faster).

    ``faults`` maps a profile name (or ``"*"`` for all) to the faults switched on for it;
    ``timings`` overrides :data:`DEFAULT_TIMINGS` per profile.
    """

    seed: int = 0
    ground_truth: Path | None = None
    reply_to: tuple[str, int] | None = None
    hostile: bool = False
    faults: Mapping[str, frozenset[Fault]] = field(default_factory=dict)
    speed: float = 1.0
    timings: Mapping[str, ProfileTiming] = field(default_factory=dict)
    redact: frozenset[str] = frozenset()  # values kept out of the ground-truth file (a run's secrets)
    http_port: int = 0
    smtp_port: int = 0
    slow_page_s: float = 8.0  # scaled by speed
    smtp_failures: int = 2  # how many RCPTs a 421/451 fault refuses before accepting
    livestream: bool = False  # bot APIs stream each answer in chunks (Direct Line, OpenAI)
    retry_after_s: int = 1  # the Retry-After of an api_429 fault

    def __post_init__(self) -> None:
        if self.speed <= 0:
            raise ValueError("speed must be > 0")
        unknown = set(self.faults) - {*PROFILES, "*"}
        if unknown:
            raise ValueError(f"faults for unknown profiles: {sorted(unknown)}")

    def timing(self, profile: str) -> ProfileTiming:
        return self.timings.get(profile) or DEFAULT_TIMINGS[profile]

    def faults_for(self, profile: str, extra: frozenset[Fault] = frozenset()) -> frozenset[Fault]:
        return self.faults.get("*", frozenset()) | self.faults.get(profile, frozenset()) | extra

    def scaled(self, seconds: float) -> float:
        return seconds * self.speed

    def is_hostile(self, profile: str) -> bool:
        return self.hostile or profile == "hostile"


def split_profile(name: str) -> tuple[str, bool] | None:
    """``"good-shadow"`` -> ("good", True); ``"good"`` -> ("good", False); unknown -> None."""
    shadow = name.endswith(SHADOW_SUFFIX)
    base = name[: -len(SHADOW_SUFFIX)] if shadow else name
    return (base, shadow) if base in PROFILES else None
