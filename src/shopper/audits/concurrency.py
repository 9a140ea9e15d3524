"""How many conversations a run holds at once: the audit's number, or ``auto`` (measured).

``auto`` calibrates at start (:mod:`shopper.probes.chat.capacity`: a few seconds of synthetic
widget load in the run's own browser) and takes the most pages this machine runs within the
timing bound. A number is taken as asked; from ``CHECK_FROM`` up the same calibration runs and a
warning says when the number exceeds what the machine holds (smaller numbers are not checked:
they cost a calibration's seconds at every run for no news on any machine that runs a browser).
"""

from __future__ import annotations

import logging
from typing import Any, Literal

log = logging.getLogger(__name__)

AUTO: Literal["auto"] = "auto"
CHECK_FROM = 16
WITHOUT_CHAT = 4  # `auto` when the run holds no chat conversation (api and email wait on the network)

Concurrency = int | Literal["auto"]


def parse_concurrency(raw: str) -> Concurrency:
    """``"auto"`` or a whole number ≥ 1 (CLI input); ValueError saying which otherwise."""
    if raw.strip().lower() == AUTO:
        return AUTO
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"expected a whole number or 'auto', got {raw!r}") from None
    if value < 1:
        raise ValueError(f"expected at least 1, got {value}")
    return value


async def resolve_concurrency(requested: Concurrency | str, chat_browser: Any | None, **calibration: Any) -> int:
    """The number of conversations to hold; ``chat_browser`` is the run's (None: no chat);
    ``calibration``: :func:`~shopper.probes.chat.capacity.calibrate`'s bounds, if not its defaults."""
    asked = None if requested == AUTO else int(requested)
    if chat_browser is None:
        return WITHOUT_CHAT if asked is None else asked
    if asked is not None and asked < CHECK_FROM:
        return asked
    from shopper.probes.chat.capacity import calibrate

    found = await calibrate(chat_browser, **({"first": asked} if asked else {}), **calibration)
    if asked is None:
        log.warning("concurrency auto: %d conversations at once (%s)", found.capacity, found.describe())
        return found.capacity
    requested = asked
    if requested > found.capacity:
        log.warning("concurrency %d exceeds what this machine holds within the timing bound (%d: %s); "
                    "stamps may be late by more than the bound (use --concurrency auto or fewer)",
                    requested, found.capacity, found.describe())  # fmt: skip
    else:
        log.info("concurrency %d is within this machine's capacity (%s)", requested, found.describe())
    return requested
