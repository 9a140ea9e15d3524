"""Collecting a page's JavaScript garbage once its widget has loaded.

Loading a widget leaves garbage behind: the bundle's source, parse and compile temporaries,
the objects of its first render. V8 frees them when its heap next grows past a limit or when
the page has been idle for some seconds, and a conversation of a few turns reaches neither, so
every renderer carries its load's garbage to the end. Measured with eight demo pages open:
a collection cuts 2.3 MiB per renderer on the demo widget and 10.5 MiB on the heavy,
framework-sized one (``shopper.demo.heavy``); flags that tune V8's heap instead
(``--optimize-for-size``, ``--lite-mode``) cut 1-2.5 MiB.

It runs as soon as the widget is open and its input usable: the load's garbage is gone before
the welcome's settle instead of after it (on bench_throughput's heavy mix that took a further
31 MiB off the renderers at the peak). It is a full collection on the renderer's main thread,
about 18 ms on the heavy widget and less on the demo one; a welcome arriving in that moment is
shown that much later, which the turn's main-thread lag bound records, while its network
arrival stamp is untouched. Nothing the shopper sends is timed yet.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

log = logging.getLogger(__name__)


async def collect_garbage(sessions: Iterable[Any]) -> None:
    """A full collection in each renderer behind ``sessions`` (CDP sessions; a failure is only logged)."""
    for session in sessions:
        try:
            await session.send("HeapProfiler.collectGarbage")
        except Exception as exc:  # the frame went away, or not Chromium
            log.debug("no garbage collection through %s: %s", session, exc)
