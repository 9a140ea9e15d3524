"""Where a conversation's time and memory go, for choosing what to cut (bench_throughput --costs).

Measured in this process with the demo platform and one Chromium per variant:

- opening a browser context (binding, init script) and its first page, 1 / 4 / 16 at once: the
  most a warm pool of contexts could take off a conversation's start;
- the PSS of each kind of process with ``PAGES`` demo conversations open (welcome received,
  one reply), under Chromium flag sets that claim to cut memory, and with Playwright's driver
  on Node's default young generation instead of shopper's (``node_options``);
- the language check's lingua models, in a fresh interpreter: the trigram ones it loads and the
  high-accuracy ones it used to.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from memory import process_kind, tree_pss

from shopper.audits.plan import load_plan
from shopper.demo.options import DemoOptions
from shopper.demo.platform import RunningDemo
from shopper.probes.base import Persona, SessionContext
from shopper.probes.chat import BrowserSettings, ChatBrowser, ChatConfig, runtime
from shopper.probes.chat.node_options import DRIVER_NODE_OPTIONS, driver_node_options
from shopper.probes.chat.observer import BINDING, init_script

PAGES = 8
FLAG_SETS: tuple[tuple[str, ...], ...] = (
    (),  # shopper's own launch flags, headless: the half-density screen, no SwiftShader
    ("--force-device-scale-factor=1",),  # the screen at full density again: what the half saves
    ("--js-flags=--max-semi-space-size=1",),
    ("--enable-low-end-device-mode",),
    ("--renderer-process-limit=4", "--disable-site-isolation-trials"),
    ("--in-process-gpu",),  # the GPU process's memory moves into the browser's
    ("--disable-gpu-compositing",),
    ("--num-raster-threads=1", "--disable-gpu-rasterization"),
)
LINGUA_PSS = """
import sys
from pathlib import Path
from lingua import IsoCode639_1, LanguageDetectorBuilder
from shopper.scoring.checks.language import LATIN_LANGUAGES
codes = [getattr(IsoCode639_1, c.upper()) for c in LATIN_LANGUAGES]
builder = LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
def pss():
    rollup = Path("/proc/self/smaps_rollup").read_text().splitlines()
    return next(int(line.split()[1]) for line in rollup if line.startswith("Pss:")) * 1024
before = pss()
detector = (builder.with_low_accuracy_mode() if sys.argv[1] == "low" else builder).build()
detector.detect_language_of("Thanks for waiting, your withdrawal has been approved and will arrive soon.")
print(pss() - before)
"""
QUESTION = "Hi, my BTC withdrawal has been pending for 6 hours"


async def _open_cost(browser: ChatBrowser, chat: ChatConfig, at_once: int) -> float:
    async def one() -> float:
        began = time.perf_counter()
        context = await browser.browser.new_context(locale="en-US", viewport={"width": 1280, "height": 800})
        await context.expose_binding(BINDING, lambda *_: None)
        await context.add_init_script(script=init_script(chat.selectors))
        await context.new_page()
        took = time.perf_counter() - began
        await context.close()
        return took

    times = await asyncio.gather(*(one() for _ in range(at_once)))
    return sum(times) / len(times)


async def _memory_with(flags: tuple[str, ...], chat: ChatConfig, folder: Path, *, default_node: bool = False) -> dict[str, int]:
    if default_node:  # the driver on Node's defaults, for the comparison
        runtime.driver_node_options = lambda: driver_node_options(())
    try:
        return await _memory_in(flags, chat, folder)
    finally:
        runtime.driver_node_options = driver_node_options


async def _memory_in(flags: tuple[str, ...], chat: ChatConfig, folder: Path) -> dict[str, int]:
    async with ChatBrowser(BrowserSettings(extra_args=flags)) as browser:
        sessions = [browser.new_session(SessionContext(
            key=f"costs/{i}", persona=Persona(name="Ann Lee", email=f"ann{i}@example.com", locale="en_US"),
            artifacts_dir=folder / str(i)), chat) for i in range(PAGES)]  # fmt: skip
        try:
            await asyncio.gather(*(s.open() for s in sessions))
            await asyncio.gather(*(s.say(QUESTION) for s in sessions))
            await asyncio.gather(*(s.await_reply(within_s=10, settle_s=0.3) for s in sessions))
            by_kind: dict[str, int] = defaultdict(int)
            for pid, size in tree_pss(os.getpid()).items():
                by_kind[process_kind(pid)] += size
            return dict(by_kind)
        finally:
            await asyncio.gather(*(s.close(failed=False) for s in sessions), return_exceptions=True)


def measure_costs(audit: Path, target: str) -> list[str]:
    """The lines to print (see the module doc)."""
    plan = load_plan(audit)
    lines: list[str] = []
    with tempfile.TemporaryDirectory() as tmp, RunningDemo(
        DemoOptions(seed=1, speed=0.2, ground_truth=Path(tmp) / "truth.jsonl")
    ) as demo:  # fmt: skip
        chat = ChatConfig(url=demo.site_url(target), selectors=plan.selectors(target), settle_s=0.3,
                          typing_cps=0, screenshot="off", trace="off")  # fmt: skip

        async def opening() -> list[str]:
            async with ChatBrowser(BrowserSettings()) as browser:
                costs = [(n, await _open_cost(browser, chat, n)) for n in (1, 4, 16)]
            return [", ".join(f"{n} at once {s * 1000:.0f} ms" for n, s in costs)]

        lines.append("opening a context (binding, init script) and its page, mean: " + asyncio.run(opening())[0])
        baseline: int | None = None
        for flags in FLAG_SETS:
            by_kind = asyncio.run(_memory_with(flags, chat, Path(tmp)))
            total = sum(by_kind.values())
            baseline = baseline or total
            top = ", ".join(f"{kind} {size / 2**20:.0f}" for kind, size in
                            sorted(by_kind.items(), key=lambda item: -item[1])[:5])  # fmt: skip
            lines.append(f"{' '.join(flags) or '(default flags)'}: {total / 2**20:.0f} MiB with {PAGES} open "
                         f"({(total - baseline) / baseline:+.1%}); {top}")  # fmt: skip
            if not flags:
                ours = by_kind.get("node driver", 0)
                default = asyncio.run(_memory_with(flags, chat, Path(tmp), default_node=True)).get("node driver", 0)
                lines.append(f"node driver with {PAGES} open: {ours / 2**20:.0f} MiB with {' '.join(DRIVER_NODE_OPTIONS)}, "
                             f"{default / 2**20:.0f} MiB on Node's defaults")  # fmt: skip
    lines.append(_lingua_line())
    return lines


def _lingua_line() -> str:
    sizes = {}
    for mode in ("low", "high"):
        done = subprocess.run([sys.executable, "-c", LINGUA_PSS, mode], capture_output=True, text=True, check=True)
        sizes[mode] = int(done.stdout.strip()) / 2**20
    return (f"language check's lingua models (python process): trigram only {sizes['low']:.0f} MiB (what it "
            f"loads), high accuracy {sizes['high']:.0f} MiB (what it loaded before)")  # fmt: skip
