"""Peak memory of a process and all its descendants (browsers included), from /proc.

Proportional set size (Pss): shared pages are split between the processes sharing them, so
the sum over Chromium's many processes is not inflated the way a sum of RSS would be. At the
peak the sample is also kept per kind of process (python, the Playwright driver, the browser,
its GPU process, renderers, utilities), which is where any cut must start.

The demo platform runs in a child process (``python -m shopper.demo.process``) but stands in
for a remote platform: its subtree is not the shopper's and is left out of the sum, and kept
apart (:attr:`PeakMemory.excluded_at_peak`) so the output can say what was left out.
"""

from __future__ import annotations

import os
import threading
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

DEMO_MODULE = "shopper.demo.process"
FOREIGN_KINDS = frozenset({"demo platform"})  # stand-ins for a remote platform, not the shopper's


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def process_kind(pid: int) -> str:
    """``python``, ``node driver``, ``chromium browser`` or ``chromium <--type>``, from the command line."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "gone"
    # Chromium rewrites the command line of its children into one space-separated string
    words = b" ".join(argv).decode(errors="replace").split()
    if not words:
        return "other"
    program = Path(words[0]).name
    if "python" in program:
        return "demo platform" if DEMO_MODULE in words else "python"
    if program == "node" or ("playwright" in program and "driver" in " ".join(words)):
        return "node driver"
    if "chrom" in program or "headless_shell" in program or any("chrom" in w for w in words[:1]):
        kind = next((w.split("=", 1)[1] for w in words if w.startswith("--type=")), None)
        if kind is None:
            return "chromium browser"
        if kind == "utility":
            service = next((w.split("=", 1)[1] for w in words if w.startswith("--utility-sub-type=")), "")
            return f"chromium utility {service.rsplit('.', 1)[-1]}".rstrip()
        return f"chromium {kind}"
    return program


def _pss(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def tree_pss_split(root: int, foreign: Callable[[int], bool]) -> tuple[dict[int, int], dict[int, int]]:
    """Pss in bytes by pid of ``root`` and every descendant alive now: (own, foreign), where a
    process for which ``foreign(pid)`` holds is counted, with all its descendants, as foreign."""
    own: dict[int, int] = {}
    other: dict[int, int] = {}
    todo, seen = [(root, False)], set()
    while todo:
        pid, under_foreign = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        under_foreign = under_foreign or foreign(pid)
        size = _pss(pid)
        if size is None:
            continue
        (other if under_foreign else own)[pid] = size
        todo += [(child, under_foreign) for child in _children(pid)]
    return own, other


def tree_pss(root: int) -> dict[int, int]:
    """Pss in bytes of ``root`` and every descendant alive now, by pid (foreign ones included)."""
    return tree_pss_split(root, lambda pid: False)[0]


def tree_pss_bytes(root: int) -> int:
    """Sum of Pss over ``root`` and every descendant alive now."""
    return sum(tree_pss(root).values())


class PeakMemory:
    """Samples the tree's Pss every ``interval`` seconds until stopped; keeps the peak and, at
    the peak, the figure per kind of process (:attr:`at_peak`: kind -> (processes, bytes))."""

    def __init__(self, interval: float = 0.25, root: int | None = None) -> None:
        self.interval = interval
        self.root = root or os.getpid()
        self.peak = 0
        self.at_peak: dict[str, tuple[int, int]] = {}
        self.excluded_at_peak: dict[str, tuple[int, int]] = {}
        self._kinds: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _kind(self, pid: int) -> str:
        if pid not in self._kinds:  # pids are not reused within a run often enough to matter
            self._kinds[pid] = process_kind(pid)
        return self._kinds[pid]

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            own, foreign = tree_pss_split(self.root, lambda pid: self._kind(pid) in FOREIGN_KINDS)
            total = sum(own.values())
            if total > self.peak:
                self.peak = total
                self.at_peak = self._by_kind(own)
                self.excluded_at_peak = self._by_kind(foreign)

    def _by_kind(self, sample: dict[int, int]) -> dict[str, tuple[int, int]]:
        counts: dict[str, int] = defaultdict(int)
        sizes: dict[str, int] = defaultdict(int)
        for pid, size in sample.items():
            counts[self._kind(pid)] += 1
            sizes[self._kind(pid)] += size
        return {kind: (counts[kind], sizes[kind]) for kind in sizes}

    def breakdown(self) -> list[str]:
        """One line per kind of process at the peak, biggest first."""
        return [f"{size / 2**20:7.0f} MiB  {count:3d} x {kind}"
                for kind, (count, size) in sorted(self.at_peak.items(), key=lambda item: -item[1][1])]  # fmt: skip

    def excluded(self) -> str:
        """What was left out of the peak as foreign (the demo platform), in one phrase."""
        if not self.excluded_at_peak:
            return "nothing (no demo platform process was running at the peak)"
        return ", ".join(f"{count} x {kind} ({size / 2**20:.0f} MiB)"
                         for kind, (count, size) in sorted(self.excluded_at_peak.items()))  # fmt: skip

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
