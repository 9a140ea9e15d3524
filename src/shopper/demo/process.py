"""The demo platform in a process of its own, for the audits that time it.

An audit of a demo target measures the demo against the ground truth the demo writes. Run inside
the runner's process, the two shared one event loop and one interpreter lock: a reply's
ground-truth stamp waited behind the shopper's work and the shopper's stamps behind the demo's,
so the audit partly measured itself (`make demo`: p95 errors of 6-7 ms where the same desks,
served from another process, read 2-3 ms). :class:`DemoProcess` runs ``python -m
shopper.demo.process`` instead, like any platform the shopper does not own: it hands the child
its options over stdin (pickled, so the secrets it must redact never appear on a command line),
reads one line of addresses back, and stops it by closing stdin; a runner that dies closes the
pipe too, so no demo outlives it. The child's log goes to the runner's stderr.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import pickle
import sys
from typing import BinaryIO

from shopper.demo.addresses import DemoAddresses
from shopper.demo.options import DemoOptions

_LENGTH_BYTES = 8


class DemoProcess:
    """``async with DemoProcess(options) as addresses``: a demo platform in a child process."""

    def __init__(self, options: DemoOptions, *, start_timeout: float = 30.0, stop_timeout: float = 10.0) -> None:
        self.options = options
        self._start_timeout = start_timeout
        self._stop_timeout = stop_timeout
        self._child: asyncio.subprocess.Process | None = None

    async def __aenter__(self) -> DemoAddresses:
        child = self._child = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "shopper.demo.process",
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        assert child.stdin is not None and child.stdout is not None
        payload = pickle.dumps(self.options)
        try:
            child.stdin.write(len(payload).to_bytes(_LENGTH_BYTES, "big") + payload)
            await child.stdin.drain()
            line = await asyncio.wait_for(child.stdout.readline(), self._start_timeout)
        except TimeoutError:
            await self._stop(kill=True)
            raise RuntimeError(f"the demo platform did not start within {self._start_timeout:g} s") from None
        except (BrokenPipeError, ConnectionResetError):
            line = b""
        if not line:
            code = await child.wait()
            self._child = None
            raise RuntimeError(f"the demo platform exited (code {code}) before it started; its error is above")
        started = json.loads(line)
        return DemoAddresses(started["base_url"], int(started["smtp_port"]))

    async def __aexit__(self, *exc: object) -> None:
        await self._stop()

    async def _stop(self, *, kill: bool = False) -> None:
        child, self._child = self._child, None
        if child is None:
            return
        if kill:
            child.kill()
        elif child.stdin is not None:
            child.stdin.close()  # the child stops at end of input, writing its ground truth out
        try:
            await asyncio.wait_for(child.wait(), self._stop_timeout)
        except TimeoutError:
            child.kill()
            await child.wait()


def _read_options(stream: BinaryIO) -> DemoOptions:
    size = int.from_bytes(stream.read(_LENGTH_BYTES), "big")
    options = pickle.loads(stream.read(size))  # written by our own parent process
    if not isinstance(options, DemoOptions):
        raise TypeError(f"expected DemoOptions on stdin, got {type(options).__name__}")
    return options


async def _serve(options: DemoOptions, stdin: BinaryIO) -> None:
    from shopper.demo.platform import DemoPlatform

    async with DemoPlatform(options) as demo:
        sys.stdout.write(json.dumps({"base_url": demo.base_url, "smtp_port": demo.smtp_port}) + "\n")
        sys.stdout.flush()
        await asyncio.to_thread(stdin.read)  # until the parent closes the pipe


def _ahead_of_the_browsers() -> None:
    """Ask the scheduler to run the demo before the audit's browsers (needs root; else a no-op).

    A real platform answers from a machine of its own. Here it shares two cores with a Chromium
    rendering dozens of pages, and a ground-truth stamp taken when the demo finally runs is late
    by the browsers' time slice: the measurement's reference would be bent by the measurement.
    """
    with contextlib.suppress(OSError):
        os.setpriority(os.PRIO_PROCESS, 0, -10)


def main() -> None:
    _ahead_of_the_browsers()
    stdin = sys.stdin.buffer
    asyncio.run(_serve(_read_options(stdin), stdin))


if __name__ == "__main__":
    main()
