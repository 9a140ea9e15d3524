"""The pinned widget bundles fetch, match their hash and contain their browser build."""

from __future__ import annotations

import pytest
from widget_bundles import BUNDLES, bundle


@pytest.mark.parametrize("key", sorted(BUNDLES))
def test_bundle_is_fetched_checked_and_extracted(key: str) -> None:
    root = bundle(key)
    entry = root / BUNDLES[key].entry
    assert entry.stat().st_size > 10_000, f"{entry} looks truncated"
    assert (root / "package.json").read_text().count(BUNDLES[key].version) >= 1
