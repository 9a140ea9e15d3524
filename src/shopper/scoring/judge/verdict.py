"""Reading a judge's answer: a strict JSON verdict whose quote is found in the transcript.

Anything else is n/a with the reason, never a pass: an answer that is not one JSON object, a
result outside pass/fail/na, a pass or fail without a quote, or a quote that is not in the
transcript ("judge quoted words not in the transcript"), which is how an invented reason shows.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Literal, cast

from shopper.scoring.judge.prompt import JudgeRequest

RESULTS = ("pass", "fail", "na")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class JudgeVerdict:
    """What the judge decided. ``error`` marks an n/a that is a failure to judge (timeout, HTTP
    error, unreadable answer), not the judge saying the criterion does not apply."""

    result: Literal["pass", "fail", "na"]
    reason: str
    quote: str | None = None
    turn: int | None = None
    confidence: float | None = None
    error: bool = False


def unusable(reason: str) -> JudgeVerdict:
    return JudgeVerdict("na", reason, error=True)


def _squeeze(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def find_quote(quote: str, request: JudgeRequest) -> int | None:
    """The index of the turn holding ``quote`` (whitespace and case aside), replies in scope first."""
    wanted = _squeeze(quote.strip().strip("\"'“”「」"))
    if not wanted:
        return None
    order: list[int] = [*request.in_scope, *range(len(request.turns))]
    for index in order:
        if index < len(request.turns) and wanted in _squeeze(request.turns[index][1]):
            return index
    return None


def _json_object(content: str) -> dict[str, object] | None:
    text = content.strip()
    if text.startswith("```"):  # a fenced block: ```json … ```
        text = text.strip("`").removeprefix("json").strip()
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return None
    return data if isinstance(data, dict) else None


def read_verdict(content: str, request: JudgeRequest) -> JudgeVerdict:
    """The verdict in ``content``, checked against the request's transcript."""
    data = _json_object(content)
    if data is None:
        return unusable(f"judge answer is not a JSON verdict: {content[:80]!r}")
    result = data.get("result", data.get("verdict"))
    if result not in RESULTS:
        return unusable(f"judge answer has no result pass/fail/na: {str(result)[:40]!r}")
    reason = str(data.get("reason", "")).strip()[:300]
    confidence = data.get("confidence")
    score = float(confidence) if isinstance(confidence, int | float) and 0 <= confidence <= 1 else None
    quote = data.get("quote")
    quote = quote.strip() if isinstance(quote, str) and quote.strip() else None
    if result == "na":
        return JudgeVerdict("na", reason or "the judge says it does not apply", confidence=score)
    if quote is None:
        return unusable(f"judge gave no quote for its {result}")
    turn = find_quote(quote, request)
    if turn is None:
        return unusable(f"judge quoted words not in the transcript: {quote[:80]!r}")
    return JudgeVerdict(cast(Literal["pass", "fail"], result), reason, quote, turn, score)
