"""Fixtures of the report tests: one rendered synthetic run, one Chromium per module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright
from report_helpers import CHROMIUM_ARGS, make_run

from shopper.reports import render_run
from shopper.results import ConversationResult


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[ConversationResult]]:
    """240 synthetic conversations (every target, status, channel, locale), rendered once."""
    folder, results = make_run(tmp_path_factory.mktemp("reports") / "run")
    render_run(folder)
    return folder, results


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
