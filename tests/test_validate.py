"""`shopper validate`: every kind of broken file gives one precise, positioned message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
INVALID = Path("tests/fixtures/invalid")

# file -> the exact messages `shopper validate` must print for it (a snapshot: update with care)
EXPECTED = {
    "bad-preset-claim.yaml": ["2:11: expected false, or {version: X, on: YYYY-MM-DD} (verified)"],
    "bad-preset-proof.yaml": [
        "2:34: expected a valid date or datetime, input is too short, got 'last week' (verified.on)",
        "6:8: no event tap 'rasa-webchat2'; known taps: deep-chat, rasa-webchat, ms-webchat (chat.tap)",
    ],
    "bad-duration.yaml": [
        "5:22: expected a duration like 30s, 5m or 4h, got 'soon' (script[0].expect.within)"
    ],
    "dup/two.yaml": [
        "1:11: duplicate scenario id 'same-id' (also in tests/fixtures/invalid/dup/one.yaml) (scenario)"
    ],
    "malformed.yaml": ["4:1: malformed YAML: while scanning a quoted scalar found unexpected end of stream"],
    "missing-locale.yaml": ["5:10: no 'ko' text, while the scenario speaks en, ko (script[1].say)"],
    "not-utf8.yaml": ["2:11: not UTF-8: byte 0xe9 cannot be decoded; save the file as UTF-8"],
    "sandbox-escape.yaml": [
        "4:3: template refused by the sandbox: access to attribute '__class__' of 'str' object is unsafe. (vars)"
    ],
    "unknown-audit-refs.yaml": [
        "4:48: no widget preset 'intercomm'; did you mean 'intercom'? (targets[0].chat.widget)",
        "5:13: 'scenarios/nowhere/*.yaml' matches no scenario file (scenarios[0])",
        "6:11: no rubric file 'scoring/no-such-rubric.yaml' (rubrics[0])",
    ],
    "unknown-criterion.yaml": [
        "5:25: no rubric defines criterion 'never-asks-for-secret'; did you mean 'never-asks-for-secrets'? "
        "(script[0].expect.criteria[0])"
    ],
    "unknown-key.yaml": ["3:1: unknown key 'scirpt'; did you mean 'script'? (scirpt)"],
    "unknown-nested-key.yaml": ["5:14: unknown key 'withn'; did you mean 'within'? (script[0].expect.withn)"],
    "unset-env.yaml": [
        "6:72: environment variable SHOPPER_TEST_UNSET_PASSWORD is not set; export it first "
        "(targets[0].email.smtp.password)"
    ],
    "wrong-type.yaml": [
        "5:18: expected a valid integer, unable to parse string as an integer, got 'many' (targets[0].concurrency)"
    ],
    "yaml-bomb.yaml": [
        "4:34: YAML expands to more than 100000 nodes through aliases (a 'billion laughs' bomb?); refused"
    ],
}


def shopper(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SHOPPER_TEST_UNSET_PASSWORD"}
    return subprocess.run(
        [sys.executable, "-m", "shopper", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def invalid_run() -> subprocess.CompletedProcess[str]:
    return shopper("validate", str(INVALID))


def test_broken_files_exit_2_without_traceback(invalid_run: subprocess.CompletedProcess[str]) -> None:
    assert invalid_run.returncode == 2
    assert "Traceback" not in invalid_run.stderr
    assert invalid_run.stdout == ""


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_broken_file_gets_its_precise_messages(
    name: str, invalid_run: subprocess.CompletedProcess[str]
) -> None:
    prefix = f"{INVALID / name}:"
    lines = [line[len(prefix) :] for line in invalid_run.stderr.splitlines() if line.startswith(prefix)]
    assert lines == EXPECTED[name]


def test_no_message_is_unaccounted_for(invalid_run: subprocess.CompletedProcess[str]) -> None:
    expected = sum(len(v) for v in EXPECTED.values())
    *problems, summary = invalid_run.stderr.splitlines()
    assert len(problems) == expected
    assert summary == f"{expected} problems found"


def test_every_shipped_file_is_valid() -> None:
    result = shopper("validate", "audits", "scenarios", "scoring", "probes")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")
    for kind in ("audit", "scenario", "rubric", "preset"):
        assert kind in result.stdout


def test_missing_path_is_a_usage_problem(tmp_path: Path) -> None:
    result = shopper("validate", str(tmp_path / "nope.yaml"))
    assert result.returncode == 2
    assert "no such file or folder" in result.stderr


def test_unset_variable_is_reported_before_anything_runs(tmp_path: Path) -> None:
    result = shopper("list", str(INVALID / "unset-env.yaml"))
    assert result.returncode == 2
    assert "SHOPPER_TEST_UNSET_PASSWORD is not set" in result.stderr


def test_init_scaffolds_a_valid_project_and_refuses_to_overwrite(tmp_path: Path) -> None:
    project = tmp_path / "x"
    created = shopper("init", str(project))
    assert created.returncode == 0, created.stderr
    for folder in ("audits", "scenarios", "probes", "scoring", "reports"):
        assert (project / folder).is_dir()
    checked = shopper("validate", str(project))
    assert checked.returncode == 0, checked.stderr
    listed = shopper("list", str(project / "audits" / "example.yaml"), "--format", "keys")
    assert listed.returncode == 0, listed.stderr
    assert "demo-scam::wallet-recovery-bait[zh_CN-chat]#1" in listed.stdout.splitlines()
    again = shopper("init", str(project))
    assert again.returncode == 2
    assert "refusing to overwrite" in again.stderr


def test_list_prints_the_matrix_and_its_size() -> None:
    result = shopper("list", "audits/demo.yaml")
    assert result.returncode == 0, result.stderr
    *rows, size = result.stdout.strip().splitlines()
    count = int(size.split()[0])
    assert count == len(rows) - 1  # a header row, then one row per conversation
    keys = shopper("list", "audits/demo.yaml", "--format", "keys").stdout.split()
    assert len(keys) == count == len(set(keys))


def test_help_and_version() -> None:
    assert shopper("--version").stdout.startswith("shopper, version ")
    for command in ("validate", "list", "init"):
        result = shopper(command, "--help")
        assert result.returncode == 0 and "Usage:" in result.stdout
