"""Finding and launching Chromium: Playwright's own if installed, else the system's.

There is no network here for ``playwright install``; Debian's ``chromium`` package works.
Headless runs prefer the *headless shell* (Debian's ``chromium-headless-shell``, Playwright's
``chromium_headless_shell``), as Playwright itself does: it opens no browser window, so a new
context does not also start the window's own WebUI renderer (the omnibox popup). Measured on
two cores, that cut the CPU of opening a conversation by about three quarters (benchmarks/).
``python -m shopper.probes.browser`` prints the executable found (exit 3 if none).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

QUIET_FLAGS = (
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-gpu",
)
# Memory a headless run does not need (bench_throughput: sixteen demo pages open, 925 -> 837 MiB
# for the whole tree). Chromium rasterises every page's tiles, and composites them, in shared
# memory at the screen's pixel density; a headless screen declared at half density holds a
# quarter of the pixels. Playwright emulates every context's viewport at scale 1, so a page
# still sees devicePixelRatio 1 and its viewport, clicks land in the same CSS pixels, and a
# screenshot is rendered anew at scale 1 (full resolution); boxes are placed on a 2-pixel grid,
# so a 1 px border is laid out as 2 px (tests/chat/test_chat_memory.py). An audit's
# ``browser: {args: ["--force-device-scale-factor=1"]}`` turns it off. No SwiftShader in the
# GPU process: WebGL is unavailable, which no chat widget needs (11 MiB).
HEADLESS_MEMORY_FLAGS = (
    "--force-device-scale-factor=0.5",
    "--disable-software-rasterizer",
)
SYSTEM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
SYSTEM_HEADLESS_SHELLS = ("chromium-headless-shell", "chrome-headless-shell")
PLAYWRIGHT_FULL = "chromium-*/chrome-linux*/chrome"
PLAYWRIGHT_SHELL = "chromium_headless_shell-*/chrome-linux*/headless_shell"


def playwright_chromium(*, headless: bool = True) -> Path | None:
    """Playwright's downloaded Chromium (its headless shell first when headless), if installed."""
    root = Path(os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or Path.home() / ".cache" / "ms-playwright")
    patterns = (PLAYWRIGHT_SHELL, PLAYWRIGHT_FULL) if headless else (PLAYWRIGHT_FULL,)
    for pattern in patterns:
        found = sorted(root.glob(pattern))
        if found:
            return found[-1]
    return None


def find_chromium(*, headless: bool = True) -> Path | None:
    """The executable to launch: $SHOPPER_CHROMIUM, Playwright's, then the system's.

    A headless run takes a headless shell where one is installed, else the full browser.
    """
    override = os.environ.get("SHOPPER_CHROMIUM")
    if override:
        return Path(override)
    own = playwright_chromium(headless=headless)
    if own is not None:
        return own
    names = (SYSTEM_HEADLESS_SHELLS if headless else ()) + SYSTEM_CANDIDATES
    for name in names:
        path = shutil.which(name)
        if path:
            return Path(path)
    return None


def launch_args(extra: tuple[str, ...] = (), *, headless: bool = True) -> list[str]:
    """Flags that keep Chromium quiet offline and, headless, light (and allow running as root
    in containers); ``extra`` comes last, so a flag given there wins."""
    args = [*QUIET_FLAGS, *(HEADLESS_MEMORY_FLAGS if headless else ()), *extra]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")
    return args


def main() -> int:
    path = find_chromium()
    if path is None:
        sys.stderr.write("no Chromium found; install one: apt-get install -y chromium chromium-headless-shell\n")
        return 3
    sys.stdout.write(f"{path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
