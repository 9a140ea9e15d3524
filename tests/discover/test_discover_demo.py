"""`shopper discover` on the demo platform, in the real Chromium: the widget behind a launcher in
an iframe, the same with an open shadow root inside the iframe, and the widget page on its own.

Without --try the demo's ground truth shows no message at all; with --try the proposed audit
runs unedited and every message the desk sent in the run is in the transcript.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from discover_helpers import agent_texts, discover, png, run_unedited, shopper, shopper_texts

from chat.chat_helpers import serve_html
from shopper.demo.options import DemoOptions
from shopper.demo.platform import RunningDemo
from shopper.discover.trial import HARMLESS_MESSAGE

pytestmark = pytest.mark.browser

# path on the demo -> what the proposal must say about where the widget sits
VARIANTS: dict[str, tuple[str, dict[str, object]]] = {
    "iframe": ("/good/", {"launcher": "button#chat-launcher", "frames": ["iframe#chat-frame"], "shadow_host": None,
                          "widget": "demo"}),
    "shadow": ("/good-shadow/", {"launcher": "button#chat-launcher", "frames": ["iframe#chat-frame"],
                                 "shadow_host": "div#chat-widget", "widget": "demo-shadow"}),
    "plain": ("/good/widget", {"launcher": None, "frames": [], "shadow_host": None, "widget": "demo"}),
}  # fmt: skip


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningDemo]:
    path = tmp_path_factory.mktemp("demo") / "ground-truth.jsonl"
    with RunningDemo(DemoOptions(seed=5, speed=0.05, ground_truth=path)) as running:
        yield running


def _chat_records(demo: RunningDemo) -> list[dict[str, object]]:
    return [r for r in demo.ground_truth() if r["channel"] == "chat"]


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_discover_without_try_sends_nothing_and_proposes_a_valid_block(
    variant: str, demo: RunningDemo, tmp_path: Path
) -> None:
    path, where = VARIANTS[variant]
    before = len(_chat_records(demo))
    found = discover(demo.platform.base_url + path, tmp_path)
    assert found.process.returncode == 0, found.process.stderr
    assert len(_chat_records(demo)) == before, "discover without --try must not send anything"
    assert "nothing was sent" in found.process.stdout
    selectors = found.selectors
    assert selectors.get("launcher") == where["launcher"]
    assert selectors.get("frames", []) == where["frames"]
    assert selectors.get("shadow_host") == where["shadow_host"]
    assert selectors["input"] == "textarea#chat-input"
    assert found.target["chat"]["widget"] == where["widget"]  # recognised by the preset's recognise: block
    assert selectors["prechat"]["fields"] == {"name": "input#prechat-name", "email": "input#prechat-email"}
    validated = shopper("validate", str(found.audit), cwd=tmp_path)
    assert validated.returncode == 0, validated.stderr
    assert png(found.audit.with_suffix(".png"))
    # each proposed selector is printed with a confidence and a reason
    assert any(line.split()[:2] == ["input", "textarea#chat-input"] for line in
               (raw.strip() for raw in found.process.stdout.splitlines()))  # fmt: skip


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_discover_try_then_run_unedited_captures_every_message(
    variant: str, demo: RunningDemo, tmp_path: Path
) -> None:
    path, _ = VARIANTS[variant]
    earlier = len(_chat_records(demo))
    found = discover(demo.platform.base_url + path, tmp_path, "--try")
    assert found.process.returncode == 0, found.process.stderr
    customer = [r for r in _chat_records(demo)[earlier:] if r["direction"] == "in"]
    assert [r["text"] for r in customer] == [HARMLESS_MESSAGE], "--try sends exactly one harmless message"
    selectors = found.selectors
    assert selectors["agent_message"] == ".msg.agent"  # confirmed by watching, not copied
    assert selectors["shopper_message"] == ".msg.visitor"
    assert selectors["typing"] in ("div#typing", ".typing")
    assert "agent_message   .msg.agent" in found.process.stdout and "names 2 of the 2 replies" in found.process.stdout

    known = {str(r["conversation"]) for r in _chat_records(demo)}
    results = run_unedited(found.audit, tmp_path)
    assert [r.status for r in results] == ["completed"]
    run_records = [r for r in _chat_records(demo) if str(r["conversation"]) not in known]
    sent_by_desk = [str(r["text"]) for r in run_records if r["direction"] == "out"]
    received = [str(r["text"]) for r in run_records if r["direction"] == "in"]
    captured = {t.text for r in results for t in r.turns if t.role in ("agent", "system")}
    assert sent_by_desk, "the desk answered in the run"
    assert [text for text in sent_by_desk if text not in captured] == []
    assert shopper_texts(results) == received
    assert len(agent_texts(results)) >= len(received)


def test_click_text_names_the_launcher(demo: RunningDemo, tmp_path: Path) -> None:
    found = discover(demo.platform.base_url + "/good/", tmp_path, "--click", "chat with us")
    assert found.process.returncode == 0, found.process.stderr
    assert found.selectors["launcher"] == "button#chat-launcher"
    assert "named by --click 'chat with us'" in found.process.stdout


def _orange_pixels(path: Path) -> int:
    import numpy as np
    from PIL import Image

    with Image.open(path) as picture:
        pixels = np.asarray(picture.convert("RGB"))
    return int((pixels == np.array([0xD9, 0x48, 0x0F])).all(axis=-1).sum())


def test_screenshot_outlines_the_chosen_parts(demo: RunningDemo, tmp_path: Path) -> None:
    found = discover(demo.platform.base_url + "/good/", tmp_path)
    assert found.process.returncode == 0, found.process.stderr
    # launcher, input, send: three orange frames of 3 px around boxes of at least 30 px
    assert _orange_pixels(found.audit.with_suffix(".png")) > 3 * 4 * 3 * 30
    numbered = [line.strip() for line in found.process.stdout.splitlines() if line.strip()[:3] in ("1. ", "2. ", "3. ")]
    assert [line.split()[1] for line in numbered] == ["launcher", "input", "send"]


def test_a_cross_origin_iframe_is_scanned(demo: RunningDemo, tmp_path: Path) -> None:
    """The host page on 127.0.0.1 frames the widget from localhost: another site, its own process."""
    widget = demo.platform.base_url.replace("127.0.0.1", "localhost") + "/good/widget"
    host = f"<!doctype html><title>Exchange</title><h1>Help</h1><iframe id='support' src='{widget}'></iframe>"
    with serve_html(host) as url:
        found = discover(url, tmp_path)
    assert found.process.returncode == 0, found.process.stderr
    assert found.selectors["frames"] == ["iframe#support"]
    assert found.selectors["input"] == "textarea#chat-input"
    assert found.selectors["prechat"]["submit"] == "button#prechat-submit"
