"""Realistic synthetic results for report tests and the report benchmark.

:func:`synthetic_results` makes N scored :class:`ConversationResult` records that look like a
run of the demo audit: a good desk, a slow one that misses the SLA, a sloppy one answering
Chinese/Korean/Japanese customers in English, a scam that asks for a seed phrase and links to
Telegram, a flaky one (``no_reply`` / ``unavailable`` / ``error``) and a hostile one whose
agent text is HTML and script (the report must show it as text and run nothing). Timestamps
span several hours so the by-hour charts have something to show. Deterministic per seed.
"""

from __future__ import annotations

import json
import random
import struct
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

from shopper.results import (
    DEFAULT_SLA_S,
    Artifacts,
    ConversationResult,
    CriterionResult,
    Evidence,
    Kpis,
    Status,
    Turn,
)
from shopper.runfiles import RunFolder

TARGETS = ("demo-good", "demo-slow", "demo-sloppy", "demo-scam", "demo-flaky", "demo-hostile")
SCENARIOS = ("withdrawal-pending", "wallet-recovery-bait", "deposit-missing", "complaint-delay")
LOCALES = ("en_US", "zh_CN", "ko_KR", "ja_JP")
CHANNELS = ("chat", "email")
START = datetime(2026, 1, 5, 0, 0, tzinfo=UTC)
SPAN_HOURS = 6

SEED_ASK = "Hi! To restore your wallet please send me your seed phrase (all 12 words)."
TELEGRAM = "Our senior agent will help you faster on Telegram: https://t.me/HarborSupportDesk"
HOSTILE = (
    'Here is your receipt: <img src=x onerror="window.__shopperPwned=1">',
    "Loading your account… <script>window.__shopperPwned=1</script>",
    "Verify here: javascript:alert(1) or <a href=\"javascript:alert(1)\">click</a>",
)
GOOD = {
    "en": ("Sorry for the wait. Your withdrawal is waiting for network confirmations.",
           "I have opened ticket HBR-{n}; please check https://harbor.example/wallet/history within 30 minutes."),
    "zh": ("抱歉让您久等了。提币正在等待网络确认。", "我已为您创建工单 HBR-{n},请在 30 分钟后查看 https://harbor.example/wallet/history。"),
    "ko": ("기다려 주셔서 죄송합니다. 출금은 네트워크 확인 중입니다.", "티켓 HBR-{n} 을 접수했습니다. 30분 이내에 확인해 주세요."),
    "ja": ("お待たせして申し訳ございません。出金はネットワーク承認待ちです。", "チケット HBR-{n} を作成しました。30分以内にご確認ください。"),
}
SHOPPER = {
    "en": "Hi, my 0.35 BTC withdrawal has been pending for 6 hours. Order W{n}.",
    "zh": "你好,我提币 0.35 BTC 已经 6 个小时还没到账。订单 W{n}。",
    "ko": "안녕하세요, 0.35 BTC 출금이 6시간째 대기 중입니다. 주문 W{n}.",
    "ja": "こんにちは。0.35 BTC の出金が6時間保留中です。注文 W{n}。",
}


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _criterion(rubric: str, cid: str, ok: bool | None, category: str, evidence: Evidence | None = None,
               critical: bool = False, weight: float = 1.0) -> CriterionResult:
    result = "na" if ok is None else ("pass" if ok else "fail")
    return CriterionResult(rubric=rubric, id=cid, result=result, critical=critical, weight=weight,
                           evidence=evidence or Evidence(), category=category)


def _agent_texts(target: str, lang: str, n: int, rng: random.Random) -> list[str]:
    if target == "demo-sloppy":
        return ["ok. withdrawals are slow sometimes, wait please."]
    if target == "demo-scam":
        return [SEED_ASK, TELEGRAM] if rng.random() < 0.8 else [TELEGRAM]
    texts = [t.format(n=n) for t in GOOD[lang]]
    if target == "demo-hostile":
        texts += list(HOSTILE)
    return texts


def _first_latency_ms(target: str, channel: str, rng: random.Random) -> float:
    if channel == "email":
        hours = {"demo-slow": (5.0, 9.0), "demo-sloppy": (1.0, 3.0)}.get(target, (0.05, 0.3))
        return rng.uniform(*hours) * 3600_000
    seconds = {"demo-slow": (20.0, 150.0), "demo-sloppy": (2.0, 6.0), "demo-flaky": (1.0, 8.0)}.get(target, (0.5, 4.0))
    return rng.uniform(*seconds) * 1000


def _status(target: str, rng: random.Random) -> Status:
    if target != "demo-flaky":
        return Status.COMPLETED
    roll = rng.random()
    if roll < 0.5:
        return Status.COMPLETED
    return Status.NO_REPLY if roll < 0.7 else (Status.UNAVAILABLE if roll < 0.85 else Status.ERROR)


def synthetic_result(n: int, rng: random.Random, run: str = "synthetic") -> ConversationResult:
    """One scored conversation; ``n`` makes its key and texts unique."""
    target, scenario = TARGETS[n % len(TARGETS)], SCENARIOS[(n // len(TARGETS)) % len(SCENARIOS)]
    channel, locale = rng.choice(CHANNELS), rng.choice(LOCALES)
    lang, repeat = locale[:2], n // (len(TARGETS) * len(SCENARIOS))
    status = _status(target, rng)
    started = START + timedelta(seconds=rng.uniform(0, SPAN_HOURS * 3600))
    clock = started.timestamp() * 1000
    key = f"{target}::{scenario}[{locale}-{channel}]#{repeat}"
    slug = f"{target}-{scenario}-{locale}-{channel}-{repeat}"
    turns: list[Turn] = []
    error: str | None = None
    if status in (Status.UNAVAILABLE, Status.ERROR):
        error = ("widget never appeared: timeout 15000 ms waiting for #chat-launcher" if status == Status.UNAVAILABLE
                 else "TargetClosedError: page crashed <script>window.__shopperPwned=1</script>")
    else:
        if channel == "chat":
            turns.append(Turn(role="agent", text="Welcome to Harbor Exchange support!", kind="welcome", at_ms=clock))
        clock += rng.uniform(1500, 4000)
        sent = clock
        turns.append(Turn(role="shopper", text=SHOPPER[lang].format(n=n), at_ms=clock, step=0))
        if status == Status.COMPLETED:
            clock += _first_latency_ms(target, channel, rng)
            for text in _agent_texts(target, lang, n, rng):
                meta = {"typing": [[sent + 200, clock]]} if channel == "chat" else {}
                turns.append(Turn(role="agent", text=text, at_ms=clock, latency_ms=clock - sent, step=0, meta=meta))
                clock += rng.uniform(300, 2500)
            if rng.random() < 0.15:
                turns.append(Turn(role="system", text="Conversation handed to a human agent", kind="handoff", at_ms=clock))
    ended = datetime.fromtimestamp(max(clock, started.timestamp() * 1000 + 1000) / 1000, UTC)
    result = ConversationResult(
        run=run, audit="demo", key=key, target=target, scenario=scenario, channel=channel, locale=locale,
        repeat=repeat, status=status, started_at=_iso(started), ended_at=_iso(ended),
        persona={"name": "Ada <b>Lovelace</b>", "locale": locale}, turns=turns, error=error,
        artifacts=Artifacts(screenshot=f"artifacts/{slug}.png" if channel == "chat" and turns else None,
                            trace=f"artifacts/{slug}-trace.zip" if channel == "chat" and turns else None),
        tags=["withdrawals"],
    )
    return _score(result)


def _score(result: ConversationResult) -> ConversationResult:
    """Criteria, score and KPIs as the scoring engine would write them."""
    replies = [(i, t) for i, t in enumerate(result.turns) if t.is_reply]
    if not replies:
        result.kpis = Kpis(agent_turns=0, replied=False, language_match=None, resolved=None)
        return result
    first_i, first = replies[0]
    latency = first.latency_ms or 0.0
    sla = DEFAULT_SLA_S[result.channel] * 1000
    texts = [(i, t.text) for i, t in replies]
    seed = next(((i, t) for i, t in texts if "seed phrase" in t), None)
    link = next(((i, t) for i, t in texts if "t.me/" in t or "javascript:" in t), None)
    english = result.target == "demo-sloppy" and not result.locale.startswith("en")
    rows = [
        _criterion("crypto-safety", "never-asks-for-secrets", seed is None, "safety", critical=True, weight=5,
                   evidence=Evidence(text=f'asks for seed: "{seed[1]}"', turn=seed[0], quote=seed[1]) if seed
                   else Evidence(text="no request for a secret")),
        _criterion("crypto-safety", "no-unofficial-channels", link is None, "safety", critical=True, weight=5,
                   evidence=Evidence(text=f'link "{link[1]}"', turn=link[0], quote=link[1]) if link
                   else Evidence(text="every link official")),
        _criterion("crypto-safety", "never-asks-to-move-funds", True, "safety", critical=True, weight=5),
        _criterion("service-quality", f"first-reply-within-sla-{result.channel}", latency <= sla, "speed", weight=3,
                   evidence=Evidence(text=f"first reply after {latency / 1000:.1f} s (limit {sla / 1000:.0f} s)", turn=first_i)),
        _criterion("service-quality", "replies-in-customer-language", not english, "language", weight=2,
                   evidence=Evidence(text=f"replied in en, customer wrote {result.locale[:2]}" if english
                                     else f"replied in {result.locale[:2]}", turn=first_i)),
        _criterion("service-quality", "acknowledges-problem", result.target not in ("demo-sloppy", "demo-scam"),
                   "quality", evidence=Evidence(text=f'"{first.text[:60]}"', turn=first_i, quote=first.text[:60])),
        _criterion("service-quality", "ticket-number-for-complaints",
                   None if "complaint" not in result.scenario else "HBR-" in " ".join(t for _, t in texts),
                   "quality", weight=2),
    ]
    applied = [r for r in rows if r.result != "na"]
    total = sum(r.weight for r in applied)
    result.criteria = rows
    result.score = round(100 * sum(r.weight for r in applied if r.result == "pass") / total, 2)
    result.critical_failures = sum(1 for r in applied if r.critical and r.result == "fail")
    latencies = [t.latency_ms for _, t in replies if t.latency_ms is not None]
    result.kpis = Kpis(
        first_response_ms=latency, mean_response_ms=sum(latencies) / len(latencies), agent_turns=len(replies),
        handed_off=any(t.kind == "handoff" for t in result.turns), sla_breached=latency > sla, sla_ms=sla,
        replied=True, language_match=not english, resolved=None,
    )
    return result


def synthetic_results(count: int, seed: int = 7, run: str = "synthetic") -> list[ConversationResult]:
    """``count`` conversations spread over every target, scenario, channel, locale and status."""
    rng = random.Random(seed)
    return [synthetic_result(n, rng, run) for n in range(count)]


def _png(width: int = 16, height: int = 10) -> bytes:
    """A tiny valid grey PNG (a stand-in screenshot)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\xc8" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def write_run(run_dir: Path, results: list[ConversationResult], artifacts: bool = True) -> Path:
    """Write ``results.jsonl`` and ``run.json`` (and stand-in screenshots/traces) into ``run_dir``."""
    run_dir.mkdir(parents=True, exist_ok=True)
    with RunFolder(run_dir).results.open("w", encoding="utf-8") as handle:
        for result in results:
            handle.write(result.model_dump_json() + "\n")
    manifest = {"run": results[0].run if results else "synthetic", "audit": "demo", "audit_path": "audits/demo.yaml",
                "started_at": _iso(START), "keys": [r.key for r in results], "shard": None, "version": "synthetic"}
    RunFolder(run_dir).manifest.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    if artifacts:
        RunFolder(run_dir).artifacts.mkdir(exist_ok=True)
        png = _png()
        for result in results:
            if result.artifacts.screenshot:
                (run_dir / result.artifacts.screenshot).write_bytes(png)
            if result.artifacts.trace:
                (run_dir / result.artifacts.trace).write_bytes(b"PK\x05\x06" + b"\x00" * 18)  # an empty zip
    return run_dir
