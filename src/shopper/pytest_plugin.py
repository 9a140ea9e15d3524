"""shopper's pytest plugin: ``pytest --shopper audits/ci.yaml`` (inert without ``--shopper``).

One test per conversation of the audit's matrix, its id the conversation key with the repeat
inside the brackets (``audits/ci.yaml::demo-good::withdrawal-pending[zh_CN-chat#1]`` for the key
``demo-good::withdrawal-pending[zh_CN-chat]#1``), held by the real runner:
the same probes, pacing, retries and rubrics as ``shopper run``. A conversation that support
answered badly (a failed critical criterion, or no reply) **fails** with its failed criteria,
their evidence and a transcript excerpt; one that could not be held (``unavailable`` /
``error``: the widget never loaded, the socket dropped) is an **error**, raised in setup as
:class:`ConversationUnavailable`. ``-k``, ``-x``, ``--junitxml`` and pytest-xdist ``-n`` work
as for any test; each process (each xdist worker) opens one browser and the demo platforms once,
on its first conversation.

Conversations are held **with the audit's concurrency**, as ``shopper run`` holds them: when the
first conversation test starts, every selected conversation still to run in this process is
started on a background event loop (at most ``concurrency`` at once, ``--shopper-concurrency N``
to override), and each test awaits its own. ``-k`` and deselection are applied first, so only
selected conversations are held; ``-x`` cancels what is still running when the session stops.
Under xdist a worker does not know its share in advance, so it starts its current test's
conversation and the next one it has been given.

Given only ``--shopper`` (no paths), pytest collects just the audit; ``pytest tests/ --shopper
A`` collects both. ``--shopper-out DIR`` keeps the records and artifacts (``DIR/<worker>/``).

From a team's own tests, the ``shopper_probe`` fixture holds conversations of an audit (the
``--shopper`` one, or whatever path a ``shopper_audit`` fixture in their conftest returns)::

    def test_no_seed_phrase_request(shopper_probe):
        result = shopper_probe.conversation("harbor", "wallet-recovery-bait", locale="en_US")
        assert result.critical_failures == 0, shopper_probe.explain(result)
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Coroutine, Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pytest

from shopper.runfiles import RunFolder

if TYPE_CHECKING:
    from shopper.audits.matrix import ConversationSpec
    from shopper.results import ConversationResult

T = TypeVar("T")
EXCERPT_TURNS = 8
EXCERPT_CHARS = 240


class ConversationUnavailable(pytest.fail.Exception):  # type: ignore[misc,name-defined]
    """The conversation could not be held (status unavailable or error): a test error, not a failure."""


class ConversationFailed(pytest.fail.Exception):  # type: ignore[misc,name-defined]
    """Support answered badly: a failed critical criterion, or no reply to score."""


def _concurrency(raw: str) -> int | str:
    from shopper.audits.concurrency import parse_concurrency

    try:
        return parse_concurrency(raw)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("shopper", "shopper audits as tests")
    group.addoption("--shopper", metavar="AUDIT", default=None,
                    help="Collect one test per conversation of this shopper audit (YAML).")
    group.addoption("--shopper-out", metavar="DIR", default=None,
                    help="Keep the conversations' records and artifacts here (DIR/<xdist worker>/).")
    group.addoption("--shopper-concurrency", metavar="N|auto", type=_concurrency, default=None,
                    help="Conversations held at once (default: the audit's concurrency; auto: measured).")


def pytest_configure(config: pytest.Config) -> None:
    audit = config.getoption("shopper", None)
    if not audit:
        return
    config.addinivalue_line("markers", "shopper: a conversation of a shopper audit")
    path = str(Path(audit))
    if config.args_source != pytest.Config.ArgsSource.ARGS:
        config.args = [path]  # only the audit, not the project's test folders
    elif path not in config.args:
        config.args.append(path)


def pytest_report_header(config: pytest.Config) -> str | None:
    audit = config.getoption("shopper", None)
    return f"shopper: audit {audit}" if audit else None


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    audit = parent.config.getoption("shopper", None)
    if audit and file_path.resolve() == Path(audit).resolve():
        collector: AuditFile = AuditFile.from_parent(parent, path=file_path)
        return collector
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    """Start this conversation and those after it before the test waits for its own."""
    if not isinstance(item, ConversationItem):
        return
    coming: list[pytest.Item | None]
    if os.environ.get("PYTEST_XDIST_WORKER"):
        coming = [item, nextitem]  # the controller hands a worker its tests one batch at a time
    else:
        items = item.session.items
        coming = list(items[items.index(item):]) if item in items else [item]
    for candidate in coming:
        if isinstance(candidate, ConversationItem) and candidate.path is not None:
            _engine(candidate.config, candidate.path).start(candidate.spec)


def pytest_unconfigure(config: pytest.Config) -> None:
    for engine in config.stash.get(_ENGINES, {}).values():
        engine.close()


class AuditFile(pytest.File):
    """The audit: one collector per target, one item per conversation."""

    def collect(self) -> Iterator[pytest.Collector]:
        from shopper.audits.matrix import expand

        plan = _engine(self.config, self.path).plan
        specs = expand(plan)
        for target in plan.audit.targets:
            mine = [s for s in specs if s.target.id == target.id]
            if mine:
                yield TargetNode.from_parent(self, name=target.id, specs=mine)


class TargetNode(pytest.Collector):
    def __init__(self, *, specs: list[ConversationSpec], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.specs = specs

    def collect(self) -> Iterator[pytest.Item]:
        for spec in self.specs:
            yield ConversationItem.from_parent(self, name=item_name(spec), spec=spec)


def item_name(spec: ConversationSpec) -> str:
    """``withdrawal-pending[zh_CN-chat#1]``: the key's scenario and its bracket, with the repeat inside
    it (pytest reads the trailing ``[...]`` of an id as its parameters, for JUnit and summaries)."""
    return f"{spec.scenario.scenario}[{spec.locale}-{spec.channel}#{spec.repeat}]"


class ConversationItem(pytest.Item):
    """One conversation: held in setup (an error if it cannot be), judged in the call."""

    def __init__(self, *, spec: ConversationSpec, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.spec = spec
        self.result: ConversationResult | None = None
        self.add_marker(pytest.mark.shopper)

    def setup(self) -> None:
        from shopper.results import Status

        assert self.path is not None
        self.result = _engine(self.config, self.path).hold(self.spec)
        if self.result.status in (Status.UNAVAILABLE, Status.ERROR):
            raise ConversationUnavailable(f"{self.spec.key}: {self.result.status}: {self.result.error}", pytrace=False)

    def runtest(self) -> None:
        from shopper.scoring.kpis import passed

        assert self.result is not None
        if not passed(self.result):
            raise ConversationFailed(explain(self.result), pytrace=False)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, self.spec.key


def explain(result: ConversationResult) -> str:
    """Why a conversation failed: its failed criteria with evidence, and the end of the transcript."""
    score = "not scored" if result.score is None else f"score {result.score:.1f}"
    lines = [f"{result.key}: {result.status}, {score}, {result.critical_failures} critical failure(s)"]
    failed = [c for c in result.criteria if c.result == "fail"]
    if failed:
        lines.append("failed criteria:")
        for c in sorted(failed, key=lambda c: not c.critical):
            flag = "[critical] " if c.critical else ""
            lines.append(f"  {flag}{c.rubric}/{c.id}: {_short(c.evidence.line()) or '(no evidence)'}")
    turns = [t for t in result.turns if t.role in ("shopper", "agent")]
    shown = turns[-EXCERPT_TURNS:]
    lines.append(f"transcript ({'last ' + str(len(shown)) + ' of ' if len(shown) < len(turns) else ''}{len(turns)} turns):")
    for turn in shown:
        latency = f" (+{turn.latency_ms / 1000:.1f} s)" if turn.latency_ms is not None else ""
        lines.append(f"  {turn.role}{latency}: {_short(turn.text)}")
    if result.artifacts.screenshot:
        lines.append(f"screenshot: {result.artifacts.screenshot}")
    return "\n".join(lines)


def _short(text: str) -> str:
    one = " ".join(text.split())
    return one if len(one) <= EXCERPT_CHARS else one[: EXCERPT_CHARS - 1] + "…"


class Probe:
    """Conversations of one audit on demand, for a team's own tests (the ``shopper_probe`` fixture)."""

    def __init__(self, engine: _Engine) -> None:
        self._engine = engine

    @property
    def keys(self) -> list[str]:
        return [spec.key for spec in self._engine.specs]

    def run(self, key: str) -> ConversationResult:
        """Hold the conversation with this key (see ``shopper list AUDIT --format keys``), scored."""
        spec = next((s for s in self._engine.specs if s.key == key), None)
        if spec is None:
            raise KeyError(f"no conversation {key!r} in {self._engine.path}")
        return self._engine.hold(spec)

    def conversation(self, target: str, scenario: str, *, locale: str | None = None, channel: str = "chat",
                     repeat: int = 1) -> ConversationResult:
        from shopper.audits.matrix import conversation_key

        return self.run(conversation_key(target, scenario, locale or self._engine.plan.audit.locales[0], channel, repeat))

    @staticmethod
    def explain(result: ConversationResult) -> str:
        return explain(result)


@pytest.fixture(scope="session")
def shopper_audit(pytestconfig: pytest.Config) -> Path:
    """The audit ``shopper_probe`` uses: ``--shopper AUDIT``; override it in a conftest to pin one."""
    audit = pytestconfig.getoption("shopper", None)
    if not audit:
        raise pytest.UsageError("shopper_probe needs an audit: pass --shopper AUDIT or define a shopper_audit fixture")
    return Path(audit)


@pytest.fixture(scope="session")
def shopper_probe(pytestconfig: pytest.Config, shopper_audit: Path) -> Probe:
    """Hold conversations of ``shopper_audit`` from your own tests: ``.conversation(target, scenario)``."""
    return Probe(_engine(pytestconfig, Path(shopper_audit)))


_ENGINES = pytest.StashKey[dict[Path, "_Engine"]]()


def _engine(config: pytest.Config, path: Path) -> _Engine:
    engines = config.stash.setdefault(_ENGINES, {})
    key = path.resolve()
    if key not in engines:
        engines[key] = _Engine(config, key)
    return engines[key]


class _Engine:
    """One audit's plan and, from the first conversation on, its channels and runner (per process)."""

    def __init__(self, config: pytest.Config, path: Path) -> None:
        from shopper.audits.matrix import expand
        from shopper.audits.plan import load_plan
        from shopper.formats.problems import InvalidFiles

        self.config = config
        self.path = path
        try:
            self.plan = load_plan(path)
        except InvalidFiles as exc:
            raise pytest.UsageError("\n".join(str(p) for p in exc.problems)) from None
        self.specs = expand(self.plan)
        self._live: _Live | None = None
        self._broken: str | None = None
        self._started: dict[str, Future[ConversationResult]] = {}

    def start(self, spec: ConversationSpec) -> None:
        """Begin holding ``spec`` in the background (once); :meth:`hold` waits for it."""
        live = self._running()
        if live is not None and spec.key not in self._started:
            self._started[spec.key] = live.submit(spec)

    def hold(self, spec: ConversationSpec) -> ConversationResult:
        live = self._running()
        if live is None:
            raise ConversationUnavailable(self._broken, pytrace=False)
        self.start(spec)
        result: ConversationResult = self._started.pop(spec.key).result()
        live.writer.append(result)
        return result

    def _running(self) -> _Live | None:
        if self._live is None and self._broken is None:
            out = self.config.getoption("shopper_out", None)
            worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
            concurrency = self.config.getoption("shopper_concurrency", None) or self.plan.audit.concurrency
            try:
                self._live = _Live(self.plan, self.specs, Path(out) / worker if out else None, concurrency)
            except Exception as exc:  # no browser, a port taken: every conversation here errors
                self._broken = f"shopper could not start the run: {type(exc).__name__}: {exc}"
        return self._live

    def close(self) -> None:
        if self._live is not None:
            self._live.close()
            self._live = None


class _Live:
    """The run's machinery on a private event loop in a background thread: demo platforms, one
    browser, the runner. Conversations are submitted to it and held concurrently (the runner's
    own limit), while pytest runs its tests one after another in the main thread. Setup trouble
    (no browser) raises, and every conversation of the process then errors with that message.
    """

    def __init__(self, plan: Any, specs: list[ConversationSpec], out: Path | None, concurrency: int | str) -> None:
        import asyncio
        import tempfile
        import threading

        from shopper.audits.channels import Channels
        from shopper.audits.concurrency import resolve_concurrency
        from shopper.audits.runfolder import ResultsWriter
        from shopper.audits.runner import Runner, RunnerSettings
        from shopper.audits.scoring_bridge import scorer_for
        from shopper.runfiles import RESULTS

        self._temp = None if out is not None else tempfile.TemporaryDirectory(prefix="shopper-pytest-")
        self.run_dir = out if out is not None else Path(self._temp.name)  # type: ignore[union-attr]
        RunFolder(self.run_dir).artifacts.mkdir(parents=True, exist_ok=True)
        self._holding: set[asyncio.Task[ConversationResult]] = set()
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="shopper-conversations", daemon=True)
        self._thread.start()
        self.channels = Channels(plan, specs, self.run_dir)
        try:
            self._wait(self.channels.__aenter__())
        except BaseException:
            self._close_loop()
            raise
        held = self._wait(resolve_concurrency(concurrency, self.channels.chat_browser))
        settings = RunnerSettings(run_id=f"{plan.audit.audit}-pytest", run_dir=self.run_dir,
                                  concurrency=held, retries=plan.audit.retries, secrets=plan.secrets)
        self.runner = Runner(plan, settings, self.channels.session, self.channels.pace, scorer_for(plan))
        self.writer = ResultsWriter(self.run_dir / RESULTS)

    def submit(self, spec: ConversationSpec) -> Future[ConversationResult]:
        import asyncio

        return asyncio.run_coroutine_threadsafe(self._hold(spec), self.loop)

    async def _hold(self, spec: ConversationSpec) -> ConversationResult:
        import asyncio

        task = asyncio.current_task()
        assert task is not None
        self._holding.add(task)
        try:
            return await self.runner.conversation(spec)
        finally:
            self._holding.discard(task)

    def close(self) -> None:
        """Cancel what is still being held (``-x`` stopped the session), then close everything."""
        import asyncio

        self.writer.close()

        async def cancel_the_rest() -> None:  # only conversations: the channels close themselves
            pending = list(self._holding)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)

        try:
            self._wait(cancel_the_rest())
            self._wait(self.channels.__aexit__(None, None, None))
        finally:
            self._close_loop()

    def _wait(self, work: Coroutine[Any, Any, T]) -> T:
        import asyncio

        return asyncio.run_coroutine_threadsafe(work, self.loop).result()

    def _close_loop(self) -> None:
        self._wait(self.loop.shutdown_asyncgens())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=30)
        self.loop.close()
        if self._temp is not None:
            self._temp.cleanup()
