"""Peak memory of a process and all its descendants (browsers included), from /proc.

Proportional set size (Pss): shared pages are split between the processes sharing them, so
the sum over Chromium's many processes is not inflated the way a sum of RSS would be. At the
peak the sample is also kept per kind of process (python, the Playwright driver, the browser,
its GPU process, renderers, utilities), which is where any cut must start.
"""

from __future__ import annotations

import os
import threading
from collections import defaultdict
from pathlib import Path


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
        return "python"
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


def tree_pss(root: int) -> dict[int, int]:
    """Pss in bytes of ``root`` and every descendant alive now, by pid."""
    found: dict[int, int] = {}
    todo, seen = [root], set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    found[pid] = int(line.split()[1]) * 1024
        except OSError:
            continue
        todo += _children(pid)
    return found


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
        self._kinds: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            sample = tree_pss(self.root)
            total = sum(sample.values())
            if total > self.peak:
                self.peak = total
                self.at_peak = self._by_kind(sample)

    def _by_kind(self, sample: dict[int, int]) -> dict[str, tuple[int, int]]:
        counts: dict[str, int] = defaultdict(int)
        sizes: dict[str, int] = defaultdict(int)
        for pid, size in sample.items():
            if pid not in self._kinds:  # pids are not reused within a run often enough to matter
                self._kinds[pid] = process_kind(pid)
            counts[self._kinds[pid]] += 1
            sizes[self._kinds[pid]] += size
        return {kind: (counts[kind], sizes[kind]) for kind in sizes}

    def breakdown(self) -> list[str]:
        """One line per kind of process at the peak, biggest first."""
        return [f"{size / 2**20:7.0f} MiB  {count:3d} x {kind}"
                for kind, (count, size) in sorted(self.at_peak.items(), key=lambda item: -item[1][1])]  # fmt: skip

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
