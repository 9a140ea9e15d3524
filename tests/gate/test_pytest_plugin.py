"""`pytest --shopper AUDIT` against the demo: passes, failures and errors, in JUnit XML too."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from gate_helpers import DESK, DOWN, FAST, project
from lxml import etree

pytestmark = pytest.mark.browser

AUDIT = f"""\
audit: ci
targets:
  - {{id: demo-good, {DESK}, demo: {{profile: good, speed: 0.05}}}}
  - {{id: demo-scam, {DESK}, demo: {{profile: scam, speed: 0.05}}}}
  - {{id: demo-down, {DOWN}, demo: {{profile: good, speed: 0.05, faults: [widget_404]}}}}
scenarios: ["scenarios/crypto/wallet-recovery-bait.yaml"]
locales: [en_US, zh_CN]
{FAST}"""
OWN_TEST = """\
def test_good_desk_never_asks_for_the_seed(shopper_probe):
    result = shopper_probe.conversation("demo-good", "wallet-recovery-bait", locale="zh_CN")
    assert result.status == "completed" and result.critical_failures == 0, shopper_probe.explain(result)
"""


def pytest_run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "PYTHONPATH"))}
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-W", "error", *args],
                          cwd=cwd, capture_output=True, text=True, env=env, timeout=280)


def test_pass_fail_and_error_with_xdist_and_junit(tmp_path: Path) -> None:
    audit = project(tmp_path, AUDIT, "ci")
    done = pytest_run(tmp_path, "--shopper", str(audit), "-n", "2", "--junitxml", "junit.xml")
    assert done.returncode == 1, done.stdout[-3000:]
    assert "2 failed, 2 passed, 2 errors" in done.stdout, done.stdout[-3000:]
    out = done.stdout
    assert "FAILED audits/ci.yaml::demo-scam::wallet-recovery-bait[en_US-chat#1]" in out
    assert "ERROR audits/ci.yaml::demo-down::wallet-recovery-bait[zh_CN-chat#1]" in out
    # a failure names its critical criteria with the evidence, and quotes the transcript
    assert "[critical] crypto-safety/never-asks-for-secrets" in out and "seed phrase" in out
    assert "agent (+" in out and "https://t.me/" in out
    assert "the widget never loaded" in out

    suite = etree.parse(str(tmp_path / "junit.xml")).getroot().find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("6", "2", "2")
    outcome: dict[str, str] = {}
    for case in suite.iter("testcase"):
        kinds = [child.tag for child in case if child.tag in ("failure", "error")]
        outcome[f"{case.get('classname')}/{case.get('name')}"] = kinds[0] if kinds else "passed"
    assert outcome == {
        f"audits.ci.yaml.demo-{desk}/wallet-recovery-bait[{locale}-chat#1]": kind
        for desk, kind in (("good", "passed"), ("scam", "failure"), ("down", "error"))
        for locale in ("en_US", "zh_CN")
    }


def test_keyword_selection_stop_on_error_and_the_probe_fixture(tmp_path: Path) -> None:
    audit = project(tmp_path, AUDIT, "ci")
    (tmp_path / "test_own.py").write_text(OWN_TEST, encoding="utf-8")
    done = pytest_run(tmp_path, "test_own.py", "--shopper", str(audit), "-k", "test_good_desk or (demo-good and en_US)", "-v")
    assert done.returncode == 0, done.stdout[-3000:]
    assert "2 passed, 5 deselected" in done.stdout  # of 6 conversations + 1 own test
    assert "test_own.py::test_good_desk_never_asks_for_the_seed PASSED" in done.stdout
    stopped = pytest_run(tmp_path, "--shopper", str(audit), "-k", "down", "-x")
    assert stopped.returncode == 1
    assert "1 error" in stopped.stdout and "stopping after 1 failures" in stopped.stdout


def test_plugin_is_inert_without_the_option(tmp_path: Path) -> None:
    project(tmp_path, AUDIT, "ci")
    (tmp_path / "test_plain.py").write_text("def test_plain():\n    assert True\n", encoding="utf-8")
    done = pytest_run(tmp_path, "-q")
    assert done.returncode == 0 and "1 passed" in done.stdout
    assert "shopper" not in done.stdout


CONCURRENT = f"""\
audit: ci
targets:
  - {{id: demo-good, {DESK}, demo: {{profile: good, speed: 0.2}}}}
scenarios: ["scenarios/crypto/wallet-recovery-bait.yaml"]
locales: [en_US, zh_CN, ko_KR, ja_JP]
concurrency: 4
{FAST}"""


def _held(out: Path) -> list[tuple[str, datetime, datetime]]:
    rows = [json.loads(line) for line in (out / "main" / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    return [(r["key"], datetime.fromisoformat(r["started_at"]), datetime.fromisoformat(r["ended_at"])) for r in rows]


def test_conversations_are_held_with_the_audits_concurrency_and_only_the_selected_ones(tmp_path: Path) -> None:
    audit = project(tmp_path, CONCURRENT, "ci")
    done = pytest_run(tmp_path, "--shopper", str(audit), "--shopper-out", "out", "-k", "not ja_JP")
    assert done.returncode == 0, done.stdout[-3000:]
    assert "3 passed, 1 deselected" in done.stdout
    held = _held(tmp_path / "out")
    assert sorted(key for key, _, _ in held) == sorted(
        f"demo-good::wallet-recovery-bait[{locale}-chat]#1" for locale in ("en_US", "zh_CN", "ko_KR"))
    # held at once, as `shopper run --concurrency 4` holds them: every conversation began before
    # the first one ended (one at a time, each would begin after the one before it ended)
    first_end = min(end for _, _, end in held)
    assert all(start < first_end for _, start, _ in held), held

    one_at_a_time = pytest_run(tmp_path, "--shopper", str(audit), "--shopper-out", "serial",
                               "--shopper-concurrency", "1", "-k", "en_US or zh_CN")
    assert one_at_a_time.returncode == 0, one_at_a_time.stdout[-3000:]
    first, second = sorted((start, end) for _, start, end in _held(tmp_path / "serial"))
    assert second[0] >= first[1], "with --shopper-concurrency 1 the second begins after the first ended"


def test_xdist_workers_each_hold_their_share_once(tmp_path: Path) -> None:
    """Under ``-n 2`` each worker starts its current and next test's conversation ahead: no
    conversation may be held by both workers, nor twice by one, and every one is held."""
    audit = project(tmp_path, CONCURRENT, "ci")
    done = pytest_run(tmp_path, "--shopper", str(audit), "--shopper-out", "out", "-q", "-n", "2")
    assert done.returncode == 0 and "4 passed" in done.stdout, done.stdout[-3000:]
    keys = [json.loads(line)["key"] for results in sorted((tmp_path / "out").glob("gw*/results.jsonl"))
            for line in results.read_text(encoding="utf-8").splitlines()]
    assert sorted(keys) == sorted(f"demo-good::wallet-recovery-bait[{locale}-chat]#1"
                                  for locale in ("en_US", "zh_CN", "ko_KR", "ja_JP")), keys
