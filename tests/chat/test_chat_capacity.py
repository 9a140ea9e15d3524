"""``concurrency: auto``: the calibration measures main-thread lag in real Chromium pages."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest

from shopper.audits.concurrency import CHECK_FROM, WITHOUT_CHAT, parse_concurrency, resolve_concurrency
from shopper.audits.model import Audit
from shopper.probes.chat import BrowserSettings, ChatBrowser
from shopper.probes.chat.capacity import LOAD_PAGE, Calibration, calibrate, lag_under_load

pytestmark = pytest.mark.browser

HOG = "setInterval(() => { const until = performance.now() + 60; while (performance.now() < until) {} }, 40)"


def in_browser(body: Any) -> Any:
    async def main() -> Any:
        async with ChatBrowser(BrowserSettings()) as browser:
            return await body(browser.browser)

    return asyncio.run(main())


def test_lag_reads_a_main_thread_held_busy() -> None:
    async def body(browser: Any) -> tuple[float, float]:
        quiet = await lag_under_load(browser, 1, 0.5)
        context = await browser.new_context()
        try:  # long tasks of 60 ms beside the load hold its timers up, as a starved renderer's are
            page = await context.new_page()
            await page.set_content(LOAD_PAGE)
            await page.evaluate(HOG)
            await page.wait_for_function("window.__lags.length >= 8")
            lags = await page.evaluate("window.__lags.slice(1)")
        finally:
            await context.close()
        return quiet, max(lags)

    quiet, starved = in_browser(body)
    assert quiet < 15.0  # one light page: timers fire about on time
    assert starved >= 40.0


def test_calibration_doubles_until_the_bound_and_keeps_what_it_measured() -> None:
    generous: Calibration = in_browser(lambda b: calibrate(b, bound_ms=1e6, max_pages=4, step_s=0.3))
    assert sorted(generous.lag_ms) == [1, 2, 4] and generous.capacity == 4
    assert "up to 4 pages" in generous.stopped
    strict: Calibration = in_browser(lambda b: calibrate(b, bound_ms=-1, max_pages=4, step_s=0.3))
    assert list(strict.lag_ms) == [1] and strict.capacity == 1  # never fewer than one conversation
    assert "1: " in strict.describe() and "bound -1 ms" in strict.describe()


def test_a_requested_number_within_the_bound_is_measured_once_at_that_number() -> None:
    checked: Calibration = in_browser(lambda b: calibrate(b, bound_ms=1e6, first=6, step_s=0.3))
    assert list(checked.lag_ms) == [6] and checked.capacity == 6


def test_auto_takes_the_measured_capacity_and_a_bigger_number_is_warned(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="shopper.audits.concurrency")

    async def body(browser: Any) -> tuple[int, int, int]:
        auto = await resolve_concurrency("auto", browser, bound_ms=1e6, max_pages=2, step_s=0.3)
        asked = await resolve_concurrency(CHECK_FROM, browser, bound_ms=-1, max_pages=2, step_s=0.3)
        small = await resolve_concurrency(3, browser, bound_ms=-1)  # below CHECK_FROM: not calibrated
        return auto, asked, small

    auto, asked, small = in_browser(body)
    assert (auto, asked, small) == (2, CHECK_FROM, 3)
    messages = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("concurrency auto: 2 conversations at once") for m in messages)
    assert any(f"concurrency {CHECK_FROM} exceeds what this machine holds" in m for m in messages)
    assert len(messages) == 2


def test_auto_without_chat_and_bad_values() -> None:
    assert asyncio.run(resolve_concurrency("auto", None)) == WITHOUT_CHAT
    assert asyncio.run(resolve_concurrency(7, None)) == 7
    assert parse_concurrency("auto") == "auto" and parse_concurrency(" 12 ") == 12
    for bad, said in (("0", "at least 1"), ("many", "a whole number or 'auto'")):
        with pytest.raises(ValueError, match=said):
            parse_concurrency(bad)


def test_the_audit_takes_auto_and_refuses_other_words() -> None:
    base: dict[str, Any] = {"audit": "a", "targets": [{"id": "t", "demo": {"profile": "good"}}], "scenarios": ["s"]}
    assert Audit.model_validate({**base, "concurrency": "auto"}).concurrency == "auto"
    assert Audit.model_validate({**base, "concurrency": 9}).concurrency == 9
    for bad in ("many", 0):
        with pytest.raises(ValueError, match="concurrency"):
            Audit.model_validate({**base, "concurrency": bad})
