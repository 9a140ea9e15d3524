"""What a headless run does to save memory and CPU, and that pages and screenshots do not see it."""

from __future__ import annotations

import asyncio
import base64
import subprocess
from pathlib import Path
from typing import Any

import pytest

from shopper.probes.browser import HEADLESS_MEMORY_FLAGS, QUIET_FLAGS, launch_args
from shopper.probes.chat import BrowserSettings, ChatBrowser
from shopper.probes.chat.heap import collect_garbage
from shopper.probes.chat.node_options import DRIVER_NODE_OPTIONS, PRELOAD
from shopper.probes.chat.observer import BINDING, init_script
from shopper.probes.preset import ChatSelectors

PAGE = """<!doctype html><body style="margin:0;font:13px sans-serif">
<h1>Withdrawal pending</h1><p>Small print 0123456789: an agent's reply, rendered as text.</p>
<div style="position:fixed;right:20px;bottom:20px;width:360px;height:480px;border:1px solid #888">
<p style="padding:8px">Please never share your recovery phrase.</p></div></body>"""


def test_headless_launches_carry_the_memory_flags_and_headed_ones_do_not() -> None:
    headless = launch_args()
    assert all(flag in headless for flag in (*QUIET_FLAGS, *HEADLESS_MEMORY_FLAGS))
    assert not set(HEADLESS_MEMORY_FLAGS) & set(launch_args(headless=False))
    mine = launch_args(("--force-device-scale-factor=1",))
    assert mine.index("--force-device-scale-factor=1") > mine.index("--force-device-scale-factor=0.5"), (
        "a user's own flag comes last, so Chromium takes it"
    )


# Pairs of neighbouring pixels that go from paper to ink in one step: text drawn at full
# resolution has many; a half-resolution image scaled up has its edges spread over two pixels.
SHARP_EDGES = """async (url) => {
  const img = new Image(); img.src = url; await img.decode();
  const canvas = document.createElement('canvas'); canvas.width = img.width; canvas.height = img.height;
  const g = canvas.getContext('2d'); g.drawImage(img, 0, 0);
  const px = g.getImageData(0, 0, img.width, img.height).data;
  let sharp = 0;
  for (let y = 0; y < img.height; y++) for (let x = 1; x < img.width; x++) {
    const i = (y * img.width + x) * 4;
    if (Math.abs(px[i] - px[i - 4]) > 180) sharp++;
  }
  return sharp;
}"""


def _png_size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


async def _what_a_page_sees(extra: tuple[str, ...]) -> tuple[list[Any], tuple[int, int, int]]:
    async with ChatBrowser(BrowserSettings(extra_args=extra)) as browser:
        context = await browser.browser.new_context(viewport={"width": 1280, "height": 800})
        page = await context.new_page()
        await page.set_content(PAGE)
        seen = await page.evaluate(
            "() => { const r = document.querySelector('div').getBoundingClientRect();"
            " return [devicePixelRatio, innerWidth, innerHeight, r.width, r.height, r.right]; }"
        )
        shot = await page.screenshot()
        heading = await page.screenshot(clip={"x": 0, "y": 0, "width": 640, "height": 60})
        edges = await page.evaluate(SHARP_EDGES, "data:image/png;base64," + base64.b64encode(heading).decode())
        await context.close()
        return seen, (*_png_size(shot), edges)


def test_a_page_sees_scale_1_and_its_screenshot_keeps_full_resolution_on_the_half_density_screen() -> None:
    """What the half-density screen changes for a page: the viewport, the scale and the text are
    the same; a hairline border is one device pixel at least, so a 1 px border is laid out at
    2 CSS px. The screenshot is rendered at scale 1, as large as without the flag."""
    light, light_shot = asyncio.run(_what_a_page_sees(()))
    full, full_shot = asyncio.run(_what_a_page_sees(("--force-device-scale-factor=1",)))
    assert light[:3] == full[:3] == [1, 1280, 800]  # devicePixelRatio, innerWidth, innerHeight
    assert full[3:] == [362, 482, 1260]  # a 360 x 480 box with a 1 px border, 20 px from the right
    assert light[3:] == [364, 484, 1260]  # its border laid out at 2 px: the one difference
    assert light_shot[:2] == full_shot[:2] == (1280, 800)
    assert full_shot[2] > 100 and light_shot[2] >= 0.9 * full_shot[2], f"sharp edges in the heading: {light_shot[2]} against {full_shot[2]}"


def test_collecting_garbage_frees_what_a_widget_left_behind() -> None:
    async def main() -> tuple[float, float]:
        async with ChatBrowser(BrowserSettings()) as browser:
            context = await browser.browser.new_context()
            page = await context.new_page()
            session = await context.new_cdp_session(page)
            # what a bundle's load leaves: 20 MB of objects (4-byte slots), dropped only just before the collection
            await page.evaluate("() => { window.junk = []; for (let i = 0; i < 400; i++)"
                                " window.junk.push(new Array(12500).fill(i)); }")  # fmt: skip
            before = (await session.send("Runtime.getHeapUsage"))["usedSize"]
            await page.evaluate("() => { window.junk = null; }")
            await collect_garbage([session])
            after = (await session.send("Runtime.getHeapUsage"))["usedSize"]
            await context.close()
            return before, after

    before, after = asyncio.run(main())
    assert before - after > 15e6, f"{before / 1e6:.1f} MB in use before the collection, {after / 1e6:.1f} after"


class _GoneSession:
    async def send(self, method: str, params: Any = None) -> Any:
        raise RuntimeError("Target page, context or browser has been closed")


def test_a_page_that_went_away_does_not_stop_the_collection_elsewhere(caplog: pytest.LogCaptureFixture) -> None:
    sent: list[str] = []

    class _Session:
        async def send(self, method: str, params: Any = None) -> Any:
            sent.append(method)

    asyncio.run(collect_garbage([_GoneSession(), _Session()]))
    assert sent == ["HeapProfiler.collectGarbage"]


def test_the_driver_preload_runs_under_playwrights_node() -> None:
    from playwright._impl._driver import compute_driver_executable

    node = Path(compute_driver_executable()[0])
    options = " ".join(DRIVER_NODE_OPTIONS)
    done = subprocess.run([str(node), "-e", "process.stdout.write('started')"], capture_output=True, text=True,
                          env={"NODE_OPTIONS": options}, timeout=60, check=False)  # fmt: skip
    assert PRELOAD.is_file() and str(PRELOAD) in options
    assert (done.returncode, done.stdout, done.stderr) == (0, "started", "")


# Counts the timers at the lag timer's period that the page's scripts set, before the observer loads.
COUNT_LAG_TIMERS = """
window.__lagTimers = 0;
const setTimeoutBefore = window.setTimeout;
window.setTimeout = function (fn, ms, ...rest) {
  if (ms === 16) { window.__lagTimers++; }
  return setTimeoutBefore.call(window, fn, ms, ...rest);
};
"""
TWELVE_FRAMES = "() => new Promise(done => { let k = 0; const f = () => ++k < 12 ? requestAnimationFrame(f) : done(); f(); })"


def test_the_lag_timer_runs_only_in_a_frame_where_the_widget_shows_up() -> None:
    selectors = ChatSelectors(message_list="#list", input="#box", agent_message="li.bot")

    async def main() -> int:
        async with ChatBrowser(BrowserSettings()) as browser:
            context = await browser.browser.new_context()
            await context.expose_binding(BINDING, lambda *_: None)
            await context.add_init_script(script=COUNT_LAG_TIMERS)
            await context.add_init_script(script=init_script(selectors))
            page = await context.new_page()
            await page.set_content("<main><p>A help page, no chat on it yet.</p></main>")
            count = "() => window.__lagTimers"
            await page.evaluate(TWELVE_FRAMES)  # ~200 ms: a running timer would have ticked a dozen times
            without = await page.evaluate(count)
            await page.evaluate("() => { document.body.insertAdjacentHTML('beforeend',"
                                " '<ul id=list></ul><textarea id=box></textarea>'); }")  # fmt: skip
            await page.wait_for_function("() => window.__lagTimers >= 5")
            await context.close()
            return without

    assert asyncio.run(main()) == 0, "no widget in the page: no timer; once its input is there, it ticks"
