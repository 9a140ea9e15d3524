"""Let the pages being measured run first: the browser's own bookkeeping yields the CPU (Linux).

Every chat timestamp is taken inside a page's renderer (see :mod:`shopper.probes.chat.observer`).
On two cores with sixteen conversations, the processes that only carry our commands and draw
frames (Playwright's driver, Chromium's browser and GPU processes) compete with those renderers
for the CPU, and a renderer that waits for its turn stamps a message late. Running as root makes
it worse: Chromium then raises its own browser and GPU threads to nice -8. So after launching,
every thread of those three is set to nice :data:`BOOKKEEPING_NICE`; renderers, the zygote
that forks them keep their priority, and the network service (the path of every chat frame,
and the clock of its arrival stamp) is raised above them to nice :data:`NETWORK_NICE` where that
is allowed (root). As root, Chromium is also launched without ``CAP_SYS_NICE`` (:func:`unboosted`), so the threads it
starts later cannot climb back above the pages either.

Raising a nice value needs no privilege, so this works for any user; where ``/proc`` is missing
(not Linux) it does nothing. Measured in ``benchmarks/bench_timing.py``.
"""

from __future__ import annotations

import logging
import os
import shlex
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

log = logging.getLogger(__name__)

BOOKKEEPING_NICE = 10
PROC = Path("/proc")


def _parent(pid: str) -> int | None:
    try:
        stat = (PROC / pid / "stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])  # the command may hold spaces and ")"


def descendants(root: int) -> Iterator[int]:
    """Every process under ``root`` (children, grandchildren…), from one scan of /proc."""
    children: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit() and (parent := _parent(entry.name)) is not None:
            children.setdefault(parent, []).append(int(entry.name))
    stack = list(children.get(root, []))
    while stack:
        pid = stack.pop()
        yield pid
        stack.extend(children.get(pid, []))


def role(cmdline: str) -> str:
    """What a process under us is: driver, browser, gpu, renderer, zygote, network, utility…"""
    if "run-driver" in cmdline:
        return "driver"
    if "--type=utility" in cmdline and "NetworkService" in cmdline:
        return "network"
    if "--type=" not in cmdline:
        return "browser" if "chrom" in cmdline else "other"  # Playwright's shell lives in chrome-linux/
    for kind in ("gpu-process", "renderer", "zygote", "utility"):
        if f"--type={kind}" in cmdline:
            return kind.removesuffix("-process")
    return "other"


YIELDING_ROLES = frozenset({"driver", "browser", "gpu"})
NETWORK_NICE = -5  # as root only: the network service stamps every frame, ahead of the renderers


def yield_to_pages(root: int | None = None) -> int:
    """Set the bookkeeping processes under ``root`` (default: us) to nice 10; returns threads set.

    Call it once the first page is open: the GPU process and the network service only start
    then, and a process inherits the nice value of the thread that launches it, so a network
    service started later from a yielded browser would carry every chat frame at nice 10 too.
    """
    if not PROC.is_dir() or not hasattr(os, "setpriority"):
        return 0
    count = 0
    for pid in descendants(os.getpid() if root is None else root):
        try:
            cmdline = (PROC / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            threads = [int(t.name) for t in (PROC / str(pid) / "task").iterdir()]
        except OSError:
            continue  # it exited meanwhile
        kind = role(cmdline)
        if kind == "network":
            count += _set_nice(threads, NETWORK_NICE, only_if=lambda now: now > NETWORK_NICE)
        elif kind in YIELDING_ROLES:
            count += _set_nice(threads, BOOKKEEPING_NICE, only_if=lambda now: now < BOOKKEEPING_NICE)
    log.debug("browser bookkeeping set to nice %d (network service %d) on %d threads", BOOKKEEPING_NICE,
              NETWORK_NICE, count)  # fmt: skip
    return count


def _set_nice(threads: list[int], nice: int, only_if: Callable[[int], bool]) -> int:
    """Set each of ``threads`` to ``nice`` where ``only_if(its nice now)``; a thread we may not
    change (raising a priority needs root) or that exited is left as it is."""
    count = 0
    for tid in threads:
        try:
            if only_if(os.getpriority(os.PRIO_PROCESS, tid)):
                os.setpriority(os.PRIO_PROCESS, tid, nice)  # one thread on Linux
                count += 1
        except OSError:
            continue
    return count


def unboosted(executable: Path, folder: Path) -> Path:
    """``executable``, or (as root, with util-linux's ``setpriv``) a wrapper in ``folder`` that
    runs it without the capability to raise thread priorities, as for any ordinary user."""
    setpriv = shutil.which("setpriv")
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or setpriv is None:
        return executable
    wrapper = folder / "chromium-unboosted"
    wrapper.write_text(f"#!/bin/sh\nexec {shlex.quote(setpriv)} --bounding-set -sys_nice -- "
                       f"{shlex.quote(str(executable))} \"$@\"\n")  # fmt: skip
    wrapper.chmod(0o700)
    return wrapper
