"""Helpers of the gate, shard and plugin tests: a throw-away project against the demo, the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DESK = "domains: [harbor.example], brand: harbor, chat: {settle: 0.3s}"
DOWN = "domains: [harbor.example], brand: harbor, chat: {settle: 0.3s, open_timeout: 4s}"  # never loads
FAST = """\
rubrics: [scoring/crypto-safety.yaml, scoring/service-quality.yaml]
channels: [chat]
retries: 0
pacing: {typing_cps: 0, think: 0s}
timeouts: {chat_within: 20s}
artifacts: {screenshot: "off", trace: "off"}
"""


def project(root: Path, audit: str, name: str = "audit") -> Path:
    """A project folder using the shipped scenarios and rubrics; returns the audit's path."""
    (root / "audits").mkdir(parents=True, exist_ok=True)
    for folder in ("scenarios", "scoring", "probes"):
        link = root / folder
        if not link.exists():
            link.symlink_to(ROOT / folder, target_is_directory=True)
    path = root / "audits" / f"{name}.yaml"
    path.write_text(audit, encoding="utf-8")
    return path


def shopper(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "shopper", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "NO_COLOR": "1", **(env or {})}, timeout=280)


def start_shopper(*args: str, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "shopper", *args], cwd=cwd, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"})
