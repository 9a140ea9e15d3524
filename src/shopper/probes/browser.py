"""Finding and launching Chromium: Playwright's own if installed, else the system's.

There is no network here for ``playwright install``; Debian's ``chromium`` package works.
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
SYSTEM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def playwright_chromium() -> Path | None:
    """Playwright's downloaded Chromium, if one is installed."""
    root = Path(os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or Path.home() / ".cache" / "ms-playwright")
    for pattern in (
        "chromium-*/chrome-linux*/chrome",
        "chromium_headless_shell-*/chrome-linux*/headless_shell",
    ):
        found = sorted(root.glob(pattern))
        if found:
            return found[-1]
    return None


def find_chromium() -> Path | None:
    """The executable to launch: $SHOPPER_CHROMIUM, Playwright's, then the system's."""
    override = os.environ.get("SHOPPER_CHROMIUM")
    if override:
        return Path(override)
    own = playwright_chromium()
    if own is not None:
        return own
    for name in SYSTEM_CANDIDATES:
        path = shutil.which(name)
        if path:
            return Path(path)
    return None


def launch_args(extra: tuple[str, ...] = ()) -> list[str]:
    """Flags that keep Chromium quiet offline (and allow running as root in containers)."""
    args = list(QUIET_FLAGS) + list(extra)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")
    return args


def main() -> int:
    path = find_chromium()
    if path is None:
        sys.stderr.write("no Chromium found; install one: apt-get install -y chromium\n")
        return 3
    sys.stdout.write(f"{path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
