"""`shopper schedule` end to end: a seconds-level cron, the real CLI, real Chromium, the embedded demo.

Two audits on "*/2 * * * * *": a tiny one against the demo's good desk and one whose chat target
is down (nothing listens on 127.0.0.1:9) and whose gate wants full availability, so each of its
runs breaks the gate and alerts. The scheduler runs until the history database shows three runs
of the tiny audit (polled, bounded), then gets SIGTERM and must exit 0 having finished what was in
flight. Once against SQLite, once against a real PostgreSQL.
"""

from __future__ import annotations

import base64
import json
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest
from conftest import BACKENDS, fresh_url
from ops_helpers import query
from webhook import Receiver, webhook

pytestmark = pytest.mark.browser

TINY = """\
audit: tiny
targets:
  - {id: good, domains: [harbor.example], demo: {profile: good, speed: 0.05}, chat: {settle: 0.5s}}
scenarios: ["scenarios/crypto/kyc-delayed.yaml"]
rubrics: [scoring/crypto-safety.yaml, scoring/service-quality.yaml]
channels: [chat]
locales: [en_US]
retries: 0
pacing: {typing_cps: 0, think: 0s}
timeouts: {chat_within: 20s}
schedule: "*/2 * * * * *"
"""

DOWN = """\
audit: down
targets:
  - id: gone
    domains: [gone.example]
    chat:
      url: http://127.0.0.1:9/
      open_timeout: 5s
      selectors: {launcher: "#launcher", input: textarea, agent_message: ".msg.agent"}
scenarios: ["scenarios/crypto/kyc-delayed.yaml"]
rubrics: [scoring/crypto-safety.yaml, scoring/service-quality.yaml]
channels: [chat]
locales: [en_US]
retries: 0
gate: {min_availability: 1.0}
schedule: "*/2 * * * * *"
"""

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Scheduled:
    url: str
    project: Path
    returncode: int
    stderr: str
    alerts: Path
    hook: Receiver


def _runs(url: str, audit: str) -> int:
    try:
        return int(query(url, "SELECT count(*) FROM schedule_events WHERE audit = :a AND event = 'ran'", a=audit)[0][0])
    except Exception:  # the schema is not there yet
        return 0


@pytest.fixture(scope="module", params=BACKENDS)
def scheduled(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Scheduled:
    project = tmp_path_factory.mktemp(f"schedule-{request.param}")
    (project / "audits").mkdir()
    (project / "audits" / "tiny.yaml").write_text(TINY, encoding="utf-8")
    (project / "audits" / "down.yaml").write_text(DOWN, encoding="utf-8")
    url = fresh_url(request.param, project, request)
    alerts = project / "alerts.jsonl"
    record = f"{sys.executable} -c 'import sys; open(sys.argv[1], \"a\").write(sys.stdin.read() + \"\\n\")' {alerts}"
    with webhook() as hook:
        proc = subprocess.Popen(
            [sys.executable, "-m", "shopper", "schedule", "audits/tiny.yaml", "audits/down.yaml", "--db", url,
             "--grace", "60", "--alert-cmd", record, "--webhook", hook.url],
            cwd=project, env={**os.environ, "NO_COLOR": "1"}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True,
        )
        try:
            deadline = time.monotonic() + 150
            while not (_runs(url, "tiny") >= 3 and _runs(url, "down") >= 1 and hook.got.is_set()):
                assert proc.poll() is None, f"the scheduler died: {proc.communicate()[1][-3000:]}"
                assert time.monotonic() < deadline, "three scheduled runs did not happen in 150 s"
                time.sleep(0.2)  # polling interval of a bounded condition wait
            proc.send_signal(signal.SIGTERM)
            _, stderr = proc.communicate(timeout=90)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    return Scheduled(url, project, proc.returncode, stderr, alerts, hook)


def test_sigterm_stops_the_schedule_cleanly(scheduled: Scheduled) -> None:
    assert scheduled.returncode == 0, scheduled.stderr[-3000:]
    assert re.search(r"schedule stopped after \d+ runs", scheduled.stderr)


def test_every_run_is_written_as_usual_and_imported_whole(scheduled: Scheduled) -> None:
    folders = sorted((scheduled.project / "reports" / "tiny").iterdir())
    assert len(folders) >= 3
    for folder in folders:
        manifest = json.loads((folder / "run.json").read_text())
        lines = (folder / "results.jsonl").read_text().splitlines()
        assert len(lines) == len(manifest["keys"]) == 1, "the run in flight at SIGTERM finished"
    in_db = query(scheduled.url, "SELECT r.run_id, c.status, c.available FROM runs r "
                                 "JOIN conversations c ON c.run_pk = r.id WHERE r.audit = 'tiny' ORDER BY r.run_id")
    assert [row[0] for row in in_db] == sorted(json.loads((f / "run.json").read_text())["run"] for f in folders)
    assert {(status, available) for _, status, available in in_db} == {("completed", True)}


def test_a_target_that_is_down_is_recorded_unavailable(scheduled: Scheduled) -> None:
    rows = query(scheduled.url, "SELECT c.status, c.available, c.first_response_ms FROM runs r "
                                "JOIN conversations c ON c.run_pk = r.id WHERE r.audit = 'down'")
    assert rows and set(rows) == {("unavailable", False, None)}


def test_every_slot_is_logged_overlaps_as_skipped(scheduled: Scheduled) -> None:
    events = dict(query(scheduled.url, "SELECT event, count(*) FROM schedule_events WHERE audit = 'tiny' GROUP BY event"))
    assert events["ran"] >= 3
    assert events.get("skipped", 0) >= 1, "a tiny run takes longer than the 2 s between slots"
    ran = query(scheduled.url, "SELECT run_id FROM schedule_events WHERE audit = 'tiny' AND event = 'ran'")
    assert all(run_id for (run_id,) in ran)


def test_a_broken_gate_alerts_through_the_command_and_the_webhook(scheduled: Scheduled) -> None:
    sent = [json.loads(line) for line in scheduled.alerts.read_text().splitlines() if line.strip()]
    assert sent and {alert["audit"] for alert in sent} == {"down"}, "the good desk passes its gate"
    assert all(not alert["passed"] and alert["reasons"] for alert in sent)
    assert any("availability" in reason for reason in sent[0]["reasons"])
    bodies = scheduled.hook.bodies
    assert bodies and all(set(body) == {"text"} for body in bodies)
    assert "down" in bodies[0]["text"] and "failed its gate" in bodies[0]["text"]


def test_trend_renders_the_heatmap_from_the_scheduled_runs(scheduled: Scheduled) -> None:
    out = scheduled.project / "trend"
    done = subprocess.run([sys.executable, "-m", "shopper", "trend", "--db", scheduled.url, "--since", "1d",
                           "--out", str(out)], cwd=scheduled.project, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    html = (out / "trend.html").read_text()
    meta = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert meta, "a strict CSP"
    policy = unescape(meta.group(1))
    assert policy.startswith("default-src 'none';") and "img-src data:;" in policy and "script-src" not in policy
    assert "http://" not in html and "https://" not in html, "the page links nothing outside"
    figure = re.search(r'<figure id="heatmap">.*?<img src="data:image/svg\+xml;base64,([^"]+)"', html, re.S)
    assert figure, "the heatmap is in the page"
    svg = base64.b64decode(figure.group(1)).decode()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert 'id="heatmap-availability"' in svg and 'id="heatmap-response"' in svg
    assert not re.search(r"(?:href|src)=\"(?!#)", svg) and "url(http" not in svg, "the SVG loads nothing"
    assert "<image" not in svg, "the heatmap is vector cells, not an embedded bitmap"
    assert all(f">{day}</text>" in svg for day in ("Mon", "Sun")), "weekdays label the rows"
    markdown = (out / "trend.md").read_text()
    assert "## Availability by hour of day (UTC) × weekday" in markdown
    assert "| gone | chat |" in markdown and "| 0% |" in markdown
    assert (out / "heatmap.svg").read_text() == svg
