"""The embedded demo platform: a support site with a chat widget, an email desk, bot profiles,
ground truth and faults, all on loopback. See docs/demo.md.

The package imports lightly: a runner that audits a demo target only builds its options here
(the platform itself runs in a child process, :mod:`shopper.demo.process`), so the web and mail
servers load on first use of the names below, not with the options.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from shopper.demo.options import PROFILES, DemoOptions, Fault, ProfileTiming

if TYPE_CHECKING:
    from shopper.demo.platform import DemoPlatform, RunningDemo

__all__ = ["PROFILES", "DemoOptions", "DemoPlatform", "Fault", "ProfileTiming", "RunningDemo"]


def __getattr__(name: str) -> Any:
    if name not in ("DemoPlatform", "RunningDemo"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.platform"), name)
