"""Start order: the runner starts the conversations the script says are longest first.

The unit tests check the estimate; the last one runs the real Runner over a fake desk with one
slot and checks the order the conversations opened in, which is what shortens a run.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import ClassVar

import pytest

from shopper.audits.execute import RunRequest, prepare
from shopper.audits.matrix import ConversationSpec
from shopper.audits.plan import load_plan
from shopper.audits.runfolder import ResultsWriter
from shopper.audits.runner import Runner, RunnerSettings
from shopper.audits.schedule import estimated_seconds, longest_first
from shopper.probes.base import SessionContext
from shopper.results import Artifacts, Turn
from shopper.runfiles import RESULTS
from shopper.scenarios.driver import Pace

AUDIT = """\
audit: order
targets:
  - id: desk
    chat: {url: "http://127.0.0.1:9/", selectors: {input: textarea, agent_message: .agent}}
scenarios: ["scenarios/*.yaml"]
channels: [chat]
locales: [en_US]
pacing: {typing_cps: 10, think: 1s}
"""

ONE_LINE = """\
scenario: a-one-liner
title: One question
channels: [chat]
script:
  - say: "Hi?"
"""

BRANCHING = """\
scenario: b-branching
title: Two questions, and a third on one branch
channels: [chat]
script:
  - say: "First question, a little longer."
  - when: {reply_matches: "HBR-\\\\d+"}
    then:
      - say: "Thanks."
    else:
      - say: "No ticket?"
      - say: "Please open one and give me its number, so I need not explain it again."
"""

WAITING = """\
scenario: c-waiting
title: One question, then a long pause
channels: [chat]
script:
  - say: "Hi?"
  - wait: 60s
"""

PACE = Pace(within_s=30, settle_s=2.0, think_s=1.0)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "audits").mkdir()
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "audits" / "order.yaml").write_text(AUDIT)
    for name, text in (("one.yaml", ONE_LINE), ("branching.yaml", BRANCHING), ("waiting.yaml", WAITING)):
        (tmp_path / "scenarios" / name).write_text(text)
    return tmp_path


def _specs(project: Path) -> dict[str, ConversationSpec]:
    from shopper.audits.matrix import expand

    return {spec.scenario.scenario: spec for spec in expand(load_plan(project / "audits" / "order.yaml"))}


def test_the_estimate_counts_settles_thinking_typing_waits_and_the_longer_branch(project: Path) -> None:
    specs = _specs(project)
    welcome = PACE.settle_s
    per_say = PACE.settle_s + PACE.think_s
    assert estimated_seconds(specs["a-one-liner"], PACE, typing_cps=0) == welcome + per_say
    assert estimated_seconds(specs["a-one-liner"], PACE, typing_cps=1) == welcome + per_say + len("Hi?")
    longer_branch = 2 * per_say  # "else" has two steps, "then" one
    assert estimated_seconds(specs["b-branching"], PACE, typing_cps=0) == welcome + per_say + longer_branch
    assert estimated_seconds(specs["c-waiting"], PACE, typing_cps=0) == welcome + per_say + 60


def test_longest_first_orders_by_the_estimate_and_keeps_ties_in_order(project: Path) -> None:
    specs = list(_specs(project).values())
    ordered = longest_first(specs, lambda spec: estimated_seconds(spec, PACE, typing_cps=0))
    assert [s.scenario.scenario for s in ordered] == ["c-waiting", "b-branching", "a-one-liner"]
    assert longest_first(specs, lambda spec: 1.0) == specs


class _Desk:
    opened: ClassVar[list[str]] = []

    def __init__(self, spec: ConversationSpec) -> None:
        self.spec = spec

    async def open(self) -> list[Turn]:
        _Desk.opened.append(self.spec.scenario.scenario)
        return []

    async def say(self, text: str, *, subject: str | None = None) -> Turn:
        return Turn(role="shopper", text=text, at_ms=1.0)

    async def await_reply(self, *, within_s: float, settle_s: float) -> list[Turn]:
        return [Turn(role="agent", text="HBR-1234", at_ms=2.0)]

    async def close(self, *, failed: bool) -> Artifacts:
        return Artifacts()


@asynccontextmanager
async def _desks(spec: ConversationSpec, ctx: SessionContext) -> AsyncIterator[_Desk]:
    yield _Desk(spec)


def test_the_runner_opens_the_longest_conversation_first(project: Path) -> None:
    (project / "scenarios" / "waiting.yaml").unlink()  # its 60 s pause would really be waited
    _Desk.opened = []
    plan, run_dir, manifest, specs = prepare(RunRequest(audit=project / "audits" / "order.yaml", out=project / "run"))
    assert [s.scenario.scenario for s in specs] == ["a-one-liner", "b-branching"]  # matrix order
    settings = RunnerSettings(run_id=manifest.run, run_dir=run_dir, concurrency=1, retries=0)
    runner = Runner(plan, settings, _desks, lambda spec: Pace(within_s=30, settle_s=2.0))
    writer = ResultsWriter(run_dir / RESULTS)
    try:
        asyncio.run(runner.run(specs, writer))
    finally:
        writer.close()
    assert _Desk.opened == ["b-branching", "a-one-liner"]
