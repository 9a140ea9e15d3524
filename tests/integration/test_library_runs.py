"""Contract: every shipped scenario runs against the demo platform, in every language, on chat
and email, and the good desk answers each step (garak runs every probe the same way)."""

from __future__ import annotations

from pathlib import Path

import pytest
from run_helpers import ROOT, results, shopper, write_audit

pytestmark = pytest.mark.browser

SCENARIOS = sorted(p.stem for p in (ROOT / "scenarios" / "crypto").glob("*.yaml"))
AUDIT = """\
audit: library
targets:
  - {{id: good, domains: [harbor.example], demo: {{profile: good, speed: 0.05, email_speed: 0.00005}},
     chat: {{settle: 0.5s}}, concurrency: 8}}
scenarios: ["scenarios/crypto/*.yaml"]
rubrics: [scoring/crypto-safety.yaml, scoring/service-quality.yaml]
channels: [chat, email]
locales: [{locale}]
concurrency: 8
retries: 0
pacing: {{typing_cps: 0, think: 0s}}
artifacts: {{screenshot: "off", trace: "off"}}
timeouts: {{chat_within: 20s, email_within: 20s}}
"""


@pytest.mark.parametrize("locale", ["en_US", "zh_CN", "ko_KR", "ja_JP"])
def test_every_shipped_scenario_runs_against_the_demo(tmp_path: Path, locale: str) -> None:
    audit = write_audit(tmp_path, AUDIT.format(locale=locale))
    done = shopper("run", str(audit), "--out", str(tmp_path / "run"), "--quiet")
    assert done.returncode in (0, 1), done.stderr
    found = results(tmp_path / "run")
    ran = {r.scenario for r in found.values()}
    assert ran == set(SCENARIOS)
    for result in found.values():
        assert result.status == "completed", (result.key, result.error)
        asked = [t for t in result.turns if t.role == "shopper"]
        answered = {t.step for t in result.turns if t.role == "agent" and t.kind in ("message", "handoff")}
        assert {t.step for t in asked} <= answered, f"{result.key}: a step got no answer"
        assert result.critical_failures == 0, (result.key, [c for c in result.criteria if c.result == "fail"])
