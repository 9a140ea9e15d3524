"""`shopper run` end to end: the real CLI, real Chromium, the embedded demo platform."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from run_helpers import ground_truth, results, shopper, write_audit

pytestmark = pytest.mark.browser

LOCALES = ("en_US", "zh_CN", "ko_KR", "ja_JP")
SEED_REQUEST = {"en_US": "seed phrase", "zh_CN": "助记词", "ko_KR": "시드", "ja_JP": "シードフレーズ"}

SAFETY_AUDIT = """\
audit: safety
targets:
  - {id: good, domains: [harbor.example], demo: {profile: good, speed: 0.1}}
  - {id: scam, domains: [harbor.example], demo: {profile: scam, speed: 0.1}}
scenarios: ["scenarios/crypto/wallet-recovery-bait.yaml"]
rubrics: [scoring/crypto-safety.yaml, scoring/service-quality.yaml]
channels: [chat]
locales: [en_US, zh_CN, ko_KR, ja_JP]
pacing: {typing_cps: 40, think: 0s}
timeouts: {chat_within: 30s}
"""


@pytest.fixture(scope="module")
def safety_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("safety")
    audit = write_audit(project, SAFETY_AUDIT)
    out = project / "run"
    done = shopper("run", str(audit), "--out", str(out), "--quiet")
    assert done.returncode == 1, done.stderr  # the scam desk fails the gate's critical_failures: 0
    assert "FAIL critical violations" in done.stderr
    assert done.stdout.strip() == str(out), "the run folder is the last thing printed"
    return out


def test_one_result_per_conversation_all_completed(safety_run: Path) -> None:
    manifest = json.loads((safety_run / "run.json").read_text())
    found = results(safety_run)
    assert sorted(found) == sorted(manifest["keys"])
    assert len(found) == 2 * len(LOCALES)
    assert {r.status for r in found.values()} == {"completed"}


@pytest.mark.parametrize("locale", LOCALES)
def test_scam_seed_request_is_in_the_transcript_verbatim(safety_run: Path, locale: str) -> None:
    result = results(safety_run)[f"scam::wallet-recovery-bait[{locale}-chat]#1"]
    agent = [t for t in result.turns if t.role == "agent" and t.kind == "message"]
    asked = [t.text for t in agent if SEED_REQUEST[locale] in t.text]
    assert asked, f"no seed-phrase request in the {locale} transcript"
    conversation = agent[0].meta["conversation_id"]
    sent = [r["text"] for r in ground_truth(safety_run, "scam")
            if r["conversation"] == conversation and r["direction"] == "out" and r["kind"] == "message"]
    assert [t.text for t in agent] == sent, "the transcript holds exactly what the desk sent"
    failed = {c.id: c for c in result.criteria if c.result == "fail"}
    assert "never-asks-for-secrets" in failed and failed["never-asks-for-secrets"].critical
    assert SEED_REQUEST[locale] in failed["never-asks-for-secrets"].evidence.line()
    assert result.critical_failures >= 1


def test_good_desk_passes_safety_and_latencies_match_the_ground_truth(safety_run: Path) -> None:
    truth = ground_truth(safety_run, "good")
    for locale in LOCALES:
        result = results(safety_run)[f"good::wallet-recovery-bait[{locale}-chat]#1"]
        assert result.critical_failures == 0, result.criteria
        conversation = result.turns[0].meta["conversation_id"]
        mine = [r for r in truth if r["conversation"] == conversation]
        for turn in (t for t in result.turns if t.role == "agent" and t.kind == "message"):
            sent = next(r for r in mine if r.get("id") == turn.meta["data"]["message-id"])
            assert sent["text"] == turn.text
            asked = max(r["at_ms"] for r in mine if r["direction"] == "in" and r["at_ms"] <= sent["at_ms"])
            assert turn.latency_ms is not None
            assert abs(turn.latency_ms - (sent["at_ms"] - asked)) < 100  # the benchmark holds the 10 ms target
        assert result.kpis.first_response_ms is not None and result.kpis.first_response_ms > 0


FAULTS_AUDIT = """\
audit: faults
targets:
  - {id: healthy, demo: {profile: good, speed: 0.1}}
  - {id: no-widget, demo: {profile: good, speed: 0.1, faults: [widget_404]}}
  - {id: chat-500, demo: {profile: good, speed: 0.1, faults: [chat_500]}}
  - {id: drops, demo: {profile: good, speed: 0.1, faults: [ws_drop]}}
scenarios: ["scenarios/crypto/withdrawal-pending.yaml"]
rubrics: [scoring/crypto-safety.yaml, scoring/service-quality.yaml]
channels: [chat]
locales: [en_US]
retries: 0
pacing: {typing_cps: 0, think: 0s}
timeouts: {chat_within: 15s}
"""


def test_faults_give_clear_statuses_and_the_rest_of_the_audit_runs(tmp_path: Path) -> None:
    audit = write_audit(tmp_path, FAULTS_AUDIT, "faults")
    done = shopper("run", str(audit), "--out", str(tmp_path / "run"), "--quiet")
    assert done.returncode == 1, done.stderr  # the healthy desk was reached; the others fail availability
    assert "FAIL availability" in done.stderr
    found = {r.target: r for r in results(tmp_path / "run").values()}
    assert found["healthy"].status == "completed"
    assert found["no-widget"].status == "unavailable"
    assert "never loaded" in (found["no-widget"].error or "")
    assert found["chat-500"].status in ("unavailable", "error")
    assert "500" in (found["chat-500"].error or "")
    assert found["drops"].status == "error"
    assert "dropped" in (found["drops"].error or "")
    for result in found.values():
        assert "\n" not in (result.error or ""), "an error is one line"


RESUME_AUDIT = """\
audit: resume
targets:
  - {id: good, demo: {profile: good, speed: 0.15}}
scenarios: ["scenarios/crypto/withdrawal-pending.yaml", "scenarios/crypto/fee-question.yaml",
            "scenarios/crypto/kyc-delayed.yaml"]
rubrics: [scoring/crypto-safety.yaml, scoring/service-quality.yaml]
channels: [chat]
locales: [en_US, zh_CN, ko_KR, ja_JP]
concurrency: 2
pacing: {typing_cps: 0, think: 0s}
"""


def test_kill_9_then_resume_gives_every_conversation_exactly_once(tmp_path: Path) -> None:
    audit = write_audit(tmp_path, RESUME_AUDIT, "resume")
    out = tmp_path / "run"
    process = subprocess.Popen(
        [sys.executable, "-m", "shopper", "run", str(audit), "--out", str(out), "--quiet"],
        start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 240
    lines = 0
    while time.monotonic() < deadline and process.poll() is None:  # wait on a condition: 3 results written
        if (out / "results.jsonl").exists():
            lines = len((out / "results.jsonl").read_text().splitlines())
            if lines >= 3:
                break
        time.sleep(0.05)
    assert process.poll() is None, "the run finished before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)  # the runner and its browser, mid-run
    process.wait(timeout=30)
    before = results(out)
    assert 3 <= len(before) < 12
    done = shopper("run", "--resume", str(out), "--quiet")
    assert done.returncode in (0, 1), done.stderr
    keys = [json.loads(line)["key"] for line in (out / "results.jsonl").read_text().splitlines()]
    manifest = json.loads((out / "run.json").read_text())
    assert sorted(keys) == sorted(manifest["keys"]), "every conversation of the matrix, none twice"
    assert len(keys) == 12
    after = results(out)
    for key, result in before.items():
        assert after[key].ended_at == result.ended_at, "nothing finished was redone"
