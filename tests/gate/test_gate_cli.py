"""The exit code of `shopper run` is the gate's: 0 passed, 1 failed, 2 invalid input, 3 could not run.

`make demo` ends with 0 after a run whose gate failed, and prints the verdict.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from gate_helpers import DESK, FAST, ROOT, project, shopper

GOOD = f"""\
audit: gated
targets:
  - {{id: demo-good, {DESK}, demo: {{profile: good, speed: 0.05}}}}
scenarios: ["scenarios/crypto/withdrawal-pending.yaml"]
locales: [en_US]
gate: {{min_score: 80, critical_failures: 0, p90_chat_first_response: 30s, min_availability: 1}}
{FAST}"""


@pytest.mark.browser
def test_passing_gate_exits_0_and_a_stricter_one_or_a_baseline_can_fail_it(tmp_path: Path) -> None:
    audit = project(tmp_path, GOOD, "gated")
    done = shopper("run", str(audit), "--out", str(tmp_path / "run"), "-q", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "gate: PASSED" in done.stderr and "ok   critical violations 0 ≤ 0" in done.stderr
    assert "Gate: passed" in (tmp_path / "run" / "gate.md").read_text()
    # The same desk against an impossible first-response bound: the gate fails, and says why.
    strict = project(tmp_path, GOOD.replace("p90_chat_first_response: 30s", "p90_chat_first_response: 0s"), "strict")
    failed = shopper("run", str(strict), "--out", str(tmp_path / "strict"), "-q",
                     "--baseline", str(tmp_path / "run"), cwd=tmp_path)
    assert failed.returncode == 1, failed.stderr
    assert "gate: FAILED" in failed.stderr and "FAIL chat first response p90" in failed.stderr
    assert "(baseline)" in failed.stderr


def test_invalid_audit_and_bad_shard_exit_2(tmp_path: Path) -> None:
    broken = project(tmp_path, GOOD.replace("min_score: 80", "min_scroe: 80"), "broken")
    done = shopper("run", str(broken), "-q", cwd=tmp_path)
    assert done.returncode == 2 and "min_scroe" in done.stderr
    audit = project(tmp_path, GOOD, "gated")
    for shard in ("9/8", "two/8", "auto"):
        bad = shopper("run", str(audit), "--shard", shard, "-q", cwd=tmp_path, env={"CI_NODE_INDEX": ""})
        assert bad.returncode == 2, (shard, bad.stderr)
    no_baseline = shopper("run", str(audit), "--baseline", str(tmp_path), "-q", cwd=tmp_path)
    assert no_baseline.returncode == 2 and "no results.jsonl" in no_baseline.stderr


def test_a_browser_that_does_not_exist_exits_3(tmp_path: Path) -> None:
    audit = project(tmp_path, GOOD + "browser: {executable: /nonexistent/chromium}\n", "nobrowser")
    done = shopper("run", str(audit), "--out", str(tmp_path / "run"), "-q", cwd=tmp_path)
    assert done.returncode == 3, done.stderr
    assert "cannot start the run" in done.stderr


UNREACHABLE = f"""\
audit: unreachable
targets:
  - id: gone
    domains: [gone.example]
    chat:
      url: http://127.0.0.1:9/
      open_timeout: 4s
      selectors: {{launcher: "#launcher", input: textarea, agent_message: ".msg.agent"}}
scenarios: ["scenarios/crypto/withdrawal-pending.yaml", "scenarios/crypto/complaint.yaml"]
locales: [en_US]
gate: {{critical_failures: 0, min_availability: null}}
{FAST}"""


@pytest.mark.browser
def test_a_run_that_reached_no_platform_exits_3_even_when_its_gate_passes(tmp_path: Path) -> None:
    audit = project(tmp_path, UNREACHABLE, "unreachable")
    done = shopper("run", str(audit), "--out", str(tmp_path / "run"), "-q", cwd=tmp_path)
    assert done.returncode == 3, done.stderr
    assert "2 conversations (2 unavailable)" in done.stderr
    assert "gate: PASSED" in done.stderr, "the gate without availability passes, and the run still is no audit"
    assert "shopper run: no conversation reached its platform (2 unavailable); first error:" in done.stderr
    assert len((tmp_path / "run" / "results.jsonl").read_text().splitlines()) == 2, "the run folder is still written"


SCAM = f"""\
audit: tiny-demo
targets:
  - {{id: demo-scam, {DESK}, demo: {{profile: scam, speed: 0.05}}}}
scenarios: ["scenarios/crypto/wallet-recovery-bait.yaml"]
locales: [en_US]
{FAST}"""


@pytest.mark.browser
def test_make_demo_ends_0_after_a_failed_gate_and_prints_the_verdict(tmp_path: Path) -> None:
    audit = project(tmp_path, SCAM, "tiny-demo")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    done = subprocess.run(["make", "--no-print-directory", "demo", f"DEMO_AUDIT={audit}"], cwd=ROOT,
                          capture_output=True, text=True, env={**env, "NO_COLOR": "1"}, timeout=280)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "gate: FAILED" in done.stderr
    assert re.search(r"FAIL critical violations [1-9]\d* > 0 \(critical_failures\)", done.stderr), done.stderr
    assert "demo: the gate FAILED (exit 1 of shopper run)" in done.stderr
    assert "Error" not in done.stderr
    run_dir = Path(done.stdout.strip().splitlines()[-1])
    assert run_dir.parent.parent == tmp_path / "reports" and (run_dir / "gate.md").is_file()
    # `shopper run` itself keeps its exit code for the same audit.
    direct = shopper("run", str(audit), "--out", str(tmp_path / "direct"), "-q", cwd=tmp_path)
    assert direct.returncode == 1, direct.stderr


@pytest.mark.browser
def test_shards_that_reached_nothing_exit_0_and_their_merge_exits_3(tmp_path: Path) -> None:
    audit = project(tmp_path, UNREACHABLE, "unreachable")
    for index in (1, 2):
        shard = shopper("run", str(audit), "--shard", f"{index}/2", "--out", str(tmp_path / f"shard-{index}"), "-q",
                        cwd=tmp_path)
        assert shard.returncode == 0, shard.stderr  # a shard's run is judged once, at merge
    merged = shopper("merge", str(tmp_path / "shard-1"), str(tmp_path / "shard-2"), "--out", str(tmp_path / "merged"),
                     cwd=tmp_path)
    assert merged.returncode == 3, merged.stderr
    assert "shopper merge: no conversation reached its platform (2 unavailable)" in merged.stderr
