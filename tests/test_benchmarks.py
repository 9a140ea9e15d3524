"""The benchmarks say what they leave out, and count the probe's own losses against the target."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

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


def test_bench_throughput_ideal_comes_from_the_script_not_from_the_stamps() -> None:
    sys.path.insert(0, str(BENCHMARKS))  # bench_throughput imports its neighbour memory.py
    throughput = load("bench_throughput")
    settle = throughput.SETTLE_S

    def out(conv: str, at: float, scripted: float, kind: str = "message") -> dict[str, object]:
        return {"channel": "chat", "direction": "out", "kind": kind, "conversation": conv, "at_ms": at,
                "scripted_delay_ms": scripted, "connected_at_ms": 0.0}  # fmt: skip

    def said(conv: str, at: float) -> dict[str, object]:
        return {"channel": "chat", "direction": "in", "kind": "message", "conversation": conv, "at_ms": at}

    # the stamps (at_ms) are deliberately late: a harness-induced delay must not enter the ideal
    truth = [out("a", 9_000, 500, "welcome"), said("a", 10_000), out("a", 15_000, 1200), out("a", 19_000, 800),
             out("b", 2_000, 300, "welcome"), said("b", 3_000), out("b", 9_000, 700)]  # fmt: skip
    scripted = throughput.scripted_seconds(truth)
    assert scripted == pytest.approx({"a": 0.5 + 1.2 + 0.8 + 2 * settle, "b": 0.3 + 0.7 + 2 * settle})
    replies = throughput.scripted_seconds(truth, welcome=False)
    assert replies == pytest.approx({"a": 1.2 + 0.8 + settle, "b": 0.7 + settle})
    assert throughput.makespan([3, 3, 3, 4, 5], 2) == 10  # longest first: 5+3 | 4+3+3
    assert throughput.list_schedule([3, 3, 3, 4, 5], 2) == 11  # in the order given: 3+3+5 | 3+4
    assert throughput.in_start_order(truth, scripted) == [scripted["b"], scripted["a"]]  # b reached the desk first


def test_bench_widgets_counts_what_it_drops(capsys: pytest.CaptureFixture[str]) -> None:
    sys.path.insert(0, str(BENCHMARKS.parent / "tests" / "widgets"))
    widgets = load("bench_widgets")
    from widget_conversation import Conversation

    from shopper.results import Turn

    def conversation(widget: str, shown: list[tuple[str, float, float | None]], answers: list[tuple[str, float]]) -> Any:
        turns = [Turn(role="agent", text=text, at_ms=at, tap_gap_ms=gap, meta={"stamped": "network"})
                 for text, at, gap in shown]  # fmt: skip
        truth = [{"direction": "out", "text": text, "at_ms": at} for text, at in answers]
        return Conversation(widget, [], [], [turns], truth)

    good = conversation("deep-chat", [("a", 1003.0, 1.0), ("b", 2004.0, -2.0)], [("a", 1000.0), ("b", 2000.0)])
    assert widgets.report(["deep-chat"], {"deep-chat": [good]}, {"deep-chat": []}, {"deep-chat"}) is True
    lost = conversation("n8n-chat", [("a", 1002.0, None)], [("a", 1000.0), ("never shown", 1500.0)])
    untapped = conversation("deep-chat", [("a", 1002.0, None)], [("a", 1000.0)])
    slow = conversation("flowise-embed", [("a", 1030.0, None)], [("a", 1000.0)])
    ok = widgets.report(
        ["n8n-chat", "deep-chat", "flowise-embed", "rasa-webchat"],
        {"n8n-chat": [lost], "deep-chat": [untapped], "flowise-embed": [slow], "rasa-webchat": []},
        {"n8n-chat": [], "deep-chat": [], "flowise-embed": [], "rasa-webchat": ["round 0: TransientError: x"]},
        {"deep-chat"},
    )
    out = capsys.readouterr().out
    assert ok is False
    assert "dropped 1 answer(s) of n8n-chat: not in the transcript (first: 'never shown')" in out
    assert "dropped the tap figure of deep-chat: no turn had both a tap and a DOM stamp" in out
    assert "flowise-embed   stamp error" in out and "MISSED (target p95 <= 10 ms)" in out
    assert "dropped 1 conversation of rasa-webchat: it raised (round 0: TransientError: x)" in out
    assert "dropped rasa-webchat: no stamp sample to measure" in out
