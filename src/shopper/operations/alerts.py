"""Alerts when a run breaks its gate: a command (the alert JSON on stdin) and a webhook.

The webhook body is Slack-compatible (``{"text": …}``). Every delivery is retried with
exponential backoff, each attempt has a timeout, and :func:`dispatch` runs them in a daemon
thread so a slow or dead endpoint never holds the schedule up.
"""

from __future__ import annotations

import json
import logging
import shlex
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from shopper.audits.plan import Plan
    from shopper.results import ConversationResult

log = logging.getLogger(__name__)


class GateVerdict(Protocol):
    passed: bool
    reasons: list[str]


GateCheck = Callable[["Plan", "list[ConversationResult]"], GateVerdict]


def default_gate_check() -> GateCheck:
    """The audit's own gate, :func:`shopper.audits.gate.evaluate_gate` (no baseline)."""

    def check(plan: Plan, results: list[ConversationResult]) -> GateVerdict:
        from shopper.audits.gate import evaluate_gate

        return evaluate_gate(plan, results)

    return check


@dataclass(frozen=True)
class Alert:
    audit: str
    run: str
    run_dir: str
    reasons: list[str]
    passed: bool = False
    kind: str = "gate_failed"

    @property
    def text(self) -> str:
        why = "; ".join(self.reasons) or "no reason given"
        return f"shopper: audit {self.audit} run {self.run} failed its gate: {why}"

    def payload(self) -> dict[str, Any]:
        return {**asdict(self), "text": self.text}


@dataclass(frozen=True)
class AlertSinks:
    command: str | None = None
    webhook: str | None = None
    attempts: int = 3
    timeout_s: float = 10.0
    backoff_s: float = 0.5  # doubled after each failed attempt

    def __bool__(self) -> bool:
        return bool(self.command or self.webhook)


@dataclass
class Delivery:
    sink: str
    ok: bool
    attempts: int
    errors: list[str] = field(default_factory=list)


def _run_command(command: str, body: bytes, timeout_s: float) -> None:
    done = subprocess.run(shlex.split(command), input=body, capture_output=True, timeout=timeout_s, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"exit {done.returncode}: {done.stderr.decode(errors='replace').strip()[-300:]}")


def _post(url: str, body: bytes, timeout_s: float) -> None:
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout_s) as response:
        response.read()


def _retry(sink: str, attempt: Callable[[], None], sinks: AlertSinks, stop: threading.Event) -> Delivery:
    delivery = Delivery(sink, ok=False, attempts=0)
    delay = sinks.backoff_s
    for number in range(1, sinks.attempts + 1):
        delivery.attempts = number
        try:
            attempt()
        except (OSError, RuntimeError, subprocess.SubprocessError, urllib.error.URLError) as exc:
            delivery.errors.append(f"{type(exc).__name__}: {exc}")
            log.warning("alert via %s failed (attempt %d/%d): %s", sink, number, sinks.attempts, exc)
            if number < sinks.attempts and stop.wait(delay):
                break
            delay *= 2
            continue
        delivery.ok = True
        break
    return delivery


def send(alert: Alert, sinks: AlertSinks, stop: threading.Event | None = None) -> list[Delivery]:
    """Deliver to every configured sink, each retried with backoff; never raises."""
    stop = stop or threading.Event()
    deliveries: list[Delivery] = []
    if sinks.command:
        body = json.dumps(alert.payload(), ensure_ascii=False).encode()
        command = sinks.command
        deliveries.append(_retry("command", lambda: _run_command(command, body, sinks.timeout_s), sinks, stop))
    if sinks.webhook:
        body = json.dumps({"text": alert.text}, ensure_ascii=False).encode()
        url = sinks.webhook
        deliveries.append(_retry("webhook", lambda: _post(url, body, sinks.timeout_s), sinks, stop))
    return deliveries


def dispatch(alert: Alert, sinks: AlertSinks, done: Callable[[list[Delivery]], None] | None = None
             ) -> threading.Thread:
    """Send in a daemon thread; the caller goes on at once (join it, bounded, before exiting)."""

    def work() -> None:
        deliveries = send(alert, sinks)
        if done is not None:
            done(deliveries)

    thread = threading.Thread(target=work, name=f"alert-{alert.run}", daemon=True)
    thread.start()
    return thread


def worst_case_s(sinks: AlertSinks) -> float:
    """How long a delivery can take at most (to bound a join)."""
    backoff = sum(sinks.backoff_s * 2.0**n for n in range(max(sinks.attempts - 1, 0)))
    per_sink = sinks.attempts * sinks.timeout_s + backoff
    return per_sink * float(bool(sinks.command) + bool(sinks.webhook))


def check_run(plan: Plan, results: Sequence[ConversationResult], check: GateCheck, run: str, run_dir: str
              ) -> Alert | None:
    """An alert if ``check`` says the run broke its gate, else None."""
    verdict = check(plan, list(results))
    if verdict.passed:
        return None
    return Alert(audit=plan.audit.audit, run=run, run_dir=run_dir, reasons=list(verdict.reasons))
