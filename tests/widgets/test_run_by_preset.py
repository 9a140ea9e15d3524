"""`shopper run` on an audit whose target only names a verified preset: the real run machinery.

The target says `chat: {url, widget: rasa-webchat}` and nothing else: the preset's selectors
and its event tap come from `probes/rasa-webchat.yaml`. The run's record must hold every answer
the demo sent, each agent turn stamped by the tap as well, and the report must show the taps.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from widget_conversation import normal
from widget_sites import WidgetSites, serve_widgets

from shopper.demo.options import DemoOptions
from shopper.demo.platform import RunningDemo
from shopper.results import read_results

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sites() -> Iterator[tuple[RunningDemo, WidgetSites]]:
    with RunningDemo(DemoOptions(seed=7, speed=0.1)) as demo, serve_widgets(demo.base_url) as running:
        yield demo, running


def test_shopper_run_uses_a_preset_named_by_the_target_unedited(
    sites: tuple[RunningDemo, WidgetSites], tmp_path: Path
) -> None:
    demo, pages = sites
    audit = tmp_path / "audits" / "rasa.yaml"
    audit.parent.mkdir()
    audit.write_text(yaml.safe_dump({
        "audit": "rasa-by-preset",
        "targets": [{"id": "rasa", "name": "Rasa webchat", "domains": ["127.0.0.1"],
                     "chat": {"url": pages.page_url("rasa-webchat"), "widget": "rasa-webchat"}}],
        "scenarios": ["scenarios/crypto/withdrawal-pending.yaml"],
        "rubrics": ["scoring/crypto-safety.yaml", "scoring/service-quality.yaml"],
        "channels": ["chat"], "locales": ["en_US"],
    }), encoding="utf-8")  # fmt: skip
    before = len(demo.ground_truth())
    out = tmp_path / "run"
    process = subprocess.run(
        [sys.executable, "-m", "shopper", "run", str(audit), "--out", str(out), "--quiet"],
        cwd=tmp_path, env={**os.environ, "NO_COLOR": "1"}, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert process.returncode in (0, 1), process.stderr[-2000:]

    [result] = list(read_results(out / "results.jsonl"))
    assert result.status == "completed"
    sent = [r for r in demo.ground_truth()[before:] if r["direction"] == "out" and r["protocol"] == "rasa-socketio"]
    agent = [t for t in result.turns if t.role == "agent"]
    assert sent and [normal(r["text"]) for r in sent] == [normal(t.text) for t in agent], "every answer, in order"
    assert all(t.tap_gap_ms is not None for t in agent), "the preset's tap stamped every answer"
    taps = json.loads((out / "summary.json").read_text(encoding="utf-8"))["timing"]["tap_agreement"]
    assert taps["turns"] == len(agent)
