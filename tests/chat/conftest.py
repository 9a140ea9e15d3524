"""Fixtures of the chat probe's tests: one demo platform (fast delays) per module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from chat_helpers import SPEED

from shopper.demo.options import DemoOptions
from shopper.demo.platform import RunningDemo


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningDemo]:
    path = tmp_path_factory.mktemp("demo") / "ground-truth.jsonl"
    with RunningDemo(DemoOptions(seed=3, speed=SPEED, ground_truth=path)) as running:
        yield running
