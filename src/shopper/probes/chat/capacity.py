"""How many conversations this machine holds at once within the timing bound (``concurrency: auto``).

A page stamps a message late when its main thread runs late, and it runs late when the
machine's cores are shared by more renderers than they can serve. The calibration opens N pages
(each in its own browser context, as conversations are) that run a synthetic widget load, a
timer every frame with a little script and DOM work on it, and reads how late each page's
timers fired: the p95 of that lag is what a stamp taken in such a page could be off by. N
doubles until the lag exceeds the bound (one bisection step then narrows it); the largest N
within the bound is the machine's capacity. Bounded: at most ``max_pages`` pages, ``step_s``
of load per step, and ``budget_s`` in all (it stops early, keeping what it has measured).
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from dataclasses import dataclass, field

from playwright.async_api import Browser, BrowserContext

log = logging.getLogger(__name__)

LAG_BOUND_MS = 20.0  # the shown stamp's p95 target at 16 conversations (issue 16)
TICK_MS = 16
WORK_MS = 1.0  # script per tick: a widget animating its typing dots, a framework re-rendering

LOAD_PAGE = f"""<!doctype html><meta charset="utf-8"><ol id="log"></ol><script>
window.__lags = [];
let expected = performance.now() + {TICK_MS};
function tick() {{
  const now = performance.now();
  window.__lags.push(Math.max(0, now - expected));
  const until = now + {WORK_MS};
  let spin = 0;
  while (performance.now() < until) {{ spin++; }}
  const item = document.createElement("li");
  item.textContent = "tick " + spin;
  const list = document.getElementById("log");
  list.appendChild(item);
  if (list.childElementCount > 50) list.firstElementChild.remove();
  list.getBoundingClientRect();
  expected = performance.now() + {TICK_MS};
  setTimeout(tick, {TICK_MS});
}}
setTimeout(tick, {TICK_MS});
</script>"""


@dataclass
class Calibration:
    """The measured p95 main-thread lag per number of pages, and the capacity it implies."""

    bound_ms: float
    lag_ms: dict[int, float] = field(default_factory=dict)  # pages -> p95 lag
    stopped: str = ""  # why it stopped before finding the limit ("" when it found it)

    @property
    def capacity(self) -> int:
        within = [pages for pages, lag in self.lag_ms.items() if lag <= self.bound_ms]
        return max(within, default=1)

    def describe(self) -> str:
        steps = ", ".join(f"{pages}: {lag:.1f} ms" for pages, lag in sorted(self.lag_ms.items()))
        tail = f"; {self.stopped}" if self.stopped else ""
        return f"p95 main-thread lag by pages at once ({steps}); bound {self.bound_ms:g} ms{tail}"


def p95(values: list[float]) -> float:
    if not values:
        return math.inf
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]


async def lag_under_load(browser: Browser, pages: int, step_s: float) -> float:
    """The p95 timer lag over ``pages`` loaded pages held for ``step_s`` (the first 0.2 s dropped)."""
    contexts: list[BrowserContext] = []
    try:
        contexts = list(await asyncio.gather(*(browser.new_context() for _ in range(pages))))
        opened = await asyncio.gather(*(context.new_page() for context in contexts))
        await asyncio.gather(*(page.set_content(LOAD_PAGE) for page in opened))
        await asyncio.gather(*(page.evaluate("window.__lags.length = 0") for page in opened))
        await asyncio.sleep(step_s)  # the load runs in the pages: the measurement is the wait itself
        samples = await asyncio.gather(*(page.evaluate("window.__lags.slice()") for page in opened))
        return p95([float(lag) for sample in samples for lag in sample])
    finally:
        await asyncio.gather(*(context.close() for context in contexts), return_exceptions=True)


async def calibrate(browser: Browser, *, bound_ms: float = LAG_BOUND_MS, max_pages: int = 64,
                    step_s: float = 1.0, budget_s: float = 20.0, first: int = 1) -> Calibration:  # fmt: skip
    """Double the pages from ``first`` until the lag passes ``bound_ms``, then bisect once; see the
    module doc. ``first`` within the bound (a requested number checked) ends it at once."""
    found = Calibration(bound_ms)
    deadline = time.monotonic() + budget_s
    if first > 1:
        lag = found.lag_ms[first] = await lag_under_load(browser, first, step_s)
        if lag <= bound_ms:
            return found
        found.lag_ms.clear()  # over the bound: search from one page for the figure to warn with
        max_pages = first
    pages, last_good, first_bad = 1, 0, 0
    while pages <= max_pages:
        if time.monotonic() >= deadline:
            found.stopped = f"stopped at the {budget_s:g} s budget"
            return found
        lag = found.lag_ms[pages] = await lag_under_load(browser, pages, step_s)
        if lag > bound_ms:
            first_bad = pages
            break
        last_good, pages = pages, pages * 2
    else:
        found.stopped = f"within the bound up to {max_pages} pages (the most it tries)"
        return found
    middle = (last_good + first_bad) // 2
    if last_good and last_good < middle < first_bad and time.monotonic() < deadline:
        found.lag_ms[middle] = await lag_under_load(browser, middle, step_s)
    return found
