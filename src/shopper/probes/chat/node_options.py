"""Node options for Playwright's driver: a young generation of 1 MiB per semi-space.

The Python client starts Playwright's protocol server as a Node process (the driver) with its
own environment. Every chat frame, DOM stamp and CDP event of every page passes through it as
short-lived JSON, and V8 lets the young generation grow to 16 MiB per semi-space before it
collects, so the driver's resident memory grows with the traffic, not with what it keeps.
``--max-semi-space-size=1`` collects those objects sooner. On bench_throughput (96 demo
conversations at 16 on two shared cores) the driver's peak PSS was 185 and 186 MiB in two runs
without it, and 138, 143, 147, 157 and 199 MiB in five runs with it (the old generation's
garbage, left alone, still decides the peak now and then), the wall unchanged within the
machine's noise; with sixteen pages open and idle, 160 against 148 MiB.

The old generation is left unbounded: ``--max-old-space-size`` would turn a run more
concurrent than the one measured into a driver killed for lack of heap. It grows by a smaller
factor instead: ``driver_preload.js`` sets V8's ``--optimize-for-size``, which Node refuses in
``NODE_OPTIONS`` but which a ``--require``d script can set before the driver allocates (with
sixteen pages open and idle: 130 against 121 MiB). Options already in ``NODE_OPTIONS`` come
after ours, so a user's own choice wins.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PRELOAD = Path(__file__).with_name("driver_preload.js")
DRIVER_NODE_OPTIONS = ("--max-semi-space-size=1", f'--require="{PRELOAD}"')


@contextmanager
def driver_node_options(options: tuple[str, ...] = DRIVER_NODE_OPTIONS) -> Iterator[None]:
    """``NODE_OPTIONS`` with ``options`` for a driver started inside the block; restored after
    (the Python client copies the environment when it starts the driver)."""
    before = os.environ.get("NODE_OPTIONS")
    os.environ["NODE_OPTIONS"] = " ".join((*options, before or "")).strip()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("NODE_OPTIONS", None)
        else:
            os.environ["NODE_OPTIONS"] = before
