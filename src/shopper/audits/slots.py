"""The run's conversation slots, and who gets a freed one near the end of a run.

For most of a run a freed slot goes to the conversation that has waited longest: the start
order (:mod:`shopper.audits.schedule`, then round-robin over targets) holds, so every target's
conversations spread over the same stretch of time. Near the end that order costs time: a
conversation with a slow desk started last runs alone while the other slots sit idle, and how
slow a desk is shows only once it has answered. So once no more conversations wait than the run
has slots twice over (counting those not started yet, whatever they wait on), a freed slot goes to the waiting conversation whose kind (same target,
channel and scenario; else same target and channel) has taken longest so far, and a kind not
seen yet goes first. Simulated on bench_throughput's desks, this recovers most of what knowing
every length in advance would (the scripted-time packing in matrix order: 1.092 x the
longest-first ideal; learned over the whole run: 1.063; learned in the tail only: 1.068).
"""

from __future__ import annotations

import asyncio
import statistics
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from shopper.audits.matrix import ConversationSpec

TAIL_FACTOR = 2  # learned order once at most TAIL_FACTOR x slots conversations wait


@dataclass
class TakenSoFar:
    """How long conversations of each kind have held their slot, in seconds."""

    by_kind: dict[tuple[str, str, str], list[float]] = field(default_factory=lambda: defaultdict(list))
    by_target: dict[tuple[str, str], list[float]] = field(default_factory=lambda: defaultdict(list))

    def record(self, spec: ConversationSpec, seconds: float) -> None:
        self.by_kind[(spec.target.id, spec.channel, spec.scenario.scenario)].append(seconds)
        self.by_target[(spec.target.id, spec.channel)].append(seconds)

    def expected(self, spec: ConversationSpec) -> float | None:
        """The mean of its kind, else of its target and channel; None when none has ended yet."""
        taken = self.by_kind.get((spec.target.id, spec.channel, spec.scenario.scenario)) or self.by_target.get(
            (spec.target.id, spec.channel)
        )
        return statistics.fmean(taken) if taken else None


@dataclass(eq=False)  # each wait is its own: found and removed by identity
class _Waiting:
    spec: ConversationSpec
    place: int  # arrival order: the start order for the conversations waiting together
    granted: asyncio.Future[None]


class ConversationSlots:
    """``async with slots.hold(spec)``: one of ``count`` slots, given out as the module doc says."""

    def __init__(self, count: int) -> None:
        self.count = count
        # How many conversations are still to start: Runner.run sets it, each start counts it down.
        # Unset (conversations submitted one by one, as the pytest plugin does), the start order holds.
        self.not_started: int | None = None
        self.taken = TakenSoFar()
        self._free = count
        self._waiting: list[_Waiting] = []
        self._arrivals = 0

    @asynccontextmanager
    async def hold(self, spec: ConversationSpec) -> AsyncIterator[None]:
        await self._acquire(spec)
        began = asyncio.get_running_loop().time()
        try:
            yield
        finally:
            self.taken.record(spec, asyncio.get_running_loop().time() - began)
            self._release()

    async def _acquire(self, spec: ConversationSpec) -> None:
        self._arrivals += 1
        if self._free > 0 and not self._waiting:
            self._free -= 1
            self._started()
            return
        waiting = _Waiting(spec, self._arrivals, asyncio.get_running_loop().create_future())
        self._waiting.append(waiting)
        try:
            await waiting.granted
        except asyncio.CancelledError:
            if waiting in self._waiting:
                self._waiting.remove(waiting)
            elif waiting.granted.done() and not waiting.granted.cancelled():
                self._release()  # handed a slot as it was cancelled: pass it on
            raise

    def _release(self) -> None:
        candidates = [w for w in self._waiting if not w.granted.done()]
        if not candidates:
            self._free += 1
            return
        chosen = self._next(candidates)
        self._waiting.remove(chosen)
        self._started()
        chosen.granted.set_result(None)

    def _started(self) -> None:
        if self.not_started is not None:
            self.not_started = max(0, self.not_started - 1)

    def _next(self, candidates: list[_Waiting]) -> _Waiting:
        first = min(candidates, key=lambda w: w.place)
        if self.not_started is None or self.not_started > TAIL_FACTOR * self.count:
            return first

        def rank(waiting: _Waiting) -> tuple[bool, float, int]:
            expected = self.taken.expected(waiting.spec)
            return (expected is None, expected or 0.0, -waiting.place)

        return max(candidates, key=rank)
