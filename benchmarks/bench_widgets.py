"""Timing of the verified widget presets on their real npm bundles, against the backends' truth.

For each widget (deep-chat, rasa-webchat, @n8n/chat, flowise-embed, Bot Framework Web Chat)
it holds ``--rounds`` conversations, one at a time (concurrency 1), through the chat probe's own session with the
preset from ``probes/<widget>.yaml``, and prints per widget p50 / p95 / max of

- the *stamp* error: |an agent turn's stamp - the backend's send stamp of the same message|
  (one machine clock; the loopback transit is inside it); target p95 <= 10 ms;
- beside it, the p95 of the per-turn bound the probe recorded (how late the page's main thread
  ran around the stamps: a loaded machine shows there first);
- the *tap* gap, for a preset with an event tap: |the tap's stamp - the page's stamp of the
  moment its event marks| (``Turn.tap_gap_ms``); target p95 <= 5 ms.

The servers (the demo platform for deep-chat, rasa-webchat and Web Chat, the webhook backends
for the other two) run in a process of their own, writing their ground truth as JSON lines, so the
browser driver's work never delays a backend stamp. Bundles come from the test helpers
(``tests/widgets``: npm pack, sha256-checked). What it drops, it says: a conversation that
raised, an answer the transcript lacks, a figure with no sample. Exit 1 on a missed target or a
drop of our own, 2 when nothing could run.

    .venv/bin/python benchmarks/bench_widgets.py [--rounds 10] [--widgets deep-chat,rasa-webchat]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests" / "widgets"), str(ROOT / "tests")]

from widget_conversation import Conversation, converse  # noqa: E402
from widget_sites import DEMO_BACKED, WIDGETS  # noqa: E402

from shopper.probes.chat import BrowserSettings, ChatBrowser  # noqa: E402

STAMP_TARGET_MS = 10.0
TAP_TARGET_MS = 5.0


def serve(folder: Path) -> None:
    """The servers' process: print the URLs as one JSON line, serve until stdin closes."""
    from widget_sites import serve_widgets

    from shopper.demo.options import DemoOptions
    from shopper.demo.platform import RunningDemo

    options = DemoOptions(seed=11, speed=0.1, ground_truth=folder / "demo-truth.jsonl")
    with RunningDemo(options) as demo, serve_widgets(demo.base_url, folder / "sites-truth.jsonl") as sites:
        print(json.dumps({"demo": demo.base_url, "sites": sites.base_url}), flush=True)
        sys.stdin.read()


def read_truth(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def figures(values: list[float]) -> str:
    return (f"p50 {statistics.median(values):6.2f}  p95 {percentile(values, 0.95):6.2f}  "
            f"max {max(values):6.2f} ms  (n={len(values)})")  # fmt: skip


async def hold(widgets: list[str], rounds: int, urls: dict[str, str], folder: Path) -> dict[str, Any]:
    got: dict[str, list[Conversation]] = {w: [] for w in widgets}
    failed: dict[str, list[str]] = {w: [] for w in widgets}
    async with ChatBrowser(BrowserSettings()) as browser:
        for round_ in range(rounds):
            for widget in widgets:
                truth_file = folder / ("demo-truth.jsonl" if widget in DEMO_BACKED else "sites-truth.jsonl")
                try:
                    conversation = await converse(browser, widget, f"{urls['sites']}/{widget}/",
                                                  folder / "art", lambda f=truth_file: read_truth(f))  # fmt: skip
                except Exception as exc:  # counted and said below: a drop of our own
                    failed[widget].append(f"round {round_}: {type(exc).__name__}: {str(exc)[:120]}")
                    continue
                got[widget].append(conversation)
    return {"got": got, "failed": failed}


def report(widgets: list[str], got: dict[str, list[Conversation]], failed: dict[str, list[str]],
           tapped: set[str]) -> bool:  # fmt: skip
    """Print the figures and the drops; True when every target held and nothing of ours dropped."""
    ok = True
    print(f"{'widget':<15} figure")
    for widget in widgets:
        conversations = got[widget]
        errors = [e for c in conversations for e in c.errors_ms()]
        missed = [r for c in conversations for r in c.paired()[1]]
        for reason in failed[widget]:
            print(f"dropped 1 conversation of {widget}: it raised ({reason})")
            ok = False
        if missed:
            print(f"dropped {len(missed)} answer(s) of {widget}: not in the transcript "
                  f"(first: {missed[0]['text'][:60]!r})")  # fmt: skip
            ok = False
        if not errors:
            print(f"dropped {widget}: no stamp sample to measure")
            ok = False
            continue
        stamped = {turn.meta.get("stamped") for c in conversations for turn, _ in c.paired()[0]}
        bounds = [t.bound_ms for c in conversations for t, _ in c.paired()[0] if t.bound_ms is not None]
        load = f"  page lag bound p95 {percentile(bounds, 0.95):.1f} ms" if bounds else ""
        p95 = percentile(errors, 0.95)
        verdict = "ok" if p95 <= STAMP_TARGET_MS else f"MISSED (target p95 <= {STAMP_TARGET_MS:.0f} ms)"
        print(f"{widget:<15} stamp error  {figures(errors)}  stamped by {', '.join(sorted(map(str, stamped)))}"
              f"{load}  {verdict}")  # fmt: skip
        ok &= p95 <= STAMP_TARGET_MS
        if widget not in tapped:
            continue
        gaps = [g for c in conversations for g in c.tap_gaps_ms()]
        if not gaps:
            print(f"dropped the tap figure of {widget}: no turn had both a tap and a DOM stamp")
            ok = False
            continue
        p95 = percentile(gaps, 0.95)
        verdict = "ok" if p95 <= TAP_TARGET_MS else f"MISSED (target p95 <= {TAP_TARGET_MS:.0f} ms)"
        print(f"{widget:<15} tap vs DOM   {figures(gaps)}  {verdict}")
        ok &= p95 <= TAP_TARGET_MS
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10, help="conversations per widget (default 10)")
    parser.add_argument("--widgets", default=",".join(WIDGETS), help="comma-separated widgets")
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve)
        return 0
    widgets = [w for w in args.widgets.split(",") if w]
    unknown = [w for w in widgets if w not in WIDGETS]
    if unknown:
        print(f"bench_widgets: unknown widget(s) {', '.join(unknown)}; known: {', '.join(WIDGETS)}", file=sys.stderr)
        return 2
    from widget_conversation import preset

    tapped = {w for w in widgets if preset(w).chat.tap}
    with tempfile.TemporaryDirectory(prefix="bench-widgets-") as tmp:
        folder = Path(tmp)
        server = subprocess.Popen([sys.executable, __file__, "--serve", str(folder)], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True)  # fmt: skip
        try:
            assert server.stdout is not None
            line = server.stdout.readline()
            if not line:
                print("bench_widgets: the servers did not start (npm or a bundle missing?)", file=sys.stderr)
                return 2
            urls = json.loads(line)
            print(f"bench_widgets: {args.rounds} conversation(s) per widget at concurrency 1, "
                  f"{len(widgets)} widget(s); servers in their own process")  # fmt: skip
            held = asyncio.run(hold(widgets, args.rounds, urls, folder))
        finally:
            if server.stdin is not None:
                server.stdin.close()
            server.wait(timeout=30)
        ok = report(widgets, held["got"], held["failed"], tapped)
    print("bench_widgets: all targets held" if ok else "bench_widgets: a target was missed or a sample dropped")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
