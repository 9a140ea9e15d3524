"""index.html in the real Chromium: no request leaves the page, hostile text stays text,
filters and sorting work, transcripts load lazily (over http and from file://)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from shopper.reports.serve import ReportServer
from shopper.results import ConversationResult

pytestmark = pytest.mark.browser
Rendered = tuple[Path, list[ConversationResult]]


class Watched:
    def __init__(self, page: Page, allowed_prefix: str) -> None:
        self.page, self.errors, self.outside = page, [], []  # type: ignore[var-annotated]
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: None if r.url.startswith((allowed_prefix, "data:")) else self.outside.append(r.url))


@pytest.fixture
def served(rendered: Rendered, browser: Browser) -> Iterator[Watched]:
    folder, _ = rendered
    with ReportServer(folder) as server:
        base = server.url.rsplit("/", 1)[0] + "/"
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        context.set_default_timeout(10_000)
        page = context.new_page()

        def gate(route: Route) -> None:
            if route.request.url.startswith((base, "data:")):
                route.continue_()
            else:
                route.abort()

        page.route("**/*", gate)
        watched = Watched(page, base)
        page.goto(server.url)
        page.wait_for_function("document.body.dataset.ready === '1'")
        yield watched
        context.close()
    assert watched.outside == [], f"requests left the page: {watched.outside}"
    assert watched.errors == [], f"console errors: {watched.errors}"


def overview_targets(page: Page) -> list[str]:
    return page.locator("#overview-table tbody tr").evaluate_all("rows => rows.map(r => r.dataset.target)")


def test_overview_shows_the_findings_without_scrolling(served: Watched, rendered: Rendered) -> None:
    page = served.page
    _, results = rendered
    assert sorted(overview_targets(page)) == sorted({r.target for r in results})
    assert overview_targets(page)[0] in ("demo-scam", "demo-hostile")
    scam = page.locator('#overview-table tr[data-target="demo-scam"]')
    expect(scam).to_contain_text("please send me your seed phrase")
    expect(scam).to_contain_text("https://t.me/HarborSupportDesk")
    expect(page.locator('#overview-table tr[data-target="demo-slow"]')).to_contain_text("misses SLA")
    sloppy = page.locator('#overview-table tr[data-target="demo-sloppy"]')
    expect(sloppy).to_contain_text("wrong language")
    expect(sloppy).to_contain_text("to ja_JP, ko_KR, zh_CN customers")
    for row in ("demo-scam", "demo-slow", "demo-sloppy"):
        box = page.locator(f'#overview-table tr[data-target="{row}"]').bounding_box()
        assert box is not None and box["y"] + box["height"] <= 900 * 1.3  # at most a short scroll
    csp = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content") or ""
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp


def test_hostile_text_is_shown_as_text_and_runs_nothing(served: Watched) -> None:
    page = served.page
    page.select_option("#filter-target", "demo-hostile")
    page.select_option("#filter-channel", "chat")
    page.select_option("#filter-locale", "en_US")
    expect(page.locator("#findings-list")).to_contain_text('<a href="javascript:alert(1)">click</a>')
    page.locator("#conversation-rows tr").first.click()
    detail = page.locator("#detail")
    expect(detail).to_contain_text('<img src=x onerror="window.__shopperPwned=1">')
    expect(detail).to_contain_text("<script>window.__shopperPwned=1</script>")
    expect(detail.locator("a.ext").first).to_have_attribute("href", "https://harbor.example/wallet/history")
    assert page.evaluate("window.__shopperPwned") is None
    assert page.locator('a[href^="javascript:" i], img[src="x"], #detail script').count() == 0
    rels = page.locator("a.ext").evaluate_all("links => links.map(a => [a.protocol, a.rel])")
    assert rels and all(p in ("http:", "https:") and r == "noopener noreferrer" for p, r in rels)
    expect(detail.locator("img")).to_have_count(1)  # the screenshot, from the run folder
    expect(detail.locator("a", has_text="Playwright trace")).to_have_attribute("href", re.compile(r"^artifacts/.+-trace\.zip$"))


def test_filters_narrow_the_list_and_sorting_orders_it(served: Watched, rendered: Rendered) -> None:
    page = served.page
    _, results = rendered
    page.select_option("#filter-channel", "email")
    page.select_option("#filter-locale", "zh_CN")
    expected = sum(1 for r in results if r.channel == "email" and r.locale == "zh_CN")
    expect(page.locator("#filter-count")).to_have_text(f"{expected} of {len(results)} conversations")
    cells = page.locator("#conversation-rows tr td:nth-child(3)").all_inner_texts()
    assert cells and set(cells) == {"email"}
    page.click("#filter-reset")
    page.select_option("#filter-status", "unavailable")
    statuses = page.locator("#conversation-rows tr td:nth-child(5)").all_inner_texts()
    assert statuses and set(statuses) == {"unavailable"}

    score = page.locator("#overview-table th", has_text="Score")
    score.click()
    values = page.locator("#overview-table tbody tr td:nth-child(2)").evaluate_all(
        "cells => cells.map(c => parseFloat(c.dataset.value))")
    assert values == sorted(values, reverse=True)
    score.click()
    values = page.locator("#overview-table tbody tr td:nth-child(2)").evaluate_all(
        "cells => cells.map(c => parseFloat(c.dataset.value))")
    assert values == sorted(values)
    expect(score).to_have_attribute("aria-sort", "ascending")


def test_the_report_works_from_file_and_loads_transcripts_lazily(rendered: Rendered, browser: Browser) -> None:
    folder, _ = rendered
    page = browser.new_page()
    watched = Watched(page, folder.resolve().as_uri() + "/")
    page.goto((folder / "index.html").resolve().as_uri())
    page.wait_for_function("document.body.dataset.ready === '1'")
    assert page.evaluate("document.querySelectorAll('script[src]').length") == 0  # nothing loaded up front
    page.locator("#conversation-rows tr").nth(3).click()
    expect(page.locator("#detail .timeline li").first).to_be_visible()
    assert page.evaluate("document.querySelectorAll('script[src]').length") == 1
    page.close()
    assert watched.outside == [] and watched.errors == []


def test_show_report_serves_on_loopback_and_stops_on_ctrl_c(rendered: Rendered) -> None:
    folder, _ = rendered
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "shopper", "show-report", str(folder), "--no-open"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) as proc:
        try:
            assert proc.stdout is not None
            line = proc.stdout.readline()
            url = line.split(" at ", 1)[1].split()[0]
            assert url.startswith("http://127.0.0.1:")
            with urllib.request.urlopen(url, timeout=10) as response:
                assert response.status == 200
                assert b"Content-Security-Policy" in response.read()
            proc.send_signal(signal.SIGINT)
            _, err = proc.communicate(timeout=15)
            assert proc.returncode == 0, err
            assert "stopped" in err
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
