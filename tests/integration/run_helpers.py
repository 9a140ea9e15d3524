"""Helpers of the end-to-end tests: a throw-away audit project and the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from shopper.results import ConversationResult, read_results

ROOT = Path(__file__).resolve().parents[2]


def write_audit(project: Path, body: str, name: str = "audit") -> Path:
    (project / "audits").mkdir(parents=True, exist_ok=True)
    path = project / "audits" / f"{name}.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def shopper(*args: str, cwd: Path | None = None, timeout: float = 600,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:  # fmt: skip
    env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "shopper", *args], cwd=cwd or ROOT, env=env, capture_output=True, text=True,
        timeout=timeout,
    )


def results(run_dir: Path) -> dict[str, ConversationResult]:
    return {r.key: r for r in read_results(run_dir / "results.jsonl")}


def ground_truth(run_dir: Path, target: str) -> list[dict[str, Any]]:
    path = run_dir / "artifacts" / f"demo-{target}.truth.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
