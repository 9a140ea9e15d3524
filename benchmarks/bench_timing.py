"""Timing accuracy of the chat probe against the demo platform's ground truth.

Runs the demo platform (profile ``good``) in its own process, with its ground truth in a JSON
lines file, and holds conversations in en / zh / ko / ja at concurrency 1 and at concurrency 16
(16 browser contexts at once in one Chromium), on today's widget (``direct``: it renders inside
its socket handler) and on each render variant of the demo (``placeholder``, ``raf``, ``delay``,
``stream``: see ``shopper.demo.options.RENDERS``). Per agent message it prints p50 / p95 / max of

- the *arrival* error: |arrival stamp - the platform's send stamp of the same message| (one
  machine clock; the loopback transit is inside it);
- the *latency* error: |measured latency - true latency|, the true one being the platform's send
  stamp of the message minus its receive stamp of the customer's message (the in-page send
  stamp, bent by the load, is inside it: printed, not a target);
- the *shown* error: |shown stamp - the moment the widget made the text visible|, the latter
  stamped by the widget itself in the page (``data-visible-at-ms``, same clock);
- the per-turn error bound the probe recorded (main-thread lag around the stamps), p50 / p95.

Targets: arrival p95 <= 5 ms at 1 and <= 10 ms at 16; shown p95 <= 10 ms at 1, <= 20 ms at 16.
A message whose arrival no frame matched falls back to the shown stamp: counted and printed.
``--naive`` adds the old baseline (Python's clock around ``click`` and ``wait_for``).

The desk answers a little faster than its own pace by default (``--speed 0.6``: a reply
0.6-1.8 s after the customer, parts 0.5-1.2 s apart), so ten phases fit in six minutes.
``--speed 0.15`` squeezes the desk's own pace sevenfold, so that sixteen conversations
started together get their replies within the same ~300 ms: a pile-up test of two cores more
than of the probe, worth running as a stress figure.

    .venv/bin/python benchmarks/bench_timing.py [--speed 0.6] [--rounds 1] [--naive]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from shopper.probes.base import Persona, ProbeError, SessionContext
from shopper.probes.chat import BrowserSettings, ChatBrowser, ChatConfig, ChatSession
from shopper.probes.preset import ChatSelectors, PrechatForm

SELECTORS = ChatSelectors(
    launcher="#chat-launcher", frames=("#chat-frame",),
    prechat=PrechatForm(fields={"name": "#prechat-name", "email": "#prechat-email"},
                        submit="#prechat-submit"),
    message_list="#messages", input="#chat-input", send="#chat-send",
    agent_message=".msg.agent", shopper_message=".msg.visitor", system_message=".msg.system",
    typing=".typing",
)  # fmt: skip
MESSAGES: dict[str, tuple[str, ...]] = {
    "en_US": ("Hi, my BTC withdrawal has been pending for 6 hours.",
              "I sent USDT on the wrong network, can you help?",
              "My deposit has not been credited yet."),
    "zh_CN": ("你好,我提币已经 6 个小时还没到账。", "我把 USDT 转错网络了,怎么办?", "我的充值还没有到账。"),
    "ko_KR": ("안녕하세요, 출금이 6시간째 대기 중입니다.", "USDT를 잘못된 네트워크로 보냈어요.",
              "입금이 아직 반영되지 않았습니다."),
    "ja_JP": ("こんにちは、出金が6時間も保留のままです。", "USDTを間違ったネットワークに送ってしまいました。",
              "入金がまだ反映されていません。"),
}  # fmt: skip
LOCALES = tuple(MESSAGES)
WITHIN_S = 30.0
BUDGET_S = 320.0  # no new phase starts after this; the whole run stays under 6 minutes

Sample = tuple[str, float]  # (message id, measured latency ms)
RENDERS = ("direct", "placeholder", "raf", "delay", "stream")
TARGETS = {("arrival", 1): 5.0, ("arrival", 16): 10.0, ("shown", 1): 10.0, ("shown", 16): 20.0}
# message id -> (shown error ms or None, bound ms or None, arrived ms or None)
extras: dict[str, tuple[float | None, float | None, float | None]] = {}


def start_demo(speed: float, truth: Path) -> tuple[subprocess.Popen[str], str]:
    """The demo platform in its own process, scheduled ahead of the browser.

    A real support platform runs on other machines, so its clock never waits for our browser's
    CPU. Here it shares two cores with sixteen renderers; without priority, its receive stamps
    (the ground truth) arrive late whenever the browser is busy, and the benchmark would blame
    the harness for the reference's own lateness. ``nice -n -10`` (as root) gives the platform
    what a separate machine would; where that is not allowed it runs at normal priority.
    """
    command = [sys.executable, "-m", "shopper", "demo", "--speed", str(speed), "--ground-truth", str(truth)]
    if os.geteuid() == 0 and shutil.which("nice"):
        command = ["nice", "-n", "-10", *command]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    for _ in range(50):  # bounded: the banner is the first line
        line = proc.stdout.readline()
        found = re.search(r"on (http://127\.0\.0\.1:\d+)/", line)
        if found:
            return proc, found.group(1)
        if not line:
            break
    proc.kill()
    raise SystemExit("the demo platform did not start")


def sent_stamps(truth: Path) -> dict[str, float]:
    """Message id -> the platform's send stamp (epoch ms, the machine clock the page clock uses)."""
    out: dict[str, float] = {}
    for line in truth.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec["channel"] == "chat" and rec["direction"] == "out" and rec.get("id"):
            out[rec["id"]] = rec["at_ms"]
    return out


def true_latencies(truth: Path) -> dict[str, float]:
    """Message id -> platform send stamp minus its receive stamp of the customer's message."""
    last_in: dict[str, float] = {}
    out: dict[str, float] = {}
    for line in truth.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec["channel"] != "chat":
            continue
        if rec["direction"] == "in":
            last_in[rec["conversation"]] = rec["at_ms"]
        elif rec.get("kind") == "message" and rec["conversation"] in last_in:
            out[rec["id"]] = rec["at_ms"] - last_in[rec["conversation"]]
    return out


TYPING_CPS = 40.0
PER_CONVERSATION = 2  # messages per conversation: ten phases must fit the 6-minute budget


SETTLE_S = 0.6  # set from --speed in main(): longer than the desk's widest gap between parts


def config(url: str) -> ChatConfig:
    return ChatConfig(url=url, selectors=SELECTORS, settle_s=SETTLE_S, open_timeout_s=60,
                      typing_cps=TYPING_CPS, max_typing_s=0.8)  # fmt: skip


async def probe_conversation(session: ChatSession, locale: str) -> list[Sample]:
    """The probe as shipped: page stamps."""
    samples: list[Sample] = []
    await session.open()
    for text in MESSAGES[locale][:PER_CONVERSATION]:
        await session.say(text)
        for turn in await session.await_reply(within_s=WITHIN_S, settle_s=SETTLE_S):
            if turn.role == "agent" and turn.kind == "message" and turn.latency_ms is not None:
                message_id = turn.meta["data"]["message-id"]
                samples.append((message_id, turn.latency_ms))
                visible = turn.meta["data"].get("visible-at-ms")
                shown_error = abs(turn.shown_ms - float(visible)) if visible and turn.shown_ms else None
                extras[message_id] = (shown_error, turn.bound_ms, turn.arrived_ms)
    return samples


async def naive_conversation(session: ChatSession, locale: str) -> list[Sample]:
    """The baseline: Python's clock before the click and after ``wait_for`` returns."""
    samples: list[Sample] = []
    await session.open()
    nav = session.navigator
    agents = nav.widget().locator(".msg.agent")
    box, send = nav.part("#chat-input"), nav.part("#chat-send")
    for text in MESSAGES[locale][:PER_CONVERSATION]:
        seen = await agents.count()
        await box.press_sequentially(text, delay=min(25.0, 800.0 / len(text)))
        sent = time.time() * 1000
        await send.click()
        timeout = WITHIN_S * 1000
        while True:
            try:
                await agents.nth(seen).wait_for(state="attached", timeout=timeout)
            except Exception:  # quiet for the settle time: the reply is over
                break
            at = time.time() * 1000
            message_id = await agents.nth(seen).get_attribute("data-message-id")
            samples.append((message_id or "", at - sent))
            seen, timeout = seen + 1, SETTLE_S * 1000
    return samples


Conversation = Callable[[ChatSession, str], Awaitable[list[Sample]]]


async def run_batch(browser: ChatBrowser, url: str, how: Conversation, count: int,
                    tag: str, artifacts: Path, failed: list[str]) -> list[Sample]:  # fmt: skip
    """The samples of ``count`` conversations at once; one that raised is named in ``failed``."""
    async def one(index: int) -> list[Sample]:
        locale = LOCALES[index % len(LOCALES)]
        persona = Persona(name=f"Bench User {index}", email=f"bench{index}.{tag}@example.com",
                          locale=locale)  # fmt: skip
        ctx = SessionContext(key=f"bench/{tag}/{index}", persona=persona, artifacts_dir=artifacts)
        session = browser.new_session(ctx, config(url))
        try:
            return await how(session, locale)
        except ProbeError as exc:  # a starved machine: count it, keep measuring the rest
            print(f"conversation {ctx.key} failed: {exc}")
            failed.append(f"{ctx.key}: {type(exc).__name__}")
            return []
        finally:
            await session.close(failed=False)

    results = await asyncio.gather(*(one(i) for i in range(count)))
    return [sample for batch in results for sample in batch]


def errors(samples: list[Sample], truth: dict[str, float]) -> list[float]:
    return [abs(measured - truth[mid]) for mid, measured in samples if mid in truth]


def p95_of(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def line(label: str, errs: list[float]) -> str:
    if not errs:
        return f"{label:<34} no samples"
    ordered = sorted(errs)
    p95 = p95_of(ordered)
    return (f"{label:<34} n={len(errs):<4} p50={statistics.median(ordered):8.1f}  "
            f"p95={p95:8.1f}  max={ordered[-1]:8.1f}  (ms)")  # fmt: skip


async def main(speed: float, rounds: int, naive: bool) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        truth_path = Path(tmp) / "truth.jsonl"
        load = os.getloadavg()[0]
        proc, base = start_demo(speed, truth_path)
        started = time.monotonic()
        measured: dict[str, list[Sample]] = {}
        failed: dict[str, list[str]] = {}  # phase -> conversations that raised
        skipped: list[str] = []
        phases = [(render, "in-page stamps", probe_conversation) for render in RENDERS]
        if naive:
            phases.append(("direct", "naive wait_for", naive_conversation))
        try:
            async with ChatBrowser(BrowserSettings()) as browser:
                for concurrency in (1, 16):
                    for render, name, how in phases:
                        key = f"{name}, {render}, concurrency {concurrency}"
                        if time.monotonic() - started > BUDGET_S:
                            print(f"skipped {key}: over the {BUDGET_S:.0f} s budget")
                            skipped.append(key)
                            continue
                        url = f"{base}/good/" + ("" if render == "direct" else f"?render={render}")
                        count = 16 if concurrency == 16 else 2 * rounds
                        samples: list[Sample] = []
                        for offset in range(0, count, concurrency):
                            size = min(concurrency, count - offset)
                            tag = f"{name[:5]}{render[:4]}{concurrency}-{offset}"
                            samples += await run_batch(browser, url, how, size, tag, Path(tmp),
                                                       failed.setdefault(key, []))
                        measured[key] = samples
        finally:
            proc.terminate()
            proc.wait(timeout=10)
        truth = true_latencies(truth_path)
        sent = sent_stamps(truth_path)
        print(f"chat timing accuracy vs the demo's ground truth (profile good, speed {speed}, "
              f"{len(LOCALES)} languages, {PER_CONVERSATION} messages per conversation)")  # fmt: skip
        results = {key: errors(samples, truth) for key, samples in measured.items()}
        dropped = report_dropped(measured, results, failed, skipped)
        missed: list[str] = []
        for key, samples in measured.items():
            errs = results.get(key, [])
            concurrency = int(key.rsplit(" ", 1)[1])
            print(line(f"{key}: latency", errs))
            if not key.startswith("in-page"):
                continue
            found = [extras[mid] for mid, _ in samples if mid in extras]
            # the arrival stamp against the platform's send stamp of the same message: the
            # frame's transit on loopback (well under 1 ms) is inside this error
            arrived = {mid: extras[mid][2] for mid, _ in samples if mid in extras and mid in sent}
            arrivals = [abs(at - sent[mid]) for mid, at in arrived.items() if at is not None]
            print(line(f"{key}: arrival", arrivals))
            shown = [e[0] for e in found if e[0] is not None]
            bounds = [e[1] for e in found if e[1] is not None]
            print(line(f"{key}: shown", shown))
            if bounds:
                print(f"{key + ': bound':<34} p50={statistics.median(bounds):8.1f}  p95={p95_of(bounds):8.1f}  (ms)")
            fallbacks = sum(1 for e in found if e[2] is None)
            if fallbacks:
                print(f"{key}: {fallbacks} message(s) no frame matched (arrival fell back to the shown stamp)")
            for what, figures in (("arrival", arrivals), ("shown", shown)):
                target = TARGETS[(what, concurrency)]
                if not figures or p95_of(figures) > target:
                    got = f"{p95_of(figures):.1f} ms" if figures else "no samples"
                    missed.append(f"{key}: {what} p95 {got} > {target:.0f} ms")
        print(f"wall time {time.monotonic() - started:.0f} s; load average (1 min) "
              f"{load:.1f} before, {os.getloadavg()[0]:.1f} after, on {os.cpu_count()} CPUs")
        for miss in missed:
            print(f"MISSED {miss}")
        met = not missed and not dropped
        print(f"target: arrival p95 <= 5/10 ms and shown p95 <= 10/20 ms at 1/16, on every widget, "
              f"nothing of ours dropped: {'ok' if met else 'MISSED'}")
        return 0 if met else 1


def report_dropped(measured: dict[str, list[Sample]], results: dict[str, list[float]],
                   failed: dict[str, list[str]], skipped: list[str]) -> int:
    """Print what the figures leave out and why; return how much of it is the probe's own (in-page).

    A conversation that raised, a phase skipped over the budget or with no sample, and a sample
    whose message the ground truth does not know are all left out of the percentiles; for the
    probe as shipped each one counts against the target, for the naive baseline it is only said.
    """
    ours = 0
    for key in skipped:
        print(f"dropped phase {key}: skipped over the {BUDGET_S:.0f} s budget")
        ours += key.startswith("in-page")
    for key, samples in measured.items():
        if failed.get(key):
            print(f"dropped {len(failed[key])} conversation(s) of {key} that raised: {', '.join(failed[key][:4])}")
            ours += len(failed[key]) if key.startswith("in-page") else 0
        unknown = len(samples) - len(results.get(key, []))
        if unknown:
            print(f"dropped {unknown} sample(s) of {key}: no ground truth for the message id")
            ours += unknown if key.startswith("in-page") else 0
        if not results.get(key):
            print(f"dropped phase {key}: no sample to measure")
            ours += key.startswith("in-page")
    return ours


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed", type=float, default=0.6, help="demo delay factor")
    parser.add_argument("--rounds", type=int, default=1, help="conversations per language at c=1")
    parser.add_argument("--naive", action="store_true", help="also run the naive wait_for baseline")
    args = parser.parse_args()
    SETTLE_S = max(0.6, 2.2 * args.speed)  # the demo's parts come up to 2 s apart at speed 1
    raise SystemExit(asyncio.run(main(args.speed, args.rounds, args.naive)))
