"""The api channel: timing against ground truth, and 1,000 conversations at concurrency 64.

The demo platform runs in its own process (a bot server is another program) and logs, for each
message, when it received or sent it and the scripted delay it waited before answering. shopper
runs an audit whose targets reach the demo's bots through their APIs only, with no browser.

* **Side by side**: four demo profiles held through their widget and their Direct Line API in one
  run, as the demo audit holds them. For every agent reply, |shopper's latency − the demo's| (the
  demo's from the customer's message reaching it to the reply leaving it; the first chunk for a
  stream), p50 and p95 per channel. Target p95 ≤ 5 ms for both.
* **Timing under load**: the same error per protocol at concurrency 64 (reported, no target).
* **Throughput**: 1,000 Direct Line conversations at concurrency 64. A conversation's scripted
  time is the bot's scripted delays plus the settle time that ends its turn; the *ideal* packs
  those into 64 slots in the order the runner starts them, after the audit's ramp-up (the first
  64 start spread over 2 s). Target: wall / ideal ≤ 1.1, over the
  conversations (first start to last end), and the whole run's wall and peak memory printed.

    .venv/bin/python benchmarks/bench_api.py [--conversations 1000] [--concurrency 64]
"""

from __future__ import annotations

import argparse
import asyncio
import heapq
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from memory import PeakMemory

from shopper.audits.execute import RunRequest, execute
from shopper.results import ConversationResult, read_results

ROOT = Path(__file__).resolve().parents[1]
SPEED = 0.25  # the demo's scripted delays, scaled: ~1.2 s of bot time per conversation
SETTLE_S = 0.5
RAMP_UP_S = 2.0  # the first wave's starts, spread (the audit's `ramp_up`): part of the ideal
TIMING_P95_MS = 5.0
WALL_RATIO = 1.1
PROTOCOLS = {  # target id -> the api settings (the URL is filled in once the demo is up)
    "directline": {"protocol": "directline", "secret": "bench"},
    "rasa-socketio": {"protocol": "rasa-socketio", "socketio_path": "good/socket.io"},
    "openai": {"protocol": "openai", "model": "bench", "stream": True},
    "rasa-rest": {"protocol": "rasa-rest"},
}
PATHS = {"directline": "/good/v3/directline", "rasa-socketio": "", "openai": "/good/v1",
         "rasa-rest": "/good/webhooks/rest/webhook"}  # fmt: skip

SCENARIO = """\
scenario: bench-one-question
title: One question about a pending withdrawal
channels: [chat]
script:
  - say: "Hi, my BTC withdrawal has been pending for 6 hours and there is no TXID. Is something wrong?"
"""

AUDIT = """\
audit: bench-api
targets:
{targets}
scenarios: ["scenarios/bench.yaml"]
rubrics: {rubrics}
channels: [api]
locales: [en_US]
repeat: {repeat}
concurrency: {concurrency}
ramp_up: {ramp}s
retries: 0
pacing: {{typing_cps: 0, think: 0s}}
timeouts: {{chat_within: 30s}}
"""


def start_demo(truth: Path, speed: float = SPEED) -> tuple[subprocess.Popen[str], str]:
    demo = subprocess.Popen(
        [sys.executable, "-m", "shopper", "demo", "--speed", str(speed), "--ground-truth", str(truth)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    assert demo.stdout is not None
    line = demo.stdout.readline()
    found = re.search(r"(http://127\.0\.0\.1:\d+)", line)
    if not found:
        demo.kill()
        raise SystemExit(f"the demo did not start: {line!r}")
    return demo, found.group(1)


def write_project(folder: Path, base: str, protocols: list[str], repeat: int, concurrency: int) -> Path:
    (folder / "audits").mkdir(parents=True)
    (folder / "scenarios").mkdir()
    (folder / "scenarios" / "bench.yaml").write_text(SCENARIO, encoding="utf-8")
    for name in ("crypto-safety.yaml", "service-quality.yaml"):
        (folder / "scoring").mkdir(exist_ok=True)
        (folder / "scoring" / name).write_text((ROOT / "scoring" / name).read_text(encoding="utf-8"), encoding="utf-8")
    targets = []
    for protocol in protocols:
        api = {**PROTOCOLS[protocol], "url": base + PATHS[protocol]}
        api["settle"] = f"{SETTLE_S}s"
        targets.append(f"  - {{id: {protocol}, domains: [harbor.example], concurrency: {concurrency}, "
                       f"api: {json.dumps(api)}}}")  # fmt: skip
    audit = folder / "audits" / "bench.yaml"
    rubrics = os.environ.get("BENCH_RUBRICS", "[scoring/crypto-safety.yaml, scoring/service-quality.yaml]")
    audit.write_text(AUDIT.format(targets="\n".join(targets), repeat=repeat, concurrency=concurrency,
                                  rubrics=rubrics, ramp=RAMP_UP_S), encoding="utf-8")  # fmt: skip
    return audit


SIDE_BY_SIDE = """\
audit: bench-side-by-side
targets:
{targets}
scenarios: ["scenarios/crypto/withdrawal-pending.yaml", "scenarios/crypto/wallet-recovery-bait.yaml"]
rubrics: [scoring/crypto-safety.yaml, scoring/service-quality.yaml]
channels: [chat, api]
locales: [en_US, zh_CN]
concurrency: 8
retries: 0
pacing: {{typing_cps: 40, think: 0.5s}}
artifacts: {{screenshot: "off", trace: "off"}}
timeouts: {{chat_within: 60s}}
"""
SIDE_PROFILES = ("good", "sloppy", "scam", "smooth-scam")


def side_by_side() -> dict[str, list[float]]:
    """Each profile through its widget and through its API (Direct Line) in one run, as the demo
    audit holds them; the demo in its own process, like any platform; |error| per channel."""
    errors: dict[str, list[float]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        truth_path = Path(tmp) / "truth.jsonl"
        demo, base = start_demo(truth_path, speed=0.5)
        try:
            targets = "\n".join(
                f"  - {{id: {p}, domains: [harbor.example], concurrency: 8, "
                f"chat: {{url: '{base}/{p}/', widget: demo, settle: 1s}}, "
                f"api: {{protocol: directline, url: '{base}/{p}/v3/directline', secret: bench, settle: 1s}}}}"
                for p in SIDE_PROFILES
            )  # fmt: skip
            audit = Path(tmp) / "audits" / "side.yaml"
            audit.parent.mkdir()
            audit.write_text(SIDE_BY_SIDE.format(targets=targets), encoding="utf-8")
            for folder in ("scenarios", "scoring"):
                (Path(tmp) / folder).symlink_to(ROOT / folder)
            outcome = asyncio.run(execute(RunRequest(audit=audit, out=Path(tmp) / "run", quiet=True)))
            results = list(read_results(outcome.run_dir / "results.jsonl"))
        finally:
            demo.terminate()
            demo.wait(10)
        records = by_conversation(truth_path)
        for result in results:
            errors[result.channel] += _errors(result, records)
    return errors


def by_conversation(truth: Path) -> dict[str, list[dict[str, Any]]]:
    """A ground-truth file's records, grouped by the demo's conversation id."""
    records: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in truth.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            records[record["conversation"]].append(record)
    return records


DROPPED: dict[str, int] = defaultdict(int)  # why replies were left out of the figures, counted


def errors_of_run(run_dir: Path) -> dict[str, list[float]]:
    """|error| per channel of a finished run of demo targets (``make demo``'s), from the ground
    truth each demo target wrote into the run's artifacts."""
    errors: dict[str, list[float]] = defaultdict(list)
    results = list(read_results(run_dir / "results.jsonl"))
    for path in sorted((run_dir / "artifacts").glob("demo-*.truth.jsonl")):
        target = path.name.removeprefix("demo-").removesuffix(".truth.jsonl")
        records = by_conversation(path)
        for result in results:
            if result.target == target and result.channel in ("chat", "api"):
                errors[result.channel] += _errors(result, records)
    return errors


def _errors(result: ConversationResult, records: dict[str, list[dict[str, Any]]]) -> list[float]:
    replies = [t for t in result.turns if t.role == "agent" and t.kind == "message"]
    conversation = _truth_conversation(result, records)
    if conversation is None:
        DROPPED["the demo's ground truth does not know the conversation"] += len(replies)
        return []
    received = [r for r in records[conversation] if r["direction"] == "in"]
    outs = [r for r in records[conversation] if r["direction"] == "out" and r["kind"] == "message"]
    if len(outs) != len(replies):
        DROPPED["the transcript and the ground truth hold different numbers of replies"] += abs(len(outs) - len(replies))
    found = []
    for turn, out in zip(replies, outs, strict=False):
        answered = [r for r in received if r["at_ms"] <= out["at_ms"]]
        if not answered or turn.latency_ms is None:
            DROPPED["a reply with no customer message before it in the ground truth"] += 1
            continue
        truth_latency = out.get("first_chunk_at_ms", out["at_ms"]) - answered[-1]["at_ms"]
        found.append(abs(turn.latency_ms - truth_latency))
    return found


def timing_errors(results: list[ConversationResult], truth: list[dict[str, Any]]) -> dict[str, list[float]]:
    """|shopper latency − demo latency| of every agent reply, per protocol."""
    by_text: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in truth:
        by_text[record["conversation"]].append(record)
    errors: dict[str, list[float]] = defaultdict(list)
    for result in results:
        errors[result.target] += _errors(result, by_text)
    return errors


def _truth_conversation(result: ConversationResult, records: dict[str, list[dict[str, Any]]]) -> str | None:
    """The demo's id of a conversation: Direct Line gives it; the others are named after the sender."""
    cid = next((t.meta.get("conversation_id") for t in result.turns if t.meta.get("conversation_id")), None)
    if cid is None:
        return None
    profile = "good" if result.channel == "api" and result.target in PROTOCOLS else result.target
    for candidate in (cid, f"rasa-{profile}-{cid}", f"oa-{profile}-{cid}"):
        if candidate in records:
            return candidate
    return None


def ideal_wall_s(results: list[ConversationResult], truth: list[dict[str, Any]], slots: int) -> float:
    """Scripted time per conversation (the bot's scripted delays, each turn's settle; a welcome
    is waited out before the shopper speaks), packed into ``slots`` in the order the runner
    started them."""
    scripted: dict[str, float] = defaultdict(float)
    for record in truth:
        if record["direction"] == "out" and record.get("scripted_delay_ms") is not None:
            scripted[record["conversation"]] += record["scripted_delay_ms"] / 1000
        if record["kind"] == "welcome" and record.get("scripted_delay_ms"):
            scripted[record["conversation"]] += SETTLE_S  # the quiet that ends a welcome
    per_result = []
    by_conversation: dict[str, list[dict[str, Any]]] = {c: [] for c in scripted}
    for result in sorted(results, key=lambda r: r.started_at):
        conversation = _truth_conversation(result, by_conversation)
        per_result.append(scripted.get(conversation or "", 0.0) + SETTLE_S)
    free = [RAMP_UP_S * index / slots for index in range(slots)]  # the ramp-up is scripted too
    heapq.heapify(free)
    for duration in per_result:
        heapq.heappush(free, heapq.heappop(free) + duration)
    return max(free)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def run(protocols: list[str], repeat: int, concurrency: int) -> tuple[list[ConversationResult], list[dict[str, Any]], float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        truth_path = folder / "truth.jsonl"
        demo, base = start_demo(truth_path)
        try:
            audit = write_project(folder / "project", base, protocols, repeat, concurrency)
            with PeakMemory() as memory:
                started = time.perf_counter()
                outcome = asyncio.run(execute(RunRequest(audit=audit, out=folder / "run", quiet=True)))
                wall = time.perf_counter() - started
            results = list(read_results(outcome.run_dir / "results.jsonl"))
        finally:
            demo.terminate()
            demo.wait(10)
        truth = [json.loads(line) for line in truth_path.read_text(encoding="utf-8").splitlines() if line.strip()]
        return results, truth, wall, memory.peak


def side_by_side_figures(errors: dict[str, list[float]]) -> bool:
    ok = set(errors) >= {"chat", "api"}
    for channel, found in sorted(errors.items()):
        p50, p95 = statistics.median(found), percentile(found, 95)
        verdict = "ok" if p95 <= TIMING_P95_MS else "FAIL"
        ok &= verdict == "ok"
        print(f"  {channel:5} |error| p50 {p50:5.2f} ms  p95 {p95:5.2f} ms  over {len(found)} replies "
              f"(target p95 ≤ {TIMING_P95_MS:g} ms) {verdict}")  # fmt: skip
    for why, count in sorted(DROPPED.items()):
        print(f"  dropped {count} repl(ies): {why}")
        ok = False  # a reply the benchmark cannot check counts against it
    DROPPED.clear()
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--from-run", type=Path, metavar="RUN_DIR",
                        help="only the side-by-side figures, of a finished demo run (make demo's)")  # fmt: skip
    args = parser.parse_args()
    ok = True
    if args.from_run is not None:
        print(f"side by side: the demo run {args.from_run}")
        return 0 if side_by_side_figures(errors_of_run(args.from_run)) else 1

    print("side by side: 4 demo profiles × 2 scenarios × 2 locales, through the widget and the API")
    ok &= side_by_side_figures(side_by_side())

    print(f"timing: 64 conversations per protocol at concurrency {args.concurrency}, demo in its own process")
    results, truth, _, _ = run([p for p in PROTOCOLS if p != "directline"], 64, args.concurrency)
    errors = timing_errors(results, truth)
    print(f"throughput: {args.conversations} Direct Line conversations at concurrency {args.concurrency}")
    big, big_truth, whole_wall, peak = run(["directline"], args.conversations, args.concurrency)
    errors.update(timing_errors(big, big_truth))
    for protocol in PROTOCOLS:  # no target at this load: 64 at once on 2 cores, the demo beside them
        found = errors.get(protocol, [])
        if not found:
            print(f"  {protocol:14} no reply measured: FAIL")
            ok = False
            continue
        p50, p95 = statistics.median(found), percentile(found, 95)
        print(f"  {protocol:14} |error| p50 {p50:5.2f} ms  p95 {p95:5.2f} ms  max {max(found):6.2f} ms "
              f"over {len(found)} replies (at concurrency {args.concurrency}: reported, no target)")  # fmt: skip
    statuses: dict[str, int] = defaultdict(int)
    for result in big + results:
        statuses[result.status] += 1
    print("  statuses: " + ", ".join(f"{n} {s}" for s, n in sorted(statuses.items())))
    if len(big) != args.conversations or any(r.status != "completed" for r in big):
        print("  FAIL: not every throughput conversation completed")
        ok = False
    first = min(datetime.fromisoformat(r.started_at) for r in big)
    last = max(datetime.fromisoformat(r.ended_at) for r in big)
    wall = (last - first).total_seconds()
    ideal = ideal_wall_s(big, big_truth, args.concurrency)
    ratio = wall / ideal
    verdict = "ok" if ratio <= WALL_RATIO else "FAIL"
    ok &= verdict == "ok"
    print(f"  wall {wall:.2f} s (conversations) / ideal {ideal:.2f} s = {ratio:.3f} "
          f"(target ≤ {WALL_RATIO:g}) {verdict}; whole run {whole_wall:.2f} s with scoring and reports")  # fmt: skip
    print(f"  peak memory (PSS, shopper and its children) {peak / 2**20:.0f} MiB, "
          f"{peak / 2**20 / args.concurrency:.1f} MiB per concurrent conversation")  # fmt: skip
    for why, count in sorted(DROPPED.items()):
        print(f"  dropped {count} repl(ies): {why}")
        ok = False  # a reply the benchmark cannot check counts against it
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
