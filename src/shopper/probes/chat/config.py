"""Settings of the chat probe: one :class:`BrowserSettings` per run, one :class:`ChatConfig` per target."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from shopper.probes.preset import ChatSelectors

ArtifactPolicy = Literal["on", "off", "retain-on-failure"]
"""playwright-pytest's three-way policy for screenshots and traces."""


@dataclass(frozen=True)
class BrowserSettings:
    """How the one browser of a run is obtained.

    ``connect`` (``ws://…``) uses a Playwright server elsewhere instead of launching Chromium;
    otherwise ``executable`` (default: :func:`shopper.probes.browser.find_chromium`) is
    launched with :func:`shopper.probes.browser.launch_args` plus ``extra_args``.
    """

    connect: str | None = None
    executable: Path | None = None
    headless: bool = True
    extra_args: tuple[str, ...] = ()
    connect_timeout_s: float = 30.0


@dataclass(frozen=True)
class ChatConfig:
    """Where one target's chat widget is and how the shopper paces itself there.

    ``typing_cps`` is the typing speed in characters per second (0: fill the input at once),
    never taking longer than ``max_typing_s``. ``think_s`` is waited by the driver before each
    message; the probe only carries it. ``settle_s`` is the quiet time that ends the welcome
    (the driver passes its own per step to ``await_reply``).
    """

    url: str
    selectors: ChatSelectors
    settle_s: float = 2.0
    open_timeout_s: float = 30.0
    typing_cps: float = 12.0
    max_typing_s: float = 8.0
    think_s: float = 0.0
    screenshot: ArtifactPolicy = "on"
    trace: ArtifactPolicy = "retain-on-failure"
    secrets: tuple[str, ...] = ()
    send_confirm_s: float = 10.0  # how long a send may take to show in the page before it is lost
    viewport: tuple[int, int] = (1280, 800)

    def __post_init__(self) -> None:
        missing = self.selectors.missing()
        if missing:
            raise ValueError(f"chat selectors missing: {', '.join(missing)}")
        if self.typing_cps < 0 or self.max_typing_s < 0:
            raise ValueError("typing_cps and max_typing_s must be >= 0")


def keeps(policy: ArtifactPolicy, *, failed: bool) -> bool:
    """Whether an artifact recorded under ``policy`` is kept for a conversation."""
    return policy == "on" or (policy == "retain-on-failure" and failed)


def records(policy: ArtifactPolicy) -> bool:
    """Whether an artifact must be recorded at all (it may still be discarded)."""
    return policy != "off"
