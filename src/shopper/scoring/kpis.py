"""KPIs per conversation and per target × channel, reproducible from ``results.jsonl``.

Per conversation, :func:`conversation_kpis` fills ``result.kpis``: ``first_response_ms``,
``mean_response_ms``, ``agent_turns``, ``handed_off``, ``sla_breached`` (a ``speed``
criterion failed; None if none applied; the audit runner may overwrite it with its own SLA)
and the extras ``replied`` (any agent reply), ``language_match`` (the ``language`` criteria
passed; None if none could tell) and ``resolved`` (as the runner set it, else True when
``resolution_ms`` is set; None if the scenario marks no resolution) and ``answered_by_bot``
(the first reply was sent by a bot or an autoresponder, by its headers or its meaning; None
without a reply).

:func:`aggregate` returns one row per target × channel, :func:`overall` one row for all,
with these columns:

==========================  =====================================================================
target, channel             the group (``*`` in :func:`overall`)
conversations               attempts (every record, whatever its status)
replied                     attempts that got any agent reply
availability                replied / conversations
first_response_p50_ms       median first-response time over replied conversations
first_response_p90_ms       90th percentile (linear interpolation)
first_response_max_ms       slowest first response
mean_response_ms            mean of the per-conversation mean response times
sla_breach_rate             share of conversations with a ``speed`` criterion that breached
resolution_rate             share resolved, over conversations whose scenario marks resolution
handoff_rate                share of replied conversations handed off (or offered) to a human
bot_answer_rate             share of replied conversations whose first reply a bot sent
language_match_rate         share in the customer's language, over those where it could tell
critical_violations         number of failed critical criteria
critical_conversations      conversations with at least one failed critical criterion
score_mean                  mean score over scored conversations
pass_rate                   share of attempts that were scored with no critical failure
==========================  =====================================================================

Rates are None (NaN) when nothing they divide by exists.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from shopper.results import ConversationResult, CriterionResult, Kpis

if TYPE_CHECKING:
    import pandas as pd

    from shopper.scoring.checks.base import Reply

COLUMNS = (
    "target", "channel", "conversations", "replied", "availability", "first_response_p50_ms",
    "first_response_p90_ms", "first_response_max_ms", "mean_response_ms", "sla_breach_rate",
    "resolution_rate", "handoff_rate", "bot_answer_rate", "language_match_rate", "critical_violations",
    "critical_conversations", "score_mean", "pass_rate",
)


def _verdict(rows: Sequence[CriterionResult], category: str) -> bool | None:
    results = [row.result for row in rows if row.category == category and row.result != "na"]
    return None if not results else all(r == "pass" for r in results)


def conversation_kpis(result: ConversationResult, replies: Sequence[Reply], rows: Sequence[CriterionResult],
                      sla_ms: float | None = None) -> Kpis:
    """The conversation's KPIs; ``sla_ms`` is the first-response SLA applied to its channel (kept in the record)."""
    latencies = [r.latency_ms for r in replies if r.latency_ms is not None]
    extra = dict(result.kpis.model_extra or {})
    speed_ok = _verdict(rows, "speed")
    resolved = extra.get("resolved")
    if resolved is None and result.kpis.resolution_ms is not None:
        resolved = True
    handed_off = any(t.kind == "handoff" for t in result.turns) or any(
        row.id.startswith("offers-human") and row.result == "pass" for row in rows
    )
    extra.update(replied=bool(replies), language_match=_verdict(rows, "language"), resolved=resolved,
                 answered_by_bot=replies[0].turn.automated if replies else None)
    return Kpis(
        first_response_ms=replies[0].latency_ms if replies else None,
        mean_response_ms=sum(latencies) / len(latencies) if latencies else None,
        agent_turns=len(replies),
        handed_off=handed_off,
        resolution_ms=result.kpis.resolution_ms,
        sla_breached=None if speed_ok is None else not speed_ok,
        sla_ms=sla_ms,
        **extra,
    )


def passed(result: ConversationResult) -> bool:
    """Did the conversation pass: it was scored (got a reply) and no critical criterion failed."""
    return result.critical_failures == 0 and result.score is not None


def frame(results: Iterable[ConversationResult]) -> pd.DataFrame:
    """One row per conversation: the figures every aggregate is computed from."""
    import pandas as pd

    rows: list[dict[str, Any]] = []
    for result in results:
        extra = result.kpis.model_extra or {}
        rows.append({
            "target": result.target, "channel": result.channel, "scenario": result.scenario,
            "status": str(result.status), "replied": bool(extra.get("replied", result.kpis.agent_turns > 0)),
            "first_response_ms": result.kpis.first_response_ms, "mean_response_ms": result.kpis.mean_response_ms,
            "sla_breached": result.kpis.sla_breached, "resolved": extra.get("resolved"),
            "handed_off": result.kpis.handed_off, "answered_by_bot": extra.get("answered_by_bot"),
            "language_match": extra.get("language_match"),
            "critical_failures": result.critical_failures, "score": result.score, "passed": passed(result),
        })
    return pd.DataFrame(rows, columns=[
        "target", "channel", "scenario", "status", "replied", "first_response_ms", "mean_response_ms",
        "sla_breached", "resolved", "handed_off", "answered_by_bot", "language_match", "critical_failures", "score",
        "passed",
    ])


def rate(series: pd.Series) -> float | None:
    known = series.dropna()
    return None if known.empty else float(known.astype(bool).mean())


def summarize(group: pd.DataFrame) -> dict[str, Any]:
    replied = group[group["replied"]]
    first = replied["first_response_ms"].dropna()
    return {
        "conversations": len(group),
        "replied": len(replied),
        "availability": len(replied) / len(group) if len(group) else None,
        "first_response_p50_ms": float(first.quantile(0.5)) if not first.empty else None,
        "first_response_p90_ms": float(first.quantile(0.9)) if not first.empty else None,
        "first_response_max_ms": float(first.max()) if not first.empty else None,
        "mean_response_ms": float(replied["mean_response_ms"].dropna().mean()) if not replied.empty else None,
        "sla_breach_rate": rate(group["sla_breached"]),
        "resolution_rate": rate(group["resolved"]),
        "handoff_rate": float(replied["handed_off"].mean()) if not replied.empty else None,
        # older history rows (before the figure existed) carry no such column
        "bot_answer_rate": rate(replied["answered_by_bot"]) if "answered_by_bot" in replied else None,
        "language_match_rate": rate(group["language_match"]),
        "critical_violations": int(group["critical_failures"].sum()),
        "critical_conversations": int((group["critical_failures"] > 0).sum()),
        "score_mean": float(group["score"].dropna().mean()) if group["score"].notna().any() else None,
        "pass_rate": float(group["passed"].mean()) if len(group) else None,
    }


def aggregate(results: Iterable[ConversationResult]) -> pd.DataFrame:
    """One row per target × channel (columns: :data:`COLUMNS`)."""
    import pandas as pd

    data = frame(results)
    rows = [{"target": target, "channel": channel, **summarize(group)}
            for (target, channel), group in data.groupby(["target", "channel"], sort=True)]
    return pd.DataFrame(rows, columns=list(COLUMNS))


def overall(results: Iterable[ConversationResult]) -> pd.DataFrame:
    """One row over every conversation (target and channel ``*``)."""
    import pandas as pd

    data = frame(results)
    return pd.DataFrame([{"target": "*", "channel": "*", **summarize(data)}], columns=list(COLUMNS))
