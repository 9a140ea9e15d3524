"""Response times: the first reply, and every reply, within a duration.

Latencies come from the transcript's own stamps (see :mod:`shopper.scoring.engine`); welcome
messages and auto-acknowledgements are not replies, so they never stop the clock.
"""

from __future__ import annotations

from typing import Any, ClassVar

from shopper.formats.durations import format_duration, parse_duration
from shopper.scoring.checks.base import Check, CheckSpecError, Outcome, View, failed, not_applicable, passed

"""The field's benchmarks (good chat replies under 60 s, email under 4 h) when an audit sets none."""


def _seconds(params: Any, path: str) -> float | None:
    """Seconds of a duration parameter; None for ``sla`` (the audit's SLA for the channel)."""
    if params == "sla":
        return None
    try:
        if isinstance(params, bool) or not isinstance(params, str | int | float):
            raise ValueError
        seconds = parse_duration(params)
    except ValueError:
        raise CheckSpecError(path, "expected a duration like 60s, or sla (the audit's SLA)") from None
    if seconds <= 0:
        raise CheckSpecError(path, "expected a duration like 60s (more than zero)")
    return seconds


def _ms(value: float) -> str:
    return format_duration(value / 1000)


def _limit_ms(seconds: float | None, view: View) -> float:
    """The limit in ms: the check's own duration, else the audit's SLA for this channel."""
    if seconds is not None:
        return seconds * 1000
    return view.context.sla_ms(view.channel)


class _WithinCheck(Check):
    """A check whose parameter is a duration, or ``sla`` for the audit's SLA of the channel."""

    def __init__(self, params: Any, path: str) -> None:
        super().__init__(params, path)
        self.seconds = _seconds(params, f"{path}.{self.name}")


class FirstResponseWithin(_WithinCheck):
    """The first agent reply came within the duration (auto-acknowledgements do not count)."""

    name = "first_response_within"
    family = "timing"
    example: ClassVar[Any] = "60s"

    def evaluate(self, view: View) -> Outcome:
        limit_ms = _limit_ms(self.seconds, view)
        limit = _ms(limit_ms)
        if not view.replies:
            if view.unanswered:
                return failed(f"no reply (limit {limit})", view.unanswered[0])
            return not_applicable("no agent reply")
        first = view.replies[0]
        if first.latency_ms is None:
            return not_applicable("first reply has no timing", first.index)
        verdict = passed if first.latency_ms <= limit_ms else failed
        return verdict(f"first reply after {_ms(first.latency_ms)} (limit {limit})", first.index)


class EachResponseWithin(_WithinCheck):
    """Every agent reply came within the duration of the shopper's message before it."""

    name = "each_response_within"
    family = "timing"
    example: ClassVar[Any] = "5m"

    def evaluate(self, view: View) -> Outcome:
        limit_ms = _limit_ms(self.seconds, view)
        limit = _ms(limit_ms)
        timed = [r for r in view.replies if r.latency_ms is not None]
        for reply in timed:
            if reply.latency_ms is not None and reply.latency_ms > limit_ms:
                return failed(f"reply after {_ms(reply.latency_ms)} (limit {limit})", reply.index)
        if view.unanswered:
            return failed(f"a message got no reply (limit {limit})", view.unanswered[0])
        if not timed:
            return not_applicable("no timed agent reply")
        slowest = max(timed, key=lambda r: r.latency_ms or 0.0)
        return passed(f"slowest reply {_ms(slowest.latency_ms or 0.0)} (limit {limit})", slowest.index)
