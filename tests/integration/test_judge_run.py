"""`shopper run` and `shopper rescore` with a `judge:` block, against a real local judge server.

The demo desks answer in real Chromium; the judge is tests/servers/judge.py on 127.0.0.1:0,
whose verdicts are chosen by what the prompt holds, so each finding can be traced to it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from run_helpers import results, shopper, write_audit

from servers.judge import JudgeServer, Rule, running_judge

pytestmark = pytest.mark.browser

RUBRIC = """\
rubric: judged
criteria:
  - id: refuses-seed-phrase
    title: Refuses to take the seed phrase
    description: Support tells the customer never to share the seed phrase, with support or anyone.
    check: {llm_judge: {prompt: "Does support refuse to receive the seed phrase?"}}
"""
RULES = [
    Rule("Please do not share your seed phrase", "pass", criterion="refuses-seed-phrase", reason="refuses it"),
    Rule("请不要把助记词发给任何人", "pass", criterion="refuses-seed-phrase", reason="refuses it"),
    Rule("Please send me your 12-word seed phrase", "fail", criterion="refuses-seed-phrase", reason="asks for it"),
    Rule("请把您的 12 个助记词发给我", "fail", criterion="refuses-seed-phrase", reason="asks for it"),
]


def audit_text(url: str, timeout: str) -> str:
    return f"""\
audit: judged
targets:
  - {{id: good, domains: [harbor.example], demo: {{profile: good, speed: 0.1}}}}
  - {{id: scam, domains: [harbor.example], demo: {{profile: scam, speed: 0.1}}}}
scenarios: ["scenarios/crypto/wallet-recovery-bait.yaml"]
rubrics: [scoring/crypto-safety.yaml, scoring/service-quality.yaml, scoring/judged.yaml]
channels: [chat]
locales: [en_US, zh_CN]
pacing: {{typing_cps: 0, think: 0s}}
timeouts: {{chat_within: 30s}}
judge: {{url: "{url}", model: demo-judge, cache: judge-cache, timeout: {timeout}, retries: 0}}
"""


def run_with_judge(project: Path, server: JudgeServer, timeout: str) -> Path:
    (project / "scoring").mkdir(parents=True, exist_ok=True)
    (project / "scoring" / "judged.yaml").write_text(RUBRIC, encoding="utf-8")
    audit = write_audit(project, audit_text(server.url, timeout))
    done = shopper("run", str(audit), "--out", str(project / "run"), "--quiet")
    assert done.returncode in (0, 1), done.stderr
    return project / "run"


@pytest.fixture(scope="module")
def judged(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, JudgeServer]]:
    with running_judge(RULES) as server:
        yield run_with_judge(tmp_path_factory.mktemp("judged"), server, "20s"), server


def test_llm_judge_criteria_pass_and_fail_from_the_servers_verdicts(judged: tuple[Path, JudgeServer]) -> None:
    run, server = judged
    for locale in ("en_US", "zh_CN"):
        good = results(run)[f"good::wallet-recovery-bait[{locale}-chat]#1"]
        scam = results(run)[f"scam::wallet-recovery-bait[{locale}-chat]#1"]
        mine = {c.id: c for c in good.criteria}["refuses-seed-phrase"]
        theirs = {c.id: c for c in scam.criteria}["refuses-seed-phrase"]
        assert mine.result == "pass" and mine.evidence.line().endswith("LLM judge: refuses it"), mine
        assert theirs.result == "fail" and theirs.evidence.line().endswith("LLM judge: asks for it"), theirs
    asked = [r["messages"][1]["content"] for r in server.requests]
    assert any("Criterion (refuses-seed-phrase): Refuses to take the seed phrase" in p for p in asked)
    assert any("Criterion (acknowledges-problem)" in p for p in asked), "service criteria ask the judge too"


def test_rescore_uses_the_judge_and_its_cache(judged: tuple[Path, JudgeServer]) -> None:
    run, server = judged
    before = {k: [(c.id, c.result) for c in r.criteria] for k, r in results(run).items()}
    asked = len(server.requests)
    done = shopper("rescore", str(run))
    assert done.returncode == 0, done.stderr
    after = {k: [(c.id, c.result) for c in r.criteria] for k, r in results(run).items()}
    assert after == before
    assert len(server.requests) == asked, "every verdict came from the cache"


def test_a_judge_timeout_makes_its_criteria_na_with_the_reason(tmp_path: Path) -> None:
    with running_judge(RULES, mode="timeout") as server:
        run = run_with_judge(tmp_path, server, "0.5s")
    for result in results(run).values():
        rows = {c.id: c for c in result.criteria}
        assert rows["refuses-seed-phrase"].result == "na"
        assert rows["refuses-seed-phrase"].evidence.line() == "judge timed out after 0.5 s"
        assert "structural reading (judge timed out after 0.5 s)" in rows["acknowledges-problem"].evidence.line()
    assert server.requests, "the judge was asked"


GOOD_DESK = """\
audit: good-desk
targets:
  - {id: demo-good, domains: [harbor.example], brand: harbor, demo: {profile: good, speed: 0.1, email_speed: 0.001}}
scenarios:
  - "scenarios/crypto/withdrawal-pending.yaml"
  - "scenarios/crypto/wallet-recovery-bait.yaml"
  - "scenarios/crypto/lost-2fa-device.yaml"
  - "scenarios/crypto/complaint.yaml"
  - "scenarios/crypto/fake-support-telegram.yaml"
  - "scenarios/crypto/human-handoff.yaml"
rubrics: [scoring/crypto-safety.yaml, scoring/service-quality.yaml]
channels: [chat, email]
locales: [en_US, zh_CN, ko_KR, ja_JP]
concurrency: 8
pacing: {typing_cps: 60, max_typing: 1s, think: 0s}
sla: {chat: 60s, email: 14.4s}
timeouts: {chat_within: 30s, email_within: 90s}
"""


def test_the_good_desk_acknowledges_and_gives_next_steps_in_every_demo_conversation(tmp_path: Path) -> None:
    audit = write_audit(tmp_path, GOOD_DESK, "good")
    done = shopper("run", str(audit), "--out", str(tmp_path / "run"), "--quiet")
    assert done.returncode == 0, done.stderr
    found = results(tmp_path / "run")
    assert len(found) == 44 and {r.status for r in found.values()} == {"completed"}
    for key, result in found.items():
        for row in result.criteria:
            if row.id in ("acknowledges-problem", "gives-next-steps"):
                assert row.result == "pass", (key, row.id, row.evidence.line())
