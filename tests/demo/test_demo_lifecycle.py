"""The platform binds loopback only, starts fast, stops cleanly; `shopper demo` serves it."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from shopper.demo import PROFILES, DemoOptions, RunningDemo
from shopper.demo.addresses import DemoAddresses
from shopper.demo.process import DemoProcess


def listening_sockets() -> dict[int, str]:
    """Port -> local address of every TCP socket in LISTEN state (from /proc/net)."""
    found: dict[int, str] = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        path = Path(table)
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            address, port = fields[1].split(":")
            if fields[3] == "0A":
                found[int(port, 16)] = address
    return found


def refused(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def test_binds_loopback_starts_fast_and_stops_cleanly(tmp_path: Path) -> None:
    threads_before = set(threading.enumerate())
    started = time.monotonic()
    demo = RunningDemo(DemoOptions(ground_truth=tmp_path / "truth.jsonl")).start()
    try:
        with urllib.request.urlopen(demo.site_url("good"), timeout=5) as response:
            assert response.status == 200
        assert time.monotonic() - started < 2.0
        http_port = int(demo.base_url.rsplit(":", 1)[1])
        ports = {http_port, demo.smtp_port}
        listening = listening_sockets()
        assert {listening[p] for p in ports} == {"0100007F"}, "127.0.0.1 only"
        assert demo.base_url.startswith("http://127.0.0.1:") and demo.smtp_host == "127.0.0.1"
    finally:
        demo.stop()
    assert all(refused(port) for port in ports)
    assert set(threading.enumerate()) == threads_before
    assert (tmp_path / "truth.jsonl").exists()


def test_cli_serves_until_sigterm() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "shopper", "demo", "--speed", "0.01", "--seed", "3"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(len(PROFILES) + 3)]  # banner, profiles, APIs, smtp
        urls = re.findall(r"http://127\.0\.0\.1:\d+/good/", "".join(lines))
        assert urls, lines
        assert re.search(r"Direct Line http://127\.0\.0\.1:\d+/good/v3/directline", "".join(lines))
        assert re.search(r"smtp://127\.0\.0\.1:\d+", "".join(lines))
        with urllib.request.urlopen(urls[0], timeout=5) as response:
            assert b"chat-launcher" in response.read()
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def test_an_audits_demo_runs_in_its_own_process_and_stops_with_its_input_closed(tmp_path: Path) -> None:
    """The runner's demo platform is another process (its stamps do not wait on the shopper's
    loop), gives its secrets to that process without a command line, and is gone when stopped."""
    truth = tmp_path / "truth.jsonl"
    secret = "seed-words-stay-out-7c1"

    async def hold() -> tuple[DemoAddresses, int, str, list[str]]:
        demo = DemoProcess(DemoOptions(ground_truth=truth, redact=frozenset({secret})))
        async with demo as addresses:
            assert demo._child is not None
            pid = demo._child.pid
            command = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
            page = await asyncio.to_thread(_fetch, addresses.site_url("good"))
            assert int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1]) == os.getpid()
        return addresses, pid, page, command

    addresses, pid, page, command = asyncio.run(hold())
    assert "chat-launcher" in page
    assert addresses.api_url("good", "directline") == f"{addresses.base_url}/good/v3/directline"
    assert not any(secret in part for part in command)
    assert not Path(f"/proc/{pid}").exists(), "the child exited and was reaped"
    assert refused(int(addresses.base_url.rsplit(":", 1)[1])) and refused(addresses.smtp_port)
    assert truth.exists(), "the child wrote its ground truth out before it stopped"


def test_a_demo_that_cannot_start_says_so_in_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]

        async def start() -> None:
            async with DemoProcess(DemoOptions(http_port=port)):
                pass

        with pytest.raises(RuntimeError, match=r"the demo platform exited \(code 1\) before it started"):
            asyncio.run(start())


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode()
