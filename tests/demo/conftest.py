"""Fixtures of the demo platform's tests: a shared Chromium, a running demo, a fresh page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from demo_helpers import CHROMIUM_ARGS, TEST_SPEED
from playwright.sync_api import Browser, Page, sync_playwright

from shopper.demo import DemoOptions, RunningDemo


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningDemo]:
    path = tmp_path_factory.mktemp("demo") / "ground-truth.jsonl"
    with RunningDemo(DemoOptions(seed=7, speed=TEST_SPEED, ground_truth=path)) as running:
        yield running


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="en-US")
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()
