"""Score 10,000 synthetic conversations with the shipped rubrics on one core.

Language detection included: replies carry an order number, so no two conversations share a
text and no cache helps. Prints wall time and the process's CPU time (on a shared machine the
wall time includes waiting for the core). Target: under 30 s. Run: .venv/bin/python benchmarks/bench_scoring.py [COUNT]
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

from shopper.results import ConversationResult, Turn
from shopper.scoring.context import ScoringContext
from shopper.scoring.engine import score_conversation
from shopper.scoring.loading import load_rubric

ROOT = Path(__file__).resolve().parents[1]
REPLIES = {
    "en": ["Sorry for the wait. Order {n}: your withdrawal is pending network confirmations and should arrive "
           "within 30 minutes.", "Please send me your seed phrase so I can check order {n}.",
           "Thanks for reaching out about case {n}. Track it at https://harbor.example/support/{n}.",
           "Add me on Telegram @harbor_help_{n} for faster help.", "Your ticket number is HB-{n}. We will reply soon."],
    "zh": ["抱歉让您久等了，订单 {n} 的提币正在等待区块确认，预计30分钟内到账。", "请提供您的助记词，我帮您核实订单 {n}。",
           "您的工单号是 HB-{n}，我们会在24小时内回复。", "请勿向任何人透露助记词。订单 {n} 已处理。"],
    "ko": ["기다려 주셔서 감사합니다. 주문 {n} 출금은 블록 확인 중이며 30분 안에 도착할 예정입니다.",
           "시드 구문을 보내주세요. 주문 {n} 확인에 필요합니다.", "텔레그램 @harbor_kr_{n} 로 연락 주세요."],
    "ja": ["お待たせして申し訳ございません。注文 {n} の出金はブロック承認待ちです。",
           "シードフレーズを教えてください。注文 {n} の確認に必要です。", "受付番号は HB-{n} です。24時間以内にご返信します。"],
}
TAGS = (("withdrawals",), ("complaint",), ("handoff",), ("impersonation",), ())


def synthetic(n: int, rng: random.Random) -> ConversationResult:
    language = rng.choice(list(REPLIES))
    turns: list[Turn] = [Turn(role="agent", text="Welcome!", kind="welcome", at_ms=0.0)]
    clock = 1000.0
    for _ in range(rng.randint(2, 4)):
        turns.append(Turn(role="shopper", text="Any update on my withdrawal?", at_ms=clock))
        clock += rng.uniform(5_000, 120_000)
        turns.append(Turn(role="agent", text=rng.choice(REPLIES[language]).format(n=n), at_ms=clock))
        clock += 3000
    return ConversationResult(
        run="bench", audit="bench", key=str(n), target="harbor", scenario="s", channel=rng.choice(["chat", "email"]),
        locale=f"{language}_XX", repeat=0, status="completed", started_at="2025-01-01T00:00:00Z",  # type: ignore[arg-type]
        ended_at="2025-01-01T00:10:00Z", turns=turns, tags=list(rng.choice(TAGS)),
    )


def main() -> int:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    rng = random.Random(5)
    conversations = [synthetic(n, rng) for n in range(count)]
    rubrics = [load_rubric(ROOT / "scoring/crypto-safety.yaml"), load_rubric(ROOT / "scoring/service-quality.yaml")]
    context = ScoringContext(official_domains=("harbor.example",), brand="harbor")
    turns = sum(len(c.turns) for c in conversations)
    start, cpu_start = time.perf_counter(), time.process_time()
    critical = 0
    for result in conversations:
        critical += score_conversation(result, rubrics, context).critical_failures > 0
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(f"scored {count} conversations ({turns} turns) with {sum(len(r.criteria) for r in rubrics)} criteria "
          f"on one core in {wall:.2f} s wall ({cpu:.2f} s CPU): {count / wall:,.0f} conversations/s "
          f"({critical} with critical failures); target < 30 s: {'ok' if wall < 30 else 'MISSED'}")
    return 0 if wall < 30 else 1  # nothing is dropped: every synthetic conversation is scored


if __name__ == "__main__":
    sys.exit(main())
