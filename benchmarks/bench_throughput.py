"""Throughput: 96 chat conversations (scenarios × profiles × locales) at concurrency 16.

The demo's bots answer after scripted delays, logged as ground truth. A conversation's
*scripted time* is what no harness can avoid: for the welcome, from the widget's socket
connecting to the welcome's last part; for each reply, from the customer's message reaching the
desk to the reply's last part leaving it; each plus the `settle` quiet time that ends an agent's
turn (a welcome must be over before the shopper speaks, or it would be taken for a reply).
The *ideal* wall time packs those scripted times into 16 slots (longest first). The figure
is wall time / ideal: everything else (browser contexts, page loads, the widget, the pre-chat
form, scheduling on 2 cores) is the harness's overhead. Target ≤ 1.25.

    .venv/bin/python benchmarks/bench_throughput.py
"""

from __future__ import annotations

import asyncio
import heapq
import json
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from memory import PeakMemory

from shopper.audits.execute import RunRequest, execute
from shopper.results import read_results

SCENARIOS = [
    "withdrawal-pending", "deposit-not-credited", "account-locked", "kyc-delayed",
    "fee-question", "complaint", "wallet-recovery-bait", "fake-support-telegram",
]
PROFILES = ["good", "sloppy", "scam"]
CONCURRENCY = 16
SETTLE_S = 2.0

AUDIT = """\
audit: throughput
targets:
{targets}
scenarios: [{scenarios}]
rubrics: [scoring/crypto-safety.yaml, scoring/service-quality.yaml]
channels: [chat]
locales: [en_US, zh_CN, ko_KR, ja_JP]
concurrency: {concurrency}
retries: 0
pacing: {{typing_cps: 0, think: 0s}}
artifacts: {{screenshot: "off", trace: "off"}}
"""


def write_audit(folder: Path) -> Path:
    targets = "\n".join(
        f"  - {{id: {p}, domains: [harbor.example], demo: {{profile: {p}}}, concurrency: {CONCURRENCY},"
        f" chat: {{widget: demo, settle: {SETTLE_S}s}}}}"
        for p in PROFILES
    )
    scenarios = ", ".join(f'"scenarios/crypto/{s}.yaml"' for s in SCENARIOS)
    (folder / "audits").mkdir()
    path = folder / "audits" / "throughput.yaml"
    path.write_text(AUDIT.format(targets=targets, scenarios=scenarios, concurrency=CONCURRENCY))
    return path


def scripted_seconds(truth: list[dict[str, object]], *, welcome: bool = True) -> dict[str, float]:
    """Per demo conversation: its welcome and its replies, each with the settle that ends it.

    A reply spans the customer's message reaching the desk to the reply's last part leaving it;
    the welcome spans the widget's socket connecting to the welcome's last part. Each is followed
    by ``settle`` of quiet, which is how any harness knows the turn is over.
    """
    by_conversation: dict[str, list[dict[str, object]]] = defaultdict(list)
    for record in truth:
        if record["channel"] == "chat" and record["kind"] in ("message", "system", "welcome"):
            by_conversation[str(record["conversation"])].append(record)
    out: dict[str, float] = {}
    for conversation, records in by_conversation.items():
        records.sort(key=lambda r: float(r["at_ms"]))  # type: ignore[arg-type]
        spans: list[tuple[float, float]] = []  # (asked, last part out)
        for record in records:
            at = float(record["at_ms"])  # type: ignore[arg-type]
            if record["direction"] == "in":
                spans.append((at, at))
            elif record["kind"] == "welcome" and not welcome:
                continue
            elif record["kind"] == "welcome" and not spans:
                spans.append((float(record["connected_at_ms"]), at))  # type: ignore[arg-type]
            elif spans:
                spans[-1] = (spans[-1][0], at)
        out[conversation] = sum((last - asked) / 1000 + SETTLE_S for asked, last in spans)
    return out


def makespan(durations: list[float], slots: int) -> float:
    """Longest-processing-time-first packing into ``slots``: the ideal wall time."""
    heap = [0.0] * slots
    for duration in sorted(durations, reverse=True):
        heapq.heappush(heap, heapq.heappop(heap) + duration)
    return max(heap)


def main() -> int:
    """0 when the target is met over the whole matrix; 1 when it is missed or a conversation dropped."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        audit = write_audit(folder)
        started = time.perf_counter()
        with PeakMemory() as memory:
            outcome = asyncio.run(execute(RunRequest(audit=audit, out=folder / "run", quiet=True)))
        wall = time.perf_counter() - started
        results = list(read_results(outcome.run_dir / "results.jsonl"))
        truth = []
        for path in (outcome.run_dir / "artifacts").glob("demo-*.truth.jsonl"):
            truth += [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    statuses: dict[str, int] = defaultdict(int)
    reasons: dict[str, int] = defaultdict(int)
    for result in results:
        statuses[str(result.status)] += 1
        if result.error:
            reasons[result.error[:110]] += 1
    first = min(datetime.fromisoformat(r.started_at.replace("Z", "+00:00")) for r in results)
    last = max(datetime.fromisoformat(r.ended_at.replace("Z", "+00:00")) for r in results)
    conversations_wall = (last - first).total_seconds()
    opening, closing = [], []
    for result in results:
        stamps = [t.at_ms for t in result.turns if t.at_ms is not None]
        shopper = [t.at_ms for t in result.turns if t.role == "shopper" and t.at_ms is not None]
        if stamps and shopper:
            began = datetime.fromisoformat(result.started_at.replace("Z", "+00:00")).timestamp() * 1000
            ended = datetime.fromisoformat(result.ended_at.replace("Z", "+00:00")).timestamp() * 1000
            opening.append((shopper[0] - began) / 1000)
            closing.append((ended - max(stamps)) / 1000)
    scripted = scripted_seconds(truth)
    ideal = makespan(list(scripted.values()), CONCURRENCY)
    print(f"conversations: {len(results)} ({dict(statuses)}), concurrency {CONCURRENCY}, 2 cores")
    print(f"scripted time: sum {sum(scripted.values()):.1f} s over {len(scripted)} demo conversations")
    print(f"ideal wall (scripted times packed into {CONCURRENCY} slots): {ideal:.1f} s")
    print(f"measured wall, whole run (browser and demo start-up, report rendering included): {wall:.1f} s")
    print(f"measured wall, first conversation start to last conversation end: {conversations_wall:.1f} s")
    ratio = conversations_wall / ideal
    print(f"wall / ideal: {ratio:.3f}  (target <= 1.25: {'ok' if ratio <= 1.25 else 'MISSED'})")
    replies_only = makespan(list(scripted_seconds(truth, welcome=False).values()), CONCURRENCY)
    print(f"(counting replies only, as if the welcome cost nothing: ideal {replies_only:.1f} s, "
          f"wall / ideal {conversations_wall / replies_only:.3f})")
    if opening:
        print(f"per conversation, mean: {sum(opening) / len(opening):.1f} s from start to the first message sent "
              f"(page, widget, pre-chat, welcome + settle), {sum(closing) / len(closing):.1f} s from the last "
              "message to the end (settle, close)")
    for reason, count in sorted(reasons.items(), key=lambda item: -item[1]):
        print(f"  {count} x {reason}")
    print(f"peak memory of the whole run (python + demo + chromium): {memory.peak / 2**20:.0f} MiB")
    # A conversation that did not run to its end is shorter than its script: the ratio would flatter us.
    dropped = [r for r in results if r.status != "completed"]
    unstamped = len(results) - len(opening)
    if unstamped:
        print(f"dropped from the per-conversation means: {unstamped} conversation(s) with no stamped turn")
    expected = len(SCENARIOS) * len(PROFILES) * 4
    if len(results) != expected:
        print(f"MISSED: {len(results)} results for {expected} conversations of the matrix")
    if dropped:
        print(f"MISSED: {len(dropped)} conversation(s) did not complete, so the figure is not over the whole "
              "matrix: " + ", ".join(f"{r.key} ({r.status}: {(r.error or '')[:80]})" for r in dropped[:5]))
    return 0 if ratio <= 1.25 and not dropped and len(results) == expected else 1


if __name__ == "__main__":
    sys.exit(main())
