"""Alert delivery: Slack-compatible webhook body, the command's stdin, retries, never blocking."""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path

from webhook import webhook

from shopper.operations.alerts import Alert, AlertSinks, dispatch, send

ALERT = Alert(audit="nightly", run="nightly-20261122T030000Z", run_dir="/runs/x",
              reasons=["availability 50% < 100%", "score 61.4 < 80"])


def test_the_webhook_gets_a_slack_body_and_failures_are_retried() -> None:
    with webhook(fail_first=2) as hook:
        [delivery] = send(ALERT, AlertSinks(webhook=hook.url, attempts=3, backoff_s=0.01))
    assert delivery.ok and delivery.attempts == 3 and len(delivery.errors) == 2
    assert hook.bodies == [{"text": "shopper: audit nightly run nightly-20261122T030000Z failed its gate: "
                                    "availability 50% < 100%; score 61.4 < 80"}]


def test_retries_are_bounded() -> None:
    with webhook(fail_first=10) as hook:
        [delivery] = send(ALERT, AlertSinks(webhook=hook.url, attempts=3, backoff_s=0.01))
    assert not delivery.ok and delivery.attempts == 3 and hook.requests == 3


def test_the_command_reads_the_alert_json_on_stdin(tmp_path: Path) -> None:
    out = tmp_path / "alert.json"
    command = f"{sys.executable} -c 'import sys; open(sys.argv[1], \"w\").write(sys.stdin.read())' {out}"
    [delivery] = send(ALERT, AlertSinks(command=command))
    assert delivery.ok
    body = json.loads(out.read_text())
    assert body["audit"] == "nightly" and body["passed"] is False and body["reasons"] == ALERT.reasons
    assert body["text"] == ALERT.text


def test_a_failing_command_is_retried_and_reported(tmp_path: Path) -> None:
    [delivery] = send(ALERT, AlertSinks(command=f"{sys.executable} -c 'raise SystemExit(4)'", attempts=2,
                                        backoff_s=0.01))
    assert not delivery.ok and delivery.attempts == 2 and "exit 4" in delivery.errors[0]


def test_dispatch_returns_at_once_while_the_endpoint_hangs() -> None:
    hold = threading.Event()
    with webhook(hold=hold) as hook:
        started = time.monotonic()
        thread = dispatch(ALERT, AlertSinks(webhook=hook.url, timeout_s=20))
        assert time.monotonic() - started < 1.0
        assert thread.is_alive(), "the delivery is still waiting on the endpoint"
        hold.set()
        thread.join(20)
        assert not thread.is_alive() and hook.got.is_set()
