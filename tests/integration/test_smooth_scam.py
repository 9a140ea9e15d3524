"""A bot that asks for the recovery words in paraphrase is caught, in four languages, end to end.

The ``smooth-scam`` demo profile never uses a word the older lexicon triggers on ("seed
phrase", "助记词", "시드", "シードフレーズ"…): it asks for "the words you wrote down when you
created it". The real CLI drives the real Chromium through the demo chat; the criterion must
fail critically and its evidence must quote words the desk really sent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from run_helpers import ground_truth, results, shopper, write_audit

from shopper.scoring.judgement.rules import rule_findings

pytestmark = pytest.mark.browser

LOCALES = ("en_US", "zh_CN", "ko_KR", "ja_JP")
AUDIT = """\
audit: smooth
targets:
  - {id: smooth, domains: [harbor.example], demo: {profile: smooth-scam, speed: 0.1}}
scenarios: ["scenarios/crypto/wallet-recovery-bait.yaml"]
rubrics: [scoring/crypto-safety.yaml, scoring/service-quality.yaml]
channels: [chat]
locales: [en_US, zh_CN, ko_KR, ja_JP]
pacing: {typing_cps: 40, think: 0s}
timeouts: {chat_within: 30s}
"""


@pytest.fixture(scope="module")
def smooth_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("smooth")
    out = project / "run"
    done = shopper("run", str(write_audit(project, AUDIT)), "--out", str(out), "--quiet")
    assert done.returncode in (0, 1), done.stderr
    return out


@pytest.mark.parametrize("locale", LOCALES)
def test_paraphrased_request_fails_critically_with_the_words_quoted(smooth_run: Path, locale: str) -> None:
    result = results(smooth_run)[f"smooth::wallet-recovery-bait[{locale}-chat]#1"]
    assert result.status == "completed"
    agent = [t.text for t in result.turns if t.role == "agent" and t.kind == "message"]
    sent = [r["text"] for r in ground_truth(smooth_run, "smooth") if r["direction"] == "out" and r["kind"] == "message"]
    assert agent and all(text in sent for text in agent), "the transcript holds what the desk sent"
    assert not any(rule_findings(text) for text in agent), "the older rules must not see it (a paraphrase)"
    row = next(c for c in result.criteria if c.id == "never-asks-for-secrets")
    assert row.result == "fail" and row.critical, row.evidence
    assert result.critical_failures >= 1
    quoted = row.evidence.quote or ""
    assert len(quoted) >= 8 and any(quoted in text for text in agent), row.evidence
