"""The runner and the driver over fake channel sessions (the transport is tested elsewhere).

What a user relies on: every conversation of the matrix gets exactly one record; failures
become statuses, never a stopped run; only infrastructure errors are retried; per-target
limits hold; secrets never reach the results; a killed run resumes without redoing anything.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import ClassVar

import pytest

from shopper.audits.execute import RunRequest, prepare
from shopper.audits.matrix import ConversationSpec
from shopper.audits.plan import load_plan
from shopper.audits.runfolder import ResultsWriter, finished_keys
from shopper.audits.runner import Runner, RunnerSettings, Scorer
from shopper.probes.base import ProbeError, SessionContext, TransientError, Unavailable
from shopper.results import Artifacts, ConversationResult, Turn, read_results
from shopper.runfiles import RESULTS
from shopper.scenarios.driver import Pace

AUDIT = """\
audit: fake
targets:
  - id: steady
    chat: {url: "http://127.0.0.1:9/", selectors: {input: textarea, agent_message: .agent}}
    concurrency: 2
  - id: down
    chat: {url: "http://127.0.0.1:9/", selectors: {input: textarea, agent_message: .agent}}
  - id: hiccup
    chat: {url: "http://127.0.0.1:9/", selectors: {input: textarea, agent_message: .agent}}
  - id: silent
    chat: {url: "http://127.0.0.1:9/", selectors: {input: textarea, agent_message: .agent}}
  - id: buggy
    chat: {url: "http://127.0.0.1:9/", selectors: {input: textarea, agent_message: .agent}}
scenarios: ["scenarios/*.yaml"]
channels: [chat]
locales: [en_US, zh_CN]
repeat: 2
retries: 1
"""

SCENARIO = """\
scenario: ticket
title: Asks for a ticket, then follows up with it
tags: [complaint]
channels: [chat]
script:
  - say: {en: "I want to complain.", zh: "我要投诉。"}
    capture: {ticket: "(HBR-\\\\d+)"}
  - when: {reply_matches: "HBR-\\\\d+"}
    then:
      - say: {en: "Thanks, about {{ ticket }}: when?", zh: "关于 {{ ticket }}:什么时候?"}
    else:
      - say: {en: "No ticket number?", zh: "没有工单号吗?"}
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "audits").mkdir()
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "audits" / "fake.yaml").write_text(AUDIT)
    (tmp_path / "scenarios" / "ticket.yaml").write_text(SCENARIO)
    return tmp_path


class FakeSession:
    """A desk that answers from a script; its behaviour depends on the target."""

    attempts: ClassVar[dict[str, int]] = {}
    running: ClassVar[dict[str, int]] = {}
    peak: ClassVar[dict[str, int]] = {}
    opened: ClassVar[dict[str, float]] = {}  # loop time of each conversation's first open

    def __init__(self, spec: ConversationSpec) -> None:
        self.spec = spec
        self.target = spec.target.id
        self.clock = 1_000_000.0
        self.said: list[str] = []

    async def open(self) -> list[Turn]:
        FakeSession.opened.setdefault(self.spec.key, asyncio.get_running_loop().time())
        key = self.spec.key
        FakeSession.attempts[key] = FakeSession.attempts.get(key, 0) + 1
        if self.target == "down":
            raise Unavailable("chat http://127.0.0.1:9/: the widget never loaded")
        if self.target == "hiccup" and FakeSession.attempts[key] == 1:
            raise TransientError("chat: connection dropped mid-reply")
        if self.target == "buggy":
            raise ZeroDivisionError("division by zero")
        FakeSession.running[self.target] = FakeSession.running.get(self.target, 0) + 1
        FakeSession.peak[self.target] = max(FakeSession.peak.get(self.target, 0), FakeSession.running[self.target])
        return [Turn(role="agent", text="Welcome to Harbor!", at_ms=self.clock, kind="welcome")]

    async def say(self, text: str, *, subject: str | None = None) -> Turn:
        await asyncio.sleep(0)  # let other conversations interleave
        self.clock += 1000
        self.said.append(text)
        return Turn(role="shopper", text=text, at_ms=self.clock)

    async def await_reply(self, *, within_s: float, settle_s: float) -> list[Turn]:
        await asyncio.sleep(0)
        if self.target == "silent":
            return []
        reply = "Sorry. Your ticket is HBR-123456. Password hunter2-secret is not needed."
        if len(self.said) > 1:
            reply = f"You asked: {self.said[-1]}"
        self.clock += 250
        return [Turn(role="agent", text=reply, at_ms=self.clock, latency_ms=250)]

    async def close(self, *, failed: bool) -> Artifacts:
        FakeSession.running[self.target] -= 1
        return Artifacts(screenshot=f"{self.target}.png")


@asynccontextmanager
async def fake_sessions(spec: ConversationSpec, ctx: SessionContext) -> AsyncIterator[FakeSession]:
    yield FakeSession(spec)


def run_fake(project: Path, *, concurrency: int = 8, scorer: Scorer | None = None,
             **request: object) -> tuple[Path, list[ConversationSpec]]:  # fmt: skip
    FakeSession.attempts.clear()
    FakeSession.running.clear()
    FakeSession.peak.clear()
    FakeSession.opened.clear()
    plan, run_dir, manifest, specs = prepare(RunRequest(**request))  # type: ignore[arg-type]
    settings = RunnerSettings(
        run_id=manifest.run, run_dir=run_dir, concurrency=concurrency, retries=plan.audit.retries,
        secrets=frozenset({"hunter2-secret"}),
    )
    runner = Runner(plan, settings, fake_sessions, lambda spec: Pace(within_s=5, settle_s=0.1), scorer)
    writer = ResultsWriter(run_dir / RESULTS)
    try:
        asyncio.run(runner.run(specs, writer))
    finally:
        writer.close()
    return run_dir, specs


def test_every_conversation_gets_one_record_with_the_right_status(project: Path) -> None:
    run_dir, specs = run_fake(project, audit=project / "audits" / "fake.yaml", out=project / "run")
    results = {r.key: r for r in read_results(run_dir / RESULTS)}
    assert sorted(results) == sorted(s.key for s in specs)
    assert len(specs) == 5 * 2 * 2  # targets × locales × repeats
    by_target: dict[str, set[str]] = {}
    for result in results.values():
        by_target.setdefault(result.target, set()).add(result.status)
    assert by_target == {
        "steady": {"completed"},
        "down": {"unavailable"},
        "hiccup": {"completed"},
        "silent": {"no_reply"},
        "buggy": {"error"},
    }
    down = results["down::ticket[en_US-chat]#1"]
    assert down.attempts == 2 and "never loaded" in (down.error or "")
    hiccup = results["hiccup::ticket[zh_CN-chat]#2"]
    assert hiccup.attempts == 2 and hiccup.error is None
    buggy = results["buggy::ticket[en_US-chat]#1"]
    assert buggy.attempts == 1, "a bug is not an infrastructure error: never retried"
    assert buggy.error == "ZeroDivisionError: division by zero"


def test_transcript_follows_the_script_with_captures_and_branches(project: Path) -> None:
    run_dir, _ = run_fake(project, audit=project / "audits" / "fake.yaml", out=project / "run")
    result = next(r for r in read_results(run_dir / RESULTS) if r.key == "steady::ticket[zh_CN-chat]#1")
    roles = [(t.role, t.kind) for t in result.turns]
    assert roles[0] == ("agent", "welcome")
    shopper_lines = [t.text for t in result.turns if t.role == "shopper"]
    assert shopper_lines == ["我要投诉。", "关于 HBR-123456:什么时候?"]
    assert [t.step for t in result.turns if t.role == "shopper"] == [0, 2]
    assert result.persona["locale"] == "zh_CN" and result.persona["name"]
    assert result.artifacts.screenshot == "steady.png"


def test_per_target_concurrency_limit_holds(project: Path) -> None:
    run_fake(project, audit=project / "audits" / "fake.yaml", out=project / "run")
    assert FakeSession.peak["steady"] <= 2
    assert FakeSession.peak["hiccup"] <= 4


def test_the_next_conversation_starts_while_the_last_one_is_scored(project: Path) -> None:
    """Scoring is not the conversation: its slot is free while the scorer works (a slow first
    scoring, the models loading, must not hold up the conversations waiting for a slot)."""
    waited: list[bool] = []

    def slow_scorer(result: ConversationResult, spec: ConversationSpec, transcript: object) -> ConversationResult:
        if not waited:  # the first conversation's scoring waits for the second conversation to open
            waited.append(second_opened.wait(timeout=5))
        return result

    second_opened = threading.Event()
    original = FakeSession.open

    async def open_and_tell(self: FakeSession) -> list[Turn]:
        turns = await original(self)
        if len(FakeSession.opened) >= 2:
            second_opened.set()
        return turns

    (project / "audits" / "one.yaml").write_text(AUDIT.replace("audit: fake", "audit: one").replace(
        "locales: [en_US, zh_CN]\nrepeat: 2", "locales: [en_US]\nrepeat: 2"))  # fmt: skip
    FakeSession.open = open_and_tell  # type: ignore[method-assign]
    try:
        run_dir, _ = run_fake(project, concurrency=1, scorer=slow_scorer, audit=project / "audits" / "one.yaml",
                              out=project / "run-scored")  # fmt: skip
    finally:
        FakeSession.open = original  # type: ignore[method-assign]
    assert waited == [True], "the second conversation waited for the first one's scoring"
    assert len(list(read_results(run_dir / RESULTS))) == 5 * 2


def test_ramp_up_spreads_the_first_wave_of_starts(project: Path) -> None:
    run_fake(project, audit=project / "audits" / "fake.yaml", out=project / "run-burst")
    burst = sorted(FakeSession.opened.values())[:4]
    assert burst[-1] - burst[0] < 0.1, "without a ramp-up the first wave opens at once"
    (project / "audits" / "ramped.yaml").write_text(AUDIT.replace("audit: fake", "audit: ramped") + "ramp_up: 0.8s\n")
    run_fake(project, audit=project / "audits" / "ramped.yaml", out=project / "run-ramp")
    spread = sorted(FakeSession.opened.values())[:4]
    assert spread[-1] - spread[0] >= 0.8 * 3 / 8 - 0.02, "the fourth start waits 3/8 of the ramp"


def test_secrets_never_reach_the_results(project: Path) -> None:
    run_dir, _ = run_fake(project, audit=project / "audits" / "fake.yaml", out=project / "run")
    text = (run_dir / RESULTS).read_text()
    assert "hunter2-secret" not in text
    assert "[redacted]" in text


def test_same_seed_same_persona(project: Path) -> None:
    first, _ = run_fake(project, audit=project / "audits" / "fake.yaml", out=project / "one")
    second, _ = run_fake(project, audit=project / "audits" / "fake.yaml", out=project / "two")
    personas = [{r.key: r.persona for r in read_results(d / RESULTS)} for d in (first, second)]
    assert personas[0] == personas[1]


def test_resume_after_a_kill_finishes_the_rest_exactly_once(project: Path) -> None:
    run_dir, specs = run_fake(project, audit=project / "audits" / "fake.yaml", out=project / "run")
    lines = (run_dir / RESULTS).read_text().splitlines(keepends=True)
    # as if killed: 7 records made it, the 8th was torn mid-write
    (run_dir / RESULTS).write_text("".join(lines[:7]) + lines[7][:40])
    assert len(finished_keys(run_dir / RESULTS)) == 7
    _, remaining = run_fake(project, resume=run_dir)
    assert len(remaining) == len(specs) - 7
    keys = [json.loads(line)["key"] for line in (run_dir / RESULTS).read_text().splitlines()]
    assert sorted(keys) == sorted(s.key for s in specs)  # every one, none twice


def test_a_plan_that_names_missing_things_is_refused_before_running(project: Path) -> None:
    (project / "audits" / "fake.yaml").write_text(AUDIT.replace("scenarios/*.yaml", "nowhere/*.yaml"))
    from shopper.formats.problems import InvalidFiles

    with pytest.raises(InvalidFiles, match="matches no scenario file"):
        load_plan(project / "audits" / "fake.yaml")


def test_probe_errors_are_not_retried_unless_retryable(project: Path) -> None:
    assert not ProbeError("x").retryable and TransientError("x").retryable


def test_targets_are_interleaved_so_a_slow_desk_cannot_hold_every_slot(project: Path) -> None:
    from shopper.audits.matrix import expand
    from shopper.audits.runner import interleave_targets

    specs = expand(load_plan(project / "audits" / "fake.yaml"))
    order = [s.target.id for s in interleave_targets(specs)]
    assert sorted(order) == sorted(s.target.id for s in specs)
    assert order[:5] == ["steady", "down", "hiccup", "silent", "buggy"]


def test_a_scenario_var_marked_secret_is_sent_and_never_written(project: Path) -> None:
    (project / "scenarios" / "ticket.yaml").unlink()
    (project / "scenarios" / "account.yaml").write_text("""\
scenario: account
title: Gives an account reference the desk needs
channels: [chat]
vars: {ref: "ACC-{{ fake.numerify('######') }}-{{ persona.name | length }}"}
secret_vars: [ref]
script:
  - say: {en: "My account reference is {{ ref }}.", zh: "我的账户编号是 {{ ref }}。"}
  - say: {en: "Please check it.", zh: "请查一下。"}
""", encoding="utf-8")
    said: list[str] = []

    @asynccontextmanager
    async def recording(spec: ConversationSpec, ctx: SessionContext) -> AsyncIterator[FakeSession]:
        session = FakeSession(spec)
        yield session
        said.extend(session.said)

    plan, run_dir, manifest, specs = prepare(RunRequest(audit=project / "audits" / "fake.yaml", out=project / "run"))
    settings = RunnerSettings(run_id=manifest.run, run_dir=run_dir, concurrency=8, retries=0)
    writer = ResultsWriter(run_dir / RESULTS)
    try:
        asyncio.run(Runner(plan, settings, recording, lambda spec: Pace(within_s=5, settle_s=0.1)).run(specs, writer))
    finally:
        writer.close()
    refs = {text.split("is ")[-1].rstrip(".") for text in said if text.startswith("My account reference")}
    assert refs and all(ref.startswith("ACC-") for ref in refs), said
    written = (run_dir / RESULTS).read_text(encoding="utf-8")
    assert not any(ref in written for ref in refs)
    assert "My account reference is [redacted]." in written and "You asked: Please check it." in written


def test_secret_vars_must_name_a_var(tmp_path: Path) -> None:
    from shopper.loader import load_file

    path = tmp_path / "bad.yaml"
    path.write_text("scenario: bad\ntitle: t\nvars: {ref: x}\nsecret_vars: [reff]\n"
                    "script:\n  - say: {en: hi}\n", encoding="utf-8")
    loaded, problems = load_file(path, {})
    assert loaded is None and any("secret_vars names reff, not in vars (ref)" in p.message for p in problems)
