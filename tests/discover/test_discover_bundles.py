"""`shopper discover --try` on two real npm widget bundles, then `shopper run` of its proposal unedited.

deep-chat renders in an open shadow root of a web component, with a contenteditable composer
and no send button; @n8n/chat renders in the page behind a toggle. Each backend keeps what it
received and what it answered: every answer of the run must be in the run's transcript.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from bundle_sites import BundleSite, serve_bundles
from discover_helpers import agent_texts, discover, png, run_unedited, shopper, shopper_texts

from shopper.discover.trial import HARMLESS_MESSAGE

pytestmark = pytest.mark.browser

EXPECTED = {
    # widget -> parts the proposal must have found (where the widget sits, what opens it)
    "deep-chat": {"shadow_host": "deep-chat#support-chat", "launcher": None},
    "n8n": {"shadow_host": None, "launcher": "div.chat-window-toggle"},
}
RECOGNISED = {"deep-chat": "deep-chat", "n8n": "n8n-chat"}  # the verified preset (probes/) each page shows


@pytest.fixture(scope="module")
def site() -> Iterator[BundleSite]:
    with serve_bundles() as running:
        yield running


@pytest.mark.parametrize("widget", sorted(EXPECTED))
def test_discover_try_on_a_real_bundle_proposes_a_block_run_uses_unedited(
    widget: str, site: BundleSite, tmp_path: Path
) -> None:
    found = discover(f"{site.base_url}/{widget}/", tmp_path, "--try")
    assert found.process.returncode == 0, found.process.stderr
    assert site.received(widget) == [HARMLESS_MESSAGE], "--try sends one harmless message, once"
    selectors = found.selectors
    for part, value in EXPECTED[widget].items():
        assert selectors.get(part) == value, (part, found.process.stdout)
    assert found.target["chat"]["widget"] == RECOGNISED[widget]
    assert shopper("validate", str(found.audit), cwd=tmp_path).returncode == 0
    assert png(found.audit.with_suffix(".png"))

    answered_before = len(site.replies(widget))
    results = run_unedited(found.audit, tmp_path)
    assert [r.status for r in results] == ["completed"]
    answers = site.replies(widget)[answered_before:]
    assert answers, "the backend answered during the run"
    captured = agent_texts(results)
    assert [a for a in answers if a not in captured] == [], captured
    assert shopper_texts(results) == site.received(widget)[1:]
