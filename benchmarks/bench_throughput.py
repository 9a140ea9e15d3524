"""Throughput: 96 chat conversations (scenarios × profiles × locales) at concurrency 16.

The *ideal* wall time comes from the script, never from measured stamps: each demo message is
logged with the delay the bot was scripted to wait before it (``scripted_delay_ms``), and the
probe's own rules add ``settle`` of quiet after the welcome and after every reply (that is how
any harness knows a turn is over); the audit's pacing adds nothing here (``typing_cps: 0,
think: 0s``). A conversation's scripted time is the sum of those; the ideal packs the
conversations' scripted times into 16 slots (longest first). Everything else (browser
contexts, page loads, the widget, the pre-chat form, scheduling on 2 cores, the harness being
late to notice a message) is overhead, counted against the harness.

Two runs of the same matrix: the demo's own light widget, and a mix in which one desk in three
serves the heavy widget (``demo.heavy``: a ~1 MB bundle and ~3,600 extra elements, what a
React-sized widget costs a browser). Each prints the wall of the conversations against the ideal
(target ≤ 1.15), the whole run's wall, and the peak PSS of the whole process tree (python, the
Playwright driver, Chromium's browser, GPU, utility and renderer processes) per concurrent
conversation (target ≤ 60 MiB), with the per-process breakdown at the peak; the demo platform's
own process (it stands in for a remote platform) is left out, and the output says how much.
Exit 1 names each missed figure.

    .venv/bin/python benchmarks/bench_throughput.py [--mix light|heavy|both]
"""

from __future__ import annotations

import argparse
import asyncio
import heapq
import json
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from memory import PeakMemory

from shopper.audits.execute import RunRequest, execute
from shopper.results import ConversationResult, read_results

SCENARIOS = [
    "withdrawal-pending", "deposit-not-credited", "account-locked", "kyc-delayed",
    "fee-question", "complaint", "wallet-recovery-bait", "fake-support-telegram",
]
PROFILES = ["good", "sloppy", "scam"]
LOCALES = ["en_US", "zh_CN", "ko_KR", "ja_JP"]
HEAVY_PROFILES = {"light": (), "heavy": ("good",)}  # which desks serve the heavy widget, per mix
CONCURRENCY = 16
SETTLE_S = 2.0
WALL_TARGET = 1.15  # conversations' wall / ideal
MIB_PER_CONVERSATION_TARGET = 60.0  # peak PSS of the whole tree / concurrency

AUDIT = """\
audit: throughput
targets:
{targets}
scenarios: [{scenarios}]
rubrics: [scoring/crypto-safety.yaml, scoring/service-quality.yaml]
channels: [chat]
locales: [{locales}]
concurrency: {concurrency}
retries: 0
pacing: {{typing_cps: 0, think: 0s}}
artifacts: {{screenshot: "off", trace: "off"}}
"""


def write_audit(folder: Path, heavy: tuple[str, ...]) -> Path:
    targets = "\n".join(
        f"  - {{id: {p}, domains: [harbor.example], demo: {{profile: {p}, heavy: {str(p in heavy).lower()}}},"
        f" concurrency: {CONCURRENCY}, chat: {{widget: demo, settle: {SETTLE_S}s}}}}"
        for p in PROFILES
    )
    scenarios = ", ".join(f'"scenarios/crypto/{s}.yaml"' for s in SCENARIOS)
    (folder / "audits").mkdir()
    path = folder / "audits" / "throughput.yaml"
    path.write_text(AUDIT.format(targets=targets, scenarios=scenarios, locales=", ".join(LOCALES),
                                 concurrency=CONCURRENCY))  # fmt: skip
    return path


def scripted_seconds(truth: list[dict[str, object]], *, welcome: bool = True) -> dict[str, float]:
    """Per demo conversation: the bot's scripted waits plus one ``settle`` per agent turn.

    An agent turn is the welcome, then each customer message the bot answered; the waits are
    the ``scripted_delay_ms`` the demo drew before each part it sent (not when it was seen).
    """
    by_conversation: dict[str, list[dict[str, object]]] = defaultdict(list)
    for record in truth:
        if record["channel"] == "chat" and record["kind"] in ("message", "system", "welcome"):
            by_conversation[str(record["conversation"])].append(record)
    out: dict[str, float] = {}
    for conversation, records in by_conversation.items():
        records.sort(key=lambda r: float(r["at_ms"]))  # type: ignore[arg-type]
        seconds, turns, answered = 0.0, 0, True
        for record in records:
            if record["direction"] == "in":
                answered = False
                continue
            if record["kind"] == "welcome" and not welcome:
                continue
            seconds += float(record.get("scripted_delay_ms") or 0.0) / 1000  # type: ignore[arg-type]
            if (record["kind"] == "welcome" and turns == 0) or not answered:
                turns, answered = turns + 1, True
        out[conversation] = seconds + turns * SETTLE_S
    return out


def makespan(durations: list[float], slots: int) -> float:
    """Longest-processing-time-first packing into ``slots``: the ideal wall time."""
    heap = [0.0] * slots
    for duration in sorted(durations, reverse=True):
        heapq.heappush(heap, heapq.heappop(heap) + duration)
    return max(heap)


def in_start_order(truth: list[dict[str, object]], scripted: dict[str, float]) -> list[float]:
    """The scripted times in the order the conversations reached the desk (their first record)."""
    first: dict[str, float] = {}
    for record in truth:
        conversation = str(record["conversation"])
        if conversation in scripted:
            at = float(record.get("connected_at_ms") or record["at_ms"])  # type: ignore[arg-type]
            first[conversation] = min(first.get(conversation, at), at)
    return [scripted[c] for c in sorted(first, key=first.__getitem__)]


def list_schedule(durations: list[float], slots: int) -> float:
    """Each conversation in order into the first free slot (what a runner that cannot know the
    durations does): the ideal of the harness's own order, beside the longest-first one."""
    heap = [0.0] * slots
    for duration in durations:
        heapq.heappush(heap, heapq.heappop(heap) + duration)
    return max(heap)


def start_order_estimates() -> str:
    """What the runner's start-order estimate makes of this matrix (it sees scripts, not the bot)."""
    from shopper.audits.matrix import expand
    from shopper.audits.plan import load_plan
    from shopper.audits.schedule import estimated_seconds
    from shopper.scenarios.driver import Pace

    with tempfile.TemporaryDirectory() as tmp:
        specs = expand(load_plan(write_audit(Path(tmp), ())))
    pace = Pace(within_s=60, settle_s=SETTLE_S)
    estimates = sorted({round(estimated_seconds(spec, pace, typing_cps=0), 1) for spec in specs})
    if len(estimates) == 1:
        return (f"every conversation's estimate is {estimates[0]:g} s (welcome and two turns), so ties keep "
                "the matrix order: what varies is the bot's drawn delays, which the runner learns per desk as "
                "conversations end and uses for the run's tail (shopper.audits.slots)")  # fmt: skip
    return f"estimates from {estimates[0]:g} to {estimates[-1]:g} s"


def _epoch_ms(iso: str) -> float:
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp() * 1000


@dataclass
class Figures:
    """What one run measured, and the targets it missed (each named)."""

    mix: str
    lines: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    def say(self, line: str) -> None:
        self.lines.append(line)
        print(f"[{self.mix}] {line}", flush=True)


def run_mix(mix: str) -> Figures:
    figures = Figures(mix)
    heavy = HEAVY_PROFILES[mix]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        audit = write_audit(folder, heavy)
        started = time.perf_counter()
        with PeakMemory() as memory:
            outcome = asyncio.run(execute(RunRequest(audit=audit, out=folder / "run", quiet=True)))
        wall = time.perf_counter() - started
        results = list(read_results(outcome.run_dir / "results.jsonl"))
        truth = []
        for path in (outcome.run_dir / "artifacts").glob("demo-*.truth.jsonl"):
            truth += [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    report(figures, results, truth, wall, memory, heavy)
    return figures


def report(figures: Figures, results: list[ConversationResult], truth: list[dict[str, object]],
           wall: float, memory: PeakMemory, heavy: tuple[str, ...]) -> None:  # fmt: skip
    say = figures.say
    expected = len(SCENARIOS) * len(PROFILES) * len(LOCALES)
    statuses: dict[str, int] = defaultdict(int)
    reasons: dict[str, int] = defaultdict(int)
    for result in results:
        statuses[str(result.status)] += 1
        if result.error:
            reasons[result.error[:110]] += 1
    say(f"conversations: {len(results)} ({dict(statuses)}), concurrency {CONCURRENCY}, "
        f"heavy widget on: {', '.join(heavy) or 'none'}")  # fmt: skip
    if not results:
        figures.missed.append("no conversation ran")
        return
    first = min(_epoch_ms(r.started_at) for r in results)
    last = max(_epoch_ms(r.ended_at) for r in results)
    conversations_wall = (last - first) / 1000
    scripted = scripted_seconds(truth)
    ideal = makespan(list(scripted.values()), CONCURRENCY)
    say(f"scripted time (bot's scripted waits + {SETTLE_S:g} s settle per agent turn): "
        f"sum {sum(scripted.values()):.1f} s over {len(scripted)} demo conversations")  # fmt: skip
    say(f"ideal wall (scripted times packed into {CONCURRENCY} slots, longest first): {ideal:.1f} s")
    ordered = list_schedule(in_start_order(truth, scripted), CONCURRENCY)
    say(f"(in the order the runner started them, each into the first free slot: {ordered:.1f} s; the "
        f"difference is the order's, not the harness's overhead)")  # fmt: skip
    say(f"  the runner starts the longest first by the script's estimate (shopper.audits.schedule); here "
        f"{start_order_estimates()}")  # fmt: skip
    say(f"whole-run wall (browser and demo start-up, scoring, report rendering included): {wall:.1f} s")
    ratio = conversations_wall / ideal if ideal else float("inf")
    verdict = "ok" if ratio <= WALL_TARGET else "MISSED"
    say(f"conversations' wall (first start to last end): {conversations_wall:.1f} s; "
        f"wall / ideal {ratio:.3f} (target <= {WALL_TARGET}: {verdict})")  # fmt: skip
    if ratio > WALL_TARGET:
        figures.missed.append(f"wall / ideal {ratio:.3f} > {WALL_TARGET}")
    replies_only = makespan(list(scripted_seconds(truth, welcome=False).values()), CONCURRENCY)
    say(f"(replies only, as if the welcome cost nothing: ideal {replies_only:.1f} s, "
        f"wall / ideal {conversations_wall / replies_only:.3f})")  # fmt: skip
    overheads(say, results)
    for reason, count in sorted(reasons.items(), key=lambda item: -item[1]):
        say(f"  {count} x {reason}")
    per = memory.peak / 2**20 / CONCURRENCY
    verdict = "ok" if per <= MIB_PER_CONVERSATION_TARGET else "MISSED"
    say(f"peak PSS of the whole tree: {memory.peak / 2**20:.0f} MiB = {per:.1f} MiB per concurrent "
        f"conversation (target <= {MIB_PER_CONVERSATION_TARGET:g}: {verdict}); at the peak:")  # fmt: skip
    for line in memory.breakdown():
        say(f"  {line}")
    say(f"left out of that peak as the platform's, not the shopper's: {memory.excluded()}")
    if per > MIB_PER_CONVERSATION_TARGET:
        figures.missed.append(f"peak {per:.1f} MiB per conversation > {MIB_PER_CONVERSATION_TARGET:g}")
    # A conversation that did not run to its end is shorter than its script: the ratio would flatter us.
    dropped = [r for r in results if r.status != "completed"]
    if len(results) != expected:
        figures.missed.append(f"{len(results)} results for {expected} conversations of the matrix")
    if dropped:
        figures.missed.append(
            f"{len(dropped)} conversation(s) did not complete, so the figure is not over the whole matrix: "
            + ", ".join(f"{r.key} ({r.status}: {(r.error or '')[:80]})" for r in dropped[:5]))  # fmt: skip


def overheads(say: Callable[[str], None], results: list[ConversationResult]) -> None:
    """Mean time from a conversation's start to its first message, and from its last stamp to its end."""
    opening, closing = [], []
    for result in results:
        stamps = [t.at_ms for t in result.turns if t.at_ms is not None]
        shopper = [t.at_ms for t in result.turns if t.role == "shopper" and t.at_ms is not None]
        if stamps and shopper:
            opening.append((shopper[0] - _epoch_ms(result.started_at)) / 1000)
            closing.append((_epoch_ms(result.ended_at) - max(stamps)) / 1000)
    if opening:
        say(f"per conversation, mean: {sum(opening) / len(opening):.2f} s from start to the first message "
            f"sent (page, widget, pre-chat, welcome + settle), {sum(closing) / len(closing):.2f} s from the "
            "last message to the end (settle, close)")  # fmt: skip
    if len(opening) != len(results):
        say(f"dropped from these means: {len(results) - len(opening)} conversation(s) with no stamped turn")


def run_apart(mixes: list[str], *, costs: bool) -> int:
    """Each mix in a fresh interpreter: a run is one audit in one process, and a second mix
    would otherwise still hold what the first left (measured: the heavy mix run after the light
    one in the same process peaked with python at 195 MiB and the driver at 199 MiB; run
    alone, 104 and 143 MiB)."""
    failed = []
    for index, mix in enumerate(mixes):
        command = [sys.executable, __file__, "--mix", mix]
        if costs and index == len(mixes) - 1:
            command.append("--costs")
        if subprocess.run(command, check=False).returncode != 0:
            failed.append(mix)
    print(f"targets missed in: {', '.join(failed)} (named above)" if failed else "all targets met: " + ", ".join(mixes))
    return 1 if failed else 0


def main() -> int:
    """0 when every target is met in every mix; 1 naming each missed figure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mix", choices=["light", "heavy", "both", "none"], default="both")
    parser.add_argument("--costs", action="store_true",
                        help="also measure where the time and memory go (throughput_costs.py, ~2 min)")
    args = parser.parse_args()
    mixes = {"both": ["light", "heavy"], "none": []}.get(args.mix, [args.mix])
    if len(mixes) > 1:
        return run_apart(mixes, costs=args.costs)
    all_figures = [run_mix(mix) for mix in mixes]
    if args.costs:
        from throughput_costs import measure_costs

        with tempfile.TemporaryDirectory() as tmp:
            for line in measure_costs(write_audit(Path(tmp), ()), PROFILES[0]):
                print(f"[costs] {line}", flush=True)
    missed = [f"{f.mix}: {m}" for f in all_figures for m in f.missed]
    for line in missed:
        print(f"MISSED {line}")
    if not missed and all_figures:
        print("all targets met: " + ", ".join(f.mix for f in all_figures))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
