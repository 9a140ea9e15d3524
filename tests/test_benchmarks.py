"""The benchmarks say what they leave out, and count the probe's own losses against the target."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_bench_timing_counts_what_it_drops(capsys: pytest.CaptureFixture[str]) -> None:
    timing = load("bench_timing")
    ours, naive = "in-page stamps, concurrency 16", "naive wait_for, concurrency 16"
    measured = {ours: [("m1", 5.0), ("m2", 6.0), ("lost", 7.0)], naive: []}
    results = {ours: [1.0, 2.0], naive: []}
    failed = {ours: ["bench/in-pa16-0/3: ProbeError"], naive: ["bench/naive16-0/1: ProbeError"]}
    dropped = timing.report_dropped(measured, results, failed, ["in-page stamps, concurrency 1"])
    out = capsys.readouterr().out
    assert dropped == 3, "one skipped phase, one conversation that raised, one sample without truth: all ours"
    assert f"dropped phase in-page stamps, concurrency 1: skipped over the {timing.BUDGET_S:.0f} s budget" in out
    assert "dropped 1 conversation(s) of in-page stamps, concurrency 16 that raised" in out
    assert "dropped 1 sample(s) of in-page stamps, concurrency 16: no ground truth" in out
    assert "dropped phase naive wait_for, concurrency 16: no sample to measure" in out, "the baseline's are said"
    assert timing.report_dropped({ours: [("m1", 5.0)]}, {ours: [1.0]}, {}, []) == 0
