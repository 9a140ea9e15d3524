"""The audit runner: the matrix, held concurrently, one crash-safe record per conversation.

Concurrency has two limits: the run's (browser contexts on this machine) and each target's (so
a real site is never flooded). Only infrastructure errors are retried, with the attempts
recorded. A conversation that fails in any way becomes a record; it never stops the others.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractAsyncContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from shopper.audits.matrix import ConversationSpec
from shopper.audits.plan import Plan
from shopper.audits.runfolder import ResultsWriter, conversation_artifacts, iso, utc_now
from shopper.audits.schedule import estimated_seconds, longest_first
from shopper.audits.slots import ConversationSlots
from shopper.log_redaction import also_protect
from shopper.probes.base import ChannelSession, ProbeError, SessionContext, Unavailable
from shopper.redaction import Redactor
from shopper.results import Artifacts, ConversationResult, Status
from shopper.scenarios.driver import Pace, Transcript, hold_conversation
from shopper.scenarios.templates import persona_and_context, stable_seed

log = logging.getLogger(__name__)


class SessionFactory(Protocol):
    """Makes the session for one conversation (the channels module wires the real probes)."""

    def __call__(self, spec: ConversationSpec, ctx: SessionContext) -> AbstractAsyncContextManager[ChannelSession]: ...


Scorer = Callable[[ConversationResult, ConversationSpec, Transcript], ConversationResult]
ProgressHook = Callable[[str, ConversationSpec, ConversationResult | None], None]


@dataclass
class RunSummary:
    total: int
    skipped: int = 0  # finished in an earlier attempt of this run (resume)
    by_status: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class RunnerSettings:
    run_id: str
    run_dir: Path
    concurrency: int
    retries: int
    secrets: frozenset[str] = frozenset()


class Runner:
    def __init__(
        self,
        plan: Plan,
        settings: RunnerSettings,
        sessions: SessionFactory,
        paces: Callable[[ConversationSpec], Pace],
        scorer: Scorer | None = None,
        progress: ProgressHook | None = None,
    ) -> None:
        self.plan = plan
        self.settings = settings
        self.sessions = sessions
        self.paces = paces
        self.scorer = scorer
        self.progress = progress or (lambda *_: None)
        self._chat_slots = ConversationSlots(settings.concurrency)
        self._ramp_began: float | None = None  # loop time of the first start
        self._next_start = 0.0  # during the ramp-up, the earliest the next conversation may start
        # Scoring is CPU work off the event loop. One thread unless a judge waits on HTTP: every
        # further busy thread makes the loop wait longer for the interpreter, and the api channel
        # stamps its messages on that loop. (Made here, not in run(): the pytest plugin holds
        # conversations one by one through conversation().)
        judge = plan.audit.judge
        self._scoring = ThreadPoolExecutor(judge.concurrency if judge else 1, thread_name_prefix="shopper-score")
        self._target_slots = {
            (t.id, channel): asyncio.Semaphore(t.concurrency)
            for t in plan.audit.targets
            for channel in ("chat", "email", "api")
        }

    async def run(self, specs: Sequence[ConversationSpec], writer: ResultsWriter) -> RunSummary:
        with short_interpreter_slices():
            return await self._run(specs, writer)

    async def _run(self, specs: Sequence[ConversationSpec], writer: ResultsWriter) -> RunSummary:
        summary = RunSummary(total=len(specs))

        async def one(spec: ConversationSpec) -> None:
            result = await self.conversation(spec)
            writer.append(result)
            summary.by_status[result.status] = summary.by_status.get(result.status, 0) + 1
            self.progress("done", spec, result)

        self._chat_slots.not_started = sum(1 for spec in specs if spec.channel in ("chat", "api"))
        await asyncio.gather(*(one(spec) for spec in interleave_targets(longest_first(specs, self._estimate))))
        return summary

    def _estimate(self, spec: ConversationSpec) -> float:
        """The scripted length that orders the starts (:mod:`shopper.audits.schedule`)."""
        typing_cps = self.plan.audit.pacing.typing_cps if spec.channel == "chat" else 0.0  # api and mail paste
        return estimated_seconds(spec, self.paces(spec), typing_cps)

    async def conversation(self, spec: ConversationSpec) -> ConversationResult:
        """Hold one conversation, with retries of infrastructure errors, then score it; never raises.

        Scoring happens after the conversation's slots are given back: its page is closed by
        then, and the next conversation should not wait for the scoring thread (nor for the
        scoring models loading on the first conversation of a language)."""
        async with self._target_slots[(spec.target.id, spec.channel)], self._slot(spec):
            await self._ramp()
            self.progress("start", spec, None)
            attempts = 0
            while True:
                attempts += 1
                held = await self._attempt(spec, attempts)
                if not held.retryable or attempts > self.settings.retries:
                    break
                log.info("%s: attempt %d failed (%s); retrying", spec.key, attempts, held.result.error)
        return await self._scored(spec, held)

    async def _ramp(self) -> None:
        """Space the starts asked for during the audit's first ``ramp_up`` by ``ramp_up / concurrency``:
        a platform (and this machine) takes sixty-four conversations opening in the same
        millisecond as a burst nobody sends it. After it, a conversation starts when it has a slot."""
        ramp = self.plan.audit.ramp_up
        if ramp <= 0:
            return
        now = asyncio.get_running_loop().time()
        if self._ramp_began is None:
            self._ramp_began = now
        if now >= self._ramp_began + ramp:
            return
        start = max(now, self._next_start)  # a start asked for during the ramp takes the next spaced time
        self._next_start = start + ramp / self.settings.concurrency
        await asyncio.sleep(start - now)

    def _slot(self, spec: ConversationSpec) -> AbstractAsyncContextManager[object]:
        if spec.channel in ("chat", "api"):  # live conversations: the run's concurrency holds them
            return self._chat_slots.hold(spec)
        return _NoLimit()

    async def _attempt(self, spec: ConversationSpec, attempt: int) -> _Held:
        audit = self.plan.audit
        seed = stable_seed(audit.seed, spec.key)
        persona, variables = persona_and_context(spec.scenario, spec.locale, seed)
        secrets = self.settings.secrets | {str(variables[name]) for name in spec.scenario.secret_vars}
        also_protect(secrets)
        ctx = SessionContext(
            key=spec.key,
            persona=persona,
            artifacts_dir=conversation_artifacts(self.settings.run_dir, spec.key, attempt),
            secrets=tuple(sorted(secrets)),
            run_dir=self.settings.run_dir,
        )
        started = utc_now()
        transcript = Transcript()
        artifacts = Artifacts()
        retryable = False
        try:
            async with self.sessions(spec, ctx) as session:
                failed = True
                try:
                    await hold_conversation(session, spec.scenario, spec.locale, variables, self.paces(spec), transcript)
                    failed = transcript.status != Status.COMPLETED
                finally:
                    artifacts = await _close(session, failed)
        except Unavailable as exc:
            transcript.turns.extend(exc.turns)
            transcript.status, transcript.error, retryable = Status.UNAVAILABLE, str(exc), exc.retryable
        except ProbeError as exc:
            transcript.turns.extend(exc.turns)
            transcript.status, transcript.error, retryable = Status.ERROR, str(exc), exc.retryable
        except Exception as exc:  # a bug or an unforeseen failure: recorded, never fatal to the run
            log.debug("conversation %s crashed:\n%s", spec.key, traceback.format_exc())
            transcript.status, transcript.error = Status.ERROR, f"{type(exc).__name__}: {exc}"
        result = ConversationResult(
            run=self.settings.run_id,
            audit=audit.audit,
            key=spec.key,
            target=spec.target.id,
            scenario=spec.scenario.scenario,
            channel=spec.channel,
            locale=spec.locale,
            repeat=spec.repeat,
            status=transcript.status,
            started_at=iso(started),
            ended_at=iso(utc_now()),
            persona=persona.public(),
            turns=transcript.turns,
            artifacts=relative_artifacts(artifacts, self.settings.run_dir),
            attempts=attempt,
            error=transcript.error,
            tags=list(spec.scenario.tags),
        )
        if transcript.resolved_at_ms is not None:
            result.kpis.resolution_ms = _resolution_ms(transcript)
        return _Held(result, retryable, transcript, secrets)

    async def _scored(self, spec: ConversationSpec, held: _Held) -> ConversationResult:
        result = held.result
        if self.scorer is not None:
            # off the event loop: a judge's HTTP round trips must not stall the other conversations
            result = await asyncio.get_running_loop().run_in_executor(self._scoring, self.scorer, result, spec,
                                                                      held.transcript)  # fmt: skip
        return redact(result, held.secrets)


@dataclass
class _Held:
    """One attempt at a conversation, not scored yet."""

    result: ConversationResult
    retryable: bool
    transcript: Transcript
    secrets: frozenset[str]


async def _close(session: ChannelSession, failed: bool) -> Artifacts:
    try:
        return await session.close(failed=failed)
    except Exception as exc:  # closing must not hide what the conversation found
        log.warning("closing a session failed: %s", exc)
        return Artifacts()


def _resolution_ms(transcript: Transcript) -> float | None:
    first = next((t.at_ms for t in transcript.turns if t.role == "shopper" and t.at_ms is not None), None)
    if first is None or transcript.resolved_at_ms is None:
        return None
    return transcript.resolved_at_ms - first


@contextmanager
def short_interpreter_slices(seconds: float = 0.0005) -> Iterator[None]:
    """Let a thread that waits for the interpreter lock get it within ``seconds``, for a run.

    The api channel's own loop (:mod:`shopper.probes.api.ioloop`) stamps messages as they come,
    beside the run's loop and the scoring thread, which is pure Python. With the default 5 ms
    slice a stamp could wait up to 5 ms for another thread to let go; 0.5 ms bounds that wait at
    a tenth, for a few per cent more switching.
    """
    before = sys.getswitchinterval()
    sys.setswitchinterval(min(before, seconds))
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def interleave_targets(specs: Sequence[ConversationSpec]) -> list[ConversationSpec]:
    """Round-robin over targets: the run's slots go to every target from the start, so a slow
    desk cannot hold them all while the others wait, and each target's conversations spread
    over the same stretch of time (a fairer side-by-side comparison)."""
    queues: dict[str, list[ConversationSpec]] = {}
    for spec in specs:
        queues.setdefault(spec.target.id, []).append(spec)
    out: list[ConversationSpec] = []
    for index in range(max((len(q) for q in queues.values()), default=0)):
        out += [queue[index] for queue in queues.values() if index < len(queue)]
    return out


def relative_artifacts(artifacts: Artifacts, run_dir: Path) -> Artifacts:
    """Artifact paths relative to the run folder, so a copied or archived run keeps its links."""

    def relative(value: object) -> object:
        if isinstance(value, str):
            try:
                return str(Path(value).resolve().relative_to(run_dir.resolve()))
            except ValueError:
                return value
        if isinstance(value, list):
            return [relative(item) for item in value]
        return value

    data = {key: relative(value) for key, value in artifacts.model_dump().items()}
    return Artifacts.model_validate(data)


class _NoLimit:
    async def __aenter__(self) -> None:
        return None

    async def __aexit__(self, *exc: object) -> None:
        return None


def redact(result: ConversationResult, secrets: frozenset[str]) -> ConversationResult:
    """Replace every secret value anywhere in the record (texts, error, persona, evidence)."""
    redactor = Redactor(secrets)
    if not redactor:
        return result
    return ConversationResult.model_validate_json(redactor.json_text(result.model_dump_json()))
