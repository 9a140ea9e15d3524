"""Each verified preset holds a full conversation with its real widget bundle, unedited.

deep-chat, rasa-webchat and Bot Framework Web Chat talk to the demo platform (OpenAI-compatible
completions, Rasa socket.io, Direct Line 3.0); @n8n/chat and flowise-embed to the small webhook / prediction backends of
``widget_sites``. Every answer a backend sent must be in the transcript, every message the
shopper said must have reached the backend, and each agent turn's stamp must agree with the
backend's send stamp of the same message (one machine clock; the benchmark holds the tight
p95, a loaded two-core test machine gets a wider bound here).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from widget_conversation import MESSAGES, normal, preset, run_one
from widget_sites import DEMO_BACKED, WIDGETS, WidgetSites, serve_widgets

from shopper.demo.options import DemoOptions
from shopper.demo.platform import RunningDemo

pytestmark = pytest.mark.browser

STAMP_TOLERANCE_MS = 40.0  # per message on a shared machine; bench_widgets holds p95 <= 10 ms
TAP_TOLERANCE_MS = 25.0  # per message on a shared machine; bench_widgets holds p95 <= 5 ms


@pytest.fixture(scope="module")
def demo() -> Iterator[RunningDemo]:
    with RunningDemo(DemoOptions(seed=5, speed=0.1)) as running:
        yield running


@pytest.fixture(scope="module")
def sites(demo: RunningDemo) -> Iterator[WidgetSites]:
    with serve_widgets(demo.base_url) as running:
        yield running


@pytest.mark.parametrize("widget", WIDGETS)
def test_a_verified_preset_holds_a_conversation_on_its_real_bundle(
    widget: str, demo: RunningDemo, sites: WidgetSites, tmp_path: Path
) -> None:
    proof = preset(widget).verified
    assert proof is not None, f"{widget}: the preset says which release it was proven on"
    truth = demo.ground_truth if widget in DEMO_BACKED else sites.truth.records
    got = run_one(widget, sites.page_url(widget), tmp_path, truth)

    assert [normal(t) for t in got.received()] == [normal(m) for m in MESSAGES], "each message reached the backend"
    assert [t.text for t in got.said] == list(MESSAGES)
    pairs, missed = got.paired()
    assert missed == [], f"answers the transcript lacks: {[r['text'] for r in missed]}"
    assert len(pairs) >= len(MESSAGES)
    for replies in got.replies:
        assert any(t.is_reply for t in replies), "every message got its reply in its own turn"
    for turn, record in pairs:
        assert turn.at_ms is not None
        assert abs(turn.at_ms - record["at_ms"]) <= STAMP_TOLERANCE_MS, (turn, record)
        assert turn.latency_ms is not None and turn.latency_ms > 0


@pytest.mark.parametrize("widget", ["deep-chat", "rasa-webchat", "ms-webchat"])
def test_a_tapped_preset_stamps_every_reply_by_the_widgets_own_events_too(
    widget: str, demo: RunningDemo, sites: WidgetSites, tmp_path: Path
) -> None:
    assert preset(widget).chat.tap == widget, "the preset names its widget's event tap"
    truth = demo.ground_truth if widget in DEMO_BACKED else sites.truth.records
    got = run_one(widget, sites.page_url(widget), tmp_path, truth)
    pairs, missed = got.paired()
    assert pairs and missed == []
    marks = {"deep-chat": "shown", "rasa-webchat": "arrived", "ms-webchat": "arrived"}[widget]
    for turn, record in pairs:
        assert turn.meta["tap"]["marks"] == marks, turn
        assert turn.tap_gap_ms is not None, f"the {widget} tap saw {record['text']!r} too"
        assert abs(turn.tap_gap_ms) <= TAP_TOLERANCE_MS, turn
        # the tap's own stamp is on the backend's clock as well
        assert abs(turn.meta["tap"]["at_ms"] - record["at_ms"]) <= STAMP_TOLERANCE_MS, (turn, record)
