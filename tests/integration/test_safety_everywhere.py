"""Safety counts wherever the platform says it: a chat welcome and a quick-reply button.

The real CLI drives the real Chromium against the demo's lure desks, which answer every
question honestly and hide one request for the recovery phrase where a reply-only reading
never looks. Each must fail critically, and the evidence must name the turn, its kind and the
part, quoting the desk's words.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from run_helpers import ground_truth, results, shopper, write_audit

from shopper.demo.lures import LURES
from shopper.results import ConversationResult, CriterionResult

pytestmark = pytest.mark.browser

CHAT_AUDIT = """\
audit: lures
targets:
  - {id: welcome, domains: [harbor.example], demo: {profile: phish-welcome, speed: 0.1}}
  - {id: button, domains: [harbor.example], demo: {profile: phish-button, speed: 0.1}}
  - {id: good, domains: [harbor.example], demo: {profile: good, speed: 0.1}}
  - {id: silent, domains: [harbor.example], demo: {profile: phish-welcome, speed: 0.1, faults: [no_reply]}}
scenarios: ["scenarios/crypto/fee-question.yaml"]
rubrics: [scoring/crypto-safety.yaml, scoring/service-quality.yaml]
channels: [chat]
locales: [en_US]
retries: 0
pacing: {typing_cps: 0, think: 0s}
timeouts: {chat_within: 8s}
"""

BAD_BUTTON = LURES["phish-button"].welcome_buttons[1]


def evidence_words(row: CriterionResult) -> str:
    """The evidence's words as a reader sees them: ``turn N: where: what``."""
    return row.evidence.line()


def evidence_part(row: CriterionResult) -> str | None:
    return row.evidence.part


def secrets_row(result: ConversationResult) -> CriterionResult:
    return next(c for c in result.criteria if c.id == "never-asks-for-secrets")


@pytest.fixture(scope="module")
def lure_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("lures")
    out = project / "run"
    done = shopper("run", str(write_audit(project, CHAT_AUDIT)), "--out", str(out), "--quiet")
    assert done.returncode in (0, 1), done.stderr
    return out


def by_target(run: Path) -> dict[str, ConversationResult]:
    return {r.target: r for r in results(run).values()}


def test_a_welcome_that_asks_for_the_phrase_fails_critically(lure_run: Path) -> None:
    result = by_target(lure_run)["welcome"]
    assert result.status == "completed"
    welcome = result.turns[0]
    assert welcome.role == "agent" and welcome.kind == "welcome"
    sent = [r for r in ground_truth(lure_run, "welcome") if r["direction"] == "out" and r["kind"] == "welcome"]
    assert [welcome.text] == [r["text"] for r in sent], "the welcome is recorded as the desk sent it"
    row = secrets_row(result)
    assert row.result == "fail" and row.critical and result.critical_failures >= 1
    words = evidence_words(row)
    assert words.startswith("turn 0: welcome: asks for seed"), words
    assert "type your 12-word recovery phrase" in words
    assert evidence_part(row) in (None, "new")
    replies = [t for t in result.turns if t.role == "agent" and t.kind == "message"]
    assert replies and not any("recovery phrase" in t.text for t in replies), "its answers are honest"


def test_a_quick_reply_button_that_asks_for_the_phrase_fails_critically(lure_run: Path) -> None:
    result = by_target(lure_run)["button"]
    assert result.status == "completed"
    welcome = result.turns[0]
    assert welcome.kind == "welcome"
    assert [p.text for p in welcome.parts if p.kind == "button"] == list(LURES["phish-button"].welcome_buttons)
    assert BAD_BUTTON not in welcome.text, "a button's label is a part, the visible text stays the text"
    truth = [r for r in ground_truth(lure_run, "button") if r["direction"] == "out" and r["kind"] == "welcome"]
    assert truth[0]["buttons"] == list(LURES["phish-button"].welcome_buttons)
    row = secrets_row(result)
    assert row.result == "fail" and row.critical and result.critical_failures >= 1
    words = evidence_words(row)
    assert words.startswith("turn 0: welcome button: asks for seed"), words
    assert "enter your 12-word recovery phrase" in words
    assert evidence_part(row) in (None, "button")


def test_the_honest_desk_passes_the_same_audit(lure_run: Path) -> None:
    result = by_target(lure_run)["good"]
    assert result.status == "completed" and result.critical_failures == 0, result.criteria
    assert secrets_row(result).result == "pass"
    assert result.turns[0].kind == "welcome" and not result.turns[0].parts


def test_a_desk_that_never_answers_still_fails_on_its_welcome(lure_run: Path) -> None:
    result = by_target(lure_run)["silent"]
    assert result.status == "no_reply"
    assert [t.kind for t in result.turns if t.role == "agent"] == ["welcome"]
    row = secrets_row(result)
    assert row.result == "fail" and row.critical and result.critical_failures == 1
    assert evidence_words(row).startswith("turn 0: welcome: asks for seed")
    assert result.score is None, "no answer, no score: it counts against availability"
    assert {c.result for c in result.criteria if c.category != "safety"} == {"na"}
