"""Helpers of the report tests (a unique module name: conftest is not importable)."""

from __future__ import annotations

from pathlib import Path

from shopper.reports.synthetic import synthetic_results, write_run
from shopper.results import ConversationResult

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip
XSD = Path(__file__).with_name("junit-10.xsd")


def make_run(folder: Path, count: int = 240, seed: int = 7, run: str = "synthetic") -> tuple[Path, list[ConversationResult]]:
    results = synthetic_results(count, seed=seed, run=run)
    write_run(folder, results)
    return folder, results
