"""Which Chromium a run launches, and the priorities its processes run at."""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
from pathlib import Path

import pytest
from chat_helpers import config, context, with_session

from shopper.demo.platform import RunningDemo
from shopper.probes.browser import find_chromium
from shopper.probes.chat import BrowserSettings, ChatBrowser, ChatSession, runtime
from shopper.probes.priority import BOOKKEEPING_NICE, NETWORK_NICE, descendants, role, unboosted

LINUX = Path("/proc/self/task").is_dir()


def _fake_executables(folder: Path, *names: str) -> None:
    folder.mkdir()
    for name in names:
        path = folder / name
        path.write_text("#!/bin/sh\n")
        path.chmod(0o755)


def test_headless_runs_take_the_headless_shell_and_headed_runs_the_full_browser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_executables(tmp_path / "bin", "chromium", "chromium-headless-shell")
    monkeypatch.delenv("SHOPPER_CHROMIUM", raising=False)
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "no-playwright-browsers"))
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    assert find_chromium() == tmp_path / "bin" / "chromium-headless-shell"
    assert find_chromium(headless=False) == tmp_path / "bin" / "chromium"


def test_without_a_headless_shell_the_full_browser_serves_headless_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_executables(tmp_path / "bin", "chromium")
    monkeypatch.delenv("SHOPPER_CHROMIUM", raising=False)
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "none"))
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    assert find_chromium() == tmp_path / "bin" / "chromium"


@pytest.mark.parametrize(
    ("cmdline", "expected"),
    [
        ("/usr/bin/node /x/playwright/driver/package/cli.js run-driver", "driver"),
        ("/usr/lib/chromium/chromium-headless-shell --headless --remote-debugging-pipe", "browser"),
        ("/usr/lib/chromium/chromium --type=gpu-process --no-sandbox", "gpu"),
        ("/usr/lib/chromium/chromium --type=renderer --renderer-client-id=6", "renderer"),
        ("/usr/lib/chromium/chromium --type=utility --utility-sub-type=network.mojom.NetworkService", "network"),
        ("/usr/lib/chromium/chromium --type=utility --utility-sub-type=storage.mojom.StorageService", "utility"),
        ("/usr/lib/chromium/chromium --type=zygote", "zygote"),
        ("/usr/bin/python3 -m http.server", "other"),
    ],
)
def test_processes_are_told_apart_by_their_command_line(cmdline: str, expected: str) -> None:
    assert role(cmdline) == expected


def _nice_by_role() -> dict[str, list[int]]:
    """The lowest nice value among each process's threads, per role, for processes under us."""
    found: dict[str, list[int]] = {}
    for pid in descendants(os.getpid()):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            tids = [int(t.name) for t in Path(f"/proc/{pid}/task").iterdir()]
            lowest = min(os.getpriority(os.PRIO_PROCESS, tid) for tid in tids)
        except (OSError, ValueError):
            continue
        found.setdefault(role(cmdline), []).append(lowest)
    return found


@pytest.mark.skipif(not LINUX, reason="thread priorities are read from /proc (Linux)")
def test_the_browsers_bookkeeping_yields_the_cpu_to_the_pages_it_measures(
    demo: RunningDemo, tmp_path: Path
) -> None:
    async def body(session: ChatSession) -> dict[str, list[int]]:
        await session.open()
        return _nice_by_role()

    seen = with_session(context(tmp_path), config(demo.site_url("good")), body)
    for bookkeeping in ("driver", "browser", "gpu"):
        assert seen.get(bookkeeping), f"no {bookkeeping} process found under the test: {seen}"
        assert min(seen[bookkeeping]) >= BOOKKEEPING_NICE, (bookkeeping, seen)
    for measuring in ("renderer", "network"):  # where pages run and their frames travel
        assert seen.get(measuring), f"no {measuring} process found under the test: {seen}"
        assert max(seen[measuring]) < BOOKKEEPING_NICE, (measuring, seen)
    if os.geteuid() == 0:  # raising a priority needs root: the frames' carrier runs first
        assert max(seen["network"]) <= NETWORK_NICE < min(seen["renderer"]), seen


def test_as_root_chromium_runs_through_setpriv_without_the_right_to_raise_priorities(
    tmp_path: Path,
) -> None:
    chromium = find_chromium()
    assert chromium is not None
    launched = unboosted(chromium, tmp_path)
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        assert launched == chromium  # nothing to take away from an ordinary user
        return
    script = launched.read_text()
    assert os.access(launched, os.X_OK)
    assert "--bounding-set -sys_nice" in script and str(chromium) in script


def test_a_wrapper_that_cannot_run_falls_back_to_launching_chromium_directly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    broken = tmp_path / "noexec-wrapper"
    broken.write_text("#!/bin/sh\nexit 1\n")  # not executable, as in a folder mounted noexec
    monkeypatch.setattr(runtime, "unboosted", lambda executable, folder: broken)

    async def main() -> str:
        async with ChatBrowser(BrowserSettings()) as browser:
            return browser.browser.version

    with caplog.at_level(logging.WARNING, logger="shopper.probes.chat.runtime"):
        version = asyncio.run(main())
    assert version  # a working browser all the same
    assert "launching it directly" in caplog.text
