"""Reading a live page: every frame scanned by ``scan.js``, each with the iframe chain that reaches it.

Frames of any origin are scanned (Playwright evaluates in out-of-process iframes too); open
shadow roots are walked by the script itself. Nothing here clicks or types.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

from playwright.async_api import ElementHandle, Frame, Page
from playwright.async_api import Error as PlaywrightError

from shopper.discover.ranking import Choice, choose

SCRIPT = (files("shopper.discover") / "scan.js").read_text(encoding="utf-8")
STABLE_POLLS = 3  # a page whose widgets stopped appearing for this many polls in a row is settled
POLL_S = 0.4


@dataclass
class FrameScan:
    """One frame's scan: where it is (``chain``: iframe selectors, outermost first) and what it holds."""

    frame: Frame
    chain: tuple[str, ...]
    data: dict[str, Any]
    chain_choices: tuple[Choice, ...] = ()

    @property
    def where(self) -> str:
        return " > ".join(self.chain) or "the page"

    async def call(self, function: str, *args: Any) -> Any:
        """Call ``window.__shopperDiscover.<function>(*args)`` in this frame."""
        return await call(self.frame, function, *args)

    async def handle(self, number: int) -> ElementHandle | None:
        found = await self.frame.evaluate_handle("(i) => window.__shopperDiscover.element(i)", number)
        return found.as_element()


@dataclass
class PageScan:
    """Every reachable frame of a page, the main frame first."""

    frames: list[FrameScan] = field(default_factory=list)

    @property
    def scripts(self) -> list[str]:
        return [src for f in self.frames for src in f.data.get("scripts", [])]

    def signature(self) -> tuple[int, ...]:
        return (
            len(self.frames),
            sum(len(f.data["inputs"]) for f in self.frames),
            sum(sum(1 for i in f.data["inputs"] if i["visible"]) for f in self.frames),
            sum(len(f.data["buttons"]) for f in self.frames),
            sum(len(f.data["iframes"]) for f in self.frames),
            sum(int(f.data["markup_roots"]) for f in self.frames),
        )


async def call(frame: Frame, function: str, *args: Any) -> Any:
    await frame.evaluate(SCRIPT)
    return await frame.evaluate(f"(args) => window.__shopperDiscover.{function}(...args)", list(args))


async def _chain(frame: Frame, known: dict[Frame, tuple[tuple[str, ...], tuple[Choice, ...]]]) -> tuple[
    tuple[str, ...], tuple[Choice, ...]] | None:  # fmt: skip
    """The iframe selectors from the main frame down to ``frame`` (None: not reachable by selectors)."""
    if frame in known:
        return known[frame]
    parent = frame.parent_frame
    if parent is None:
        known[frame] = ((), ())
        return known[frame]
    above = await _chain(parent, known)
    if above is None:
        return None
    try:
        element = await frame.frame_element()
        await parent.evaluate(SCRIPT)
        described = await element.evaluate("(el) => window.__shopperDiscover.describeElement(el)")
    except PlaywrightError:
        return None
    where = " > ".join(above[0]) or "the page"
    choice = choose(described["candidates"], where=where, fits=lambda c: str(c["selector"]).startswith("iframe"))
    if choice is None:
        return None
    known[frame] = (above[0] + (choice.selector,), above[1] + (choice,))
    return known[frame]


async def scan_page(page: Page) -> PageScan:
    """Scan every frame of ``page`` that a chain of iframe selectors can reach."""
    result = PageScan()
    known: dict[Frame, tuple[tuple[str, ...], tuple[Choice, ...]]] = {}
    for frame in page.frames:
        if frame.is_detached():
            continue
        chain = await _chain(frame, known)
        if chain is None:
            continue
        try:
            data = await call(frame, "scan")
        except PlaywrightError:
            continue  # a frame navigating away mid-scan
        result.frames.append(FrameScan(frame, chain[0], data, chain[1]))
    return result


async def settled_scan(page: Page, timeout_s: float) -> PageScan:
    """Scan until the widgets stop appearing (lazy loaders, launchers that build an iframe).

    Polls every ``POLL_S`` until ``STABLE_POLLS`` scans in a row look the same, or ``timeout_s``.
    """
    deadline = time.monotonic() + timeout_s
    last = await scan_page(page)
    same = 1
    while same < STABLE_POLLS and time.monotonic() < deadline:
        await asyncio.sleep(POLL_S)
        current = await scan_page(page)
        same = same + 1 if current.signature() == last.signature() else 1
        last = current
    return last
