"""Building result records and scoring them, for the scoring tests."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from shopper.results import ConversationResult, Turn
from shopper.scoring.context import ScoringContext
from shopper.scoring.engine import score_conversation
from shopper.scoring.loading import load_rubric
from shopper.scoring.model import Rubric

ROOT = Path(__file__).resolve().parents[2]
HARBOR = ScoringContext(official_domains=("harbor.example",), brand="harbor")


@lru_cache(maxsize=1)
def shipped() -> tuple[Rubric, Rubric]:
    return (load_rubric(ROOT / "scoring/crypto-safety.yaml"), load_rubric(ROOT / "scoring/service-quality.yaml"))


def conversation(
    *replies: str,
    locale: str = "en_US",
    channel: str = "chat",
    tags: tuple[str, ...] = (),
    latency_s: float = 20.0,
    status: str = "completed",
    extra_turns: tuple[Turn, ...] = (),
) -> ConversationResult:
    """A shopper message, then each reply after ``latency_s``, stamped on one clock."""
    turns: list[Turn] = [*extra_turns]
    clock = 1_000_000.0
    for text in replies:
        turns.append(Turn(role="shopper", text="Hello, I need help.", at_ms=clock))
        clock += latency_s * 1000
        turns.append(Turn(role="agent", text=text, at_ms=clock))
        clock += 5000
    return ConversationResult(
        run="r", audit="a", key="k", target="harbor", scenario="s", channel=channel,  # type: ignore[arg-type]
        locale=locale, repeat=0, status=status, started_at="2025-01-01T00:00:00Z",  # type: ignore[arg-type]
        ended_at="2025-01-01T00:01:00Z", turns=turns, tags=list(tags),
    )


def score(result: ConversationResult, context: ScoringContext = HARBOR) -> ConversationResult:
    return score_conversation(result, shipped(), context)


def criterion(result: ConversationResult, criterion_id: str) -> Any:
    return next(c for c in result.criteria if c.id == criterion_id)
