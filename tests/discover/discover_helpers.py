"""Helpers of the discover tests: the real CLI, and what a run of the proposed audit captured."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from shopper.results import ConversationResult, read_results

ROOT = Path(__file__).resolve().parents[2]


def shopper(*args: str, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "shopper", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)  # fmt: skip


@dataclass
class Discovered:
    process: subprocess.CompletedProcess[str]
    audit: Path

    @property
    def target(self) -> dict[str, Any]:
        data = yaml.safe_load(self.audit.read_text(encoding="utf-8"))
        target: dict[str, Any] = data["targets"][0]
        return target

    @property
    def selectors(self) -> dict[str, Any]:
        found: dict[str, Any] = self.target["chat"]["selectors"]
        return found


def discover(url: str, project: Path, *extra: str, timeout: float = 300) -> Discovered:
    """``shopper discover URL --out <project>/audits/discovered.yaml``, run in ``project``."""
    audit = project / "audits" / "discovered.yaml"
    process = shopper("discover", url, "--out", str(audit), *extra, cwd=project, timeout=timeout)
    return Discovered(process, audit)


def run_unedited(audit: Path, project: Path) -> list[ConversationResult]:
    """``shopper run`` the proposed file as it is; the results of the run."""
    out = project / "run"
    process = shopper("run", str(audit), "--out", str(out), "--quiet", cwd=project, timeout=600)
    assert process.returncode in (0, 1), f"shopper run failed ({process.returncode}): {process.stderr[-2000:]}"
    return list(read_results(out / "results.jsonl"))


def agent_texts(results: list[ConversationResult]) -> list[str]:
    return [t.text for r in results for t in r.turns if t.role == "agent"]


def shopper_texts(results: list[ConversationResult]) -> list[str]:
    return [t.text for r in results for t in r.turns if t.role == "shopper"]


def png(path: Path) -> bool:
    return path.is_file() and path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


__all__ = ["Discovered", "agent_texts", "discover", "png", "run_unedited", "shopper", "shopper_texts"]
