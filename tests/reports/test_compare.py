"""`shopper compare`: what got worse between two runs, and the rule that tells noise from change."""

from __future__ import annotations

import html
import random
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from report_helpers import make_run

from shopper.cli import cli
from shopper.reports.compare import MIN_SAMPLES, compare, mann_whitney_p, shift
from shopper.reports.render import load_run
from shopper.reports.synthetic import SEED_ASK, synthetic_results, write_run
from shopper.results import Evidence


def test_mann_whitney_matches_the_textbook_value() -> None:
    # two-sided, normal approximation with continuity correction (scipy: 0.01219)
    assert mann_whitney_p([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]) == pytest.approx(0.01219, abs=1e-4)
    assert mann_whitney_p([1, 2, 3, 4, 5], [1, 2, 3, 4, 5]) == pytest.approx(1.0)


def test_noise_is_not_a_change_and_a_real_slowdown_is() -> None:
    rng = random.Random(3)
    before = [rng.uniform(1000, 4000) for _ in range(40)]
    same = [rng.uniform(1000, 4000) for _ in range(40)]
    slower = [3 * x for x in same]
    assert shift("t", "chat", before, same).verdict == "no significant change"
    assert shift("t", "chat", before, slower).verdict == "slower"
    assert shift("t", "chat", before[: MIN_SAMPLES - 1], slower).verdict == "too few samples"


@pytest.fixture
def runs(tmp_path: Path) -> tuple[Path, Path]:
    a, _ = make_run(tmp_path / "a", count=240, run="run-a")
    results = synthetic_results(240, run="run-b")
    good = [r for r in results if r.target == "demo-good" and r.criteria]
    good[0].turns[-1].text = SEED_ASK
    secrets = good[0].criteria[0]
    secrets.result = "fail"
    secrets.evidence = Evidence(text=f'asks for seed: "{SEED_ASK}"', turn=len(good[0].turns) - 1, quote=SEED_ASK)
    good[0].critical_failures = 1
    for r in results:
        if r.target == "demo-good" and r.channel == "chat" and r.kpis.first_response_ms is not None:
            r.kpis.first_response_ms *= 4
    write_run(tmp_path / "b", results, artifacts=False)
    return a, tmp_path / "b"


def test_compare_finds_the_new_critical_violation_and_the_slowdown(runs: tuple[Path, Path]) -> None:
    a, b = runs
    comparison = compare(load_run(a), load_run(b))
    worse = comparison.regressions
    assert any("demo-good" in line and "new critical violation crypto-safety/never-asks-for-secrets" in line
               for line in worse)
    assert any(line.startswith("demo-good / chat: first response slower") for line in worse)
    assert not any("demo-scam" in line for line in worse)  # unchanged targets stay quiet
    shifts = {(s.target, s.channel): s.verdict for s in comparison.shifts}
    assert shifts[("demo-slow", "chat")] == "no significant change"


def test_compare_command_exit_codes_and_outputs(runs: tuple[Path, Path], tmp_path: Path) -> None:
    a, b = runs
    out = tmp_path / "diff"
    worse = CliRunner().invoke(cli, ["compare", str(a), str(b), "--out", str(out), "--fail-on-regression"])
    assert worse.exit_code == 1, worse.output
    assert "regression(s)" in worse.stdout
    page = (out / "compare.html").read_text(encoding="utf-8")
    assert "Mann–Whitney" in page
    policy = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1))  # type: ignore[union-attr]
    assert policy.startswith("default-src 'none'; script-src 'nonce-")
    assert (out / "compare.md").is_file()
    same = CliRunner().invoke(cli, ["compare", str(a), str(a), "--out", str(out), "--fail-on-regression"])
    assert same.exit_code == 0, same.output
    assert "Nothing got worse." in same.stdout
    unusable = CliRunner().invoke(cli, ["compare", str(a), str(tmp_path / "missing")])
    assert unusable.exit_code == 2


def test_compare_page_escapes_platform_text(tmp_path: Path) -> None:
    a, _ = make_run(tmp_path / "a", count=24, run="a")
    results = synthetic_results(24, run="b")
    hostile = next(r for r in results if r.target == "demo-good" and r.criteria)
    hostile.criteria[0].result = "fail"
    hostile.criteria[0].evidence = Evidence(text="<script>window.__shopperPwned=1</script>")
    write_run(tmp_path / "b", results, artifacts=False)
    result = CliRunner().invoke(cli, ["compare", str(a), str(tmp_path / "b"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0
    page = (tmp_path / "o" / "compare.html").read_text(encoding="utf-8")
    assert "<script>window" not in page and "&lt;script&gt;window.__shopperPwned=1&lt;/script&gt;" in page
