"""The api channel end to end: `shopper run` against the demo's bot APIs, timed against its ground truth.

Every protocol the demo speaks (Direct Line by WebSocket, by polling and livestreamed; Rasa REST
and socket.io; OpenAI-compatible streamed and not) holds the same scenario as the widget does,
and the faults a bot API really has (a dropped stream, a 429 with Retry-After, a payload its
protocol does not allow) end as a real client would end them, one line each, with the rest of
the audit run and written.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from integration.run_helpers import ground_truth, results, shopper, write_audit
from shopper.results import ConversationResult

pytestmark = pytest.mark.browser  # the same audit holds the widget conversations beside them

SECRET = "dl-secret-7f3a9c"
TOLERANCE_MS = 25.0  # a stamp off by more is a stamp taken at the wrong moment (settle: 2000 ms)

PROTOCOLS_AUDIT = """\
audit: api-protocols
targets:
  - {id: dl, domains: [harbor.example], demo: {profile: good, speed: 0.1}}
  - {id: dlpoll, domains: [harbor.example], demo: {profile: good, speed: 0.1},
     api: {protocol: directline, stream: polling, poll_interval: 0.05s, secret: "${DL_SECRET}"}}
  - {id: dlstream, domains: [harbor.example], demo: {profile: good, speed: 0.1, livestream: true}}
  - {id: rest, domains: [harbor.example], demo: {profile: scam, speed: 0.1, api: rasa-rest}}
  - {id: sio, domains: [harbor.example], demo: {profile: scam, speed: 0.1, api: rasa-socketio}}
  - {id: oa, domains: [harbor.example], demo: {profile: scam, speed: 0.1, api: openai}}
  - {id: oaflat, domains: [harbor.example], demo: {profile: good, speed: 0.1},
     api: {protocol: openai, stream: false}}
scenarios: ["scenarios/crypto/wallet-recovery-bait.yaml"]
rubrics: [scoring/crypto-safety.yaml, scoring/service-quality.yaml]
channels: [chat, api]
locales: [en_US]
pacing: {typing_cps: 0, think: 0s}
timeouts: {chat_within: 30s}
"""

FAULTS_AUDIT = """\
audit: api-faults
targets:
  - {id: dldrop, domains: [harbor.example], demo: {profile: good, speed: 0.1, faults: [ws_drop]}}
  - {id: dl429, domains: [harbor.example], demo: {profile: good, speed: 0.1, faults: [api_429]}}
  - {id: dlbad, domains: [harbor.example], demo: {profile: good, speed: 0.1, faults: [api_malformed]}}
  - {id: rest429, domains: [harbor.example], demo: {profile: good, speed: 0.1, api: rasa-rest, faults: [api_429]}}
  - {id: restbad, domains: [harbor.example], demo: {profile: good, speed: 0.1, api: rasa-rest, faults: [api_malformed]}}
  - {id: siodrop, domains: [harbor.example], demo: {profile: good, speed: 0.1, api: rasa-socketio, faults: [ws_drop]}}
  - {id: siobad, domains: [harbor.example], demo: {profile: good, speed: 0.1, api: rasa-socketio, faults: [api_malformed]}}
  - {id: oadrop, domains: [harbor.example], demo: {profile: good, speed: 0.1, api: openai, faults: [ws_drop]}}
  - {id: oa429, domains: [harbor.example], demo: {profile: good, speed: 0.1, api: openai, faults: [api_429]}}
  - {id: oabad, domains: [harbor.example], demo: {profile: good, speed: 0.1, api: openai, faults: [api_malformed]}}
scenarios: ["scenarios/crypto/withdrawal-pending.yaml"]
rubrics: [scoring/crypto-safety.yaml, scoring/service-quality.yaml]
channels: [api]
locales: [en_US]
retries: 0
pacing: {typing_cps: 0, think: 0s}
timeouts: {chat_within: 30s}
"""


def _run(project: Path, body: str, env: dict[str, str] | None = None) -> Path:
    audit = write_audit(project, body)
    out = project / "run"
    done = shopper("run", str(audit), "--out", str(out), "--quiet", env=env)
    assert done.returncode in (0, 1), done.stderr
    assert (out / "results.jsonl").exists()
    return out


@pytest.fixture(scope="module")
def protocols_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _run(tmp_path_factory.mktemp("api-protocols"), PROTOCOLS_AUDIT, {"DL_SECRET": SECRET})


@pytest.fixture(scope="module")
def faults_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _run(tmp_path_factory.mktemp("api-faults"), FAULTS_AUDIT)


def _api(run: Path, target: str, scenario: str = "wallet-recovery-bait") -> ConversationResult:
    return results(run)[f"{target}::{scenario}[en_US-api]#1"]


def _truth_pairs(run: Path, target: str, result: ConversationResult) -> list[tuple[Any, dict[str, Any], float]]:
    """Each agent reply turn with its ground-truth record and the truth's latency from the message it answers."""
    truth = [r for r in ground_truth(run, target) if r["channel"] == "api"]
    replies = [t for t in result.turns if t.role == "agent" and t.kind == "message"]
    outs = [r for r in truth if r["direction"] == "out" and r["kind"] != "welcome"]
    assert [t.text for t in replies] == [r["text"] for r in outs], "the transcript is not what the bot sent"
    pairs = []
    for turn, out in zip(replies, outs, strict=True):
        answered = [r for r in truth if r["direction"] == "in" and r["at_ms"] <= out["at_ms"]][-1]
        pairs.append((turn, out, answered["at_ms"]))
    return pairs


@pytest.mark.parametrize("target", ["dl", "dlpoll", "dlstream", "rest", "sio", "oa", "oaflat"])
def test_each_protocol_holds_the_scenario_and_captures_every_message(protocols_run: Path, target: str) -> None:
    result = _api(protocols_run, target)
    assert result.status == "completed", result.error
    assert result.channel == "api"
    pairs = _truth_pairs(protocols_run, target, result)
    assert len(pairs) >= 2, "both steps of the scenario were answered"


@pytest.mark.parametrize("target", ["dl", "dlstream", "rest", "sio", "oa", "oaflat"])
def test_latency_matches_the_ground_truth(protocols_run: Path, target: str) -> None:
    result = _api(protocols_run, target)
    for turn, out, answered_at in _truth_pairs(protocols_run, target, result):
        shown_at = out.get("first_chunk_at_ms", out["at_ms"])
        assert turn.latency_ms is not None
        assert abs(turn.latency_ms - (shown_at - answered_at)) <= TOLERANCE_MS, (turn.text[:40], turn.latency_ms)


@pytest.mark.parametrize("target", ["dlstream", "oa"])
def test_a_streamed_answer_is_one_message_timed_at_its_first_and_final_chunk(protocols_run: Path, target: str) -> None:
    result = _api(protocols_run, target)
    for turn, out, answered_at in _truth_pairs(protocols_run, target, result):
        assert turn.meta["chunks"] > 1
        assert turn.meta["final_latency_ms"] > turn.latency_ms
        assert abs(turn.meta["final_latency_ms"] - (out["at_ms"] - answered_at)) <= TOLERANCE_MS


def test_polling_stamps_carry_the_poll_interval_as_their_bound(protocols_run: Path) -> None:
    result = _api(protocols_run, "dlpoll")
    pairs = _truth_pairs(protocols_run, "dlpoll", result)
    for turn, out, answered_at in pairs:
        assert turn.bound_ms == 50.0
        assert -TOLERANCE_MS <= turn.latency_ms - (out["at_ms"] - answered_at) <= 50.0 + TOLERANCE_MS


def test_widget_and_api_rows_sit_side_by_side(protocols_run: Path) -> None:
    found = results(protocols_run)
    for target in ("dl", "rest", "sio", "oa"):
        assert found[f"{target}::wallet-recovery-bait[en_US-chat]#1"].status == "completed"
    summary = (protocols_run / "summary.json").read_text(encoding="utf-8")
    rows = {row["target"]: row for row in json.loads(summary)["targets"]}
    for target in ("dl", "rest", "sio", "oa"):
        assert set(rows[target]["channels"]) == {"chat", "api"}
        assert rows[target]["widget_delay_ms"] is not None
    html = (protocols_run / "index.html").read_text(encoding="utf-8")
    assert "Bot API first response" in html and "the widget adds" in html


def test_the_scam_bot_is_caught_through_its_api_as_through_its_widget(protocols_run: Path) -> None:
    for target in ("rest", "sio", "oa"):
        api, chat = _api(protocols_run, target), results(protocols_run)[f"{target}::wallet-recovery-bait[en_US-chat]#1"]
        failed = {c.id for c in api.criteria if c.critical and c.result == "fail"}
        assert failed, f"{target}: the seed-phrase request over the API was not scored"
        assert failed == {c.id for c in chat.criteria if c.critical and c.result == "fail"}


def test_the_direct_line_secret_is_in_no_file_of_the_run(protocols_run: Path) -> None:
    leaked = [p for p in protocols_run.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()]
    assert not leaked


def test_a_dropped_direct_line_stream_is_resumed_from_its_watermark(faults_run: Path) -> None:
    result = _api(faults_run, "dldrop", "withdrawal-pending")
    assert result.status == "completed", result.error
    truth = [r for r in ground_truth(faults_run, "dldrop") if r["channel"] == "api" and r["direction"] == "out"]
    said = [t.text for t in result.turns if t.role in ("agent", "system")]
    assert [r["text"] for r in truth] == said, "a message sent while the stream was down was lost"


@pytest.mark.parametrize("target", ["dl429", "rest429", "oa429"])
def test_a_429_is_waited_out_by_its_retry_after_and_counted(faults_run: Path, target: str) -> None:
    result = _api(faults_run, target, "withdrawal-pending")
    assert result.status == "completed", result.error
    first = next(t for t in result.turns if t.role == "agent" and t.kind == "message")
    assert 950 <= first.meta["rate_limited_ms"] <= 1500
    assert first.latency_ms is not None and first.latency_ms >= first.meta["rate_limited_ms"]


@pytest.mark.parametrize("target", ["dlbad", "restbad", "siobad", "oabad"])
def test_a_malformed_payload_is_one_clear_error(faults_run: Path, target: str) -> None:
    result = _api(faults_run, target, "withdrawal-pending")
    assert result.status == "error"
    assert result.error is not None and "\n" not in result.error
    assert "malformed payload" in result.error


@pytest.mark.parametrize(("target", "words"), [("siodrop", "closed the connection"), ("oadrop", "stream")])
def test_a_dropped_stream_is_an_error_that_keeps_what_arrived(faults_run: Path, target: str, words: str) -> None:
    result = _api(faults_run, target, "withdrawal-pending")
    assert result.status == "error"
    assert result.error is not None and words in result.error
    assert any(t.role == "agent" for t in result.turns), "what arrived before the drop was lost"


def test_the_rest_of_the_audit_ran_and_was_written(faults_run: Path) -> None:
    found = results(faults_run)
    assert len(found) == 10
    assert (faults_run / "index.html").exists()
