"""The run's slots: start order for most of a run, the slowest kind first near its end.

The conversations here are stand-ins that hold a slot for a given time on a real event loop;
what is checked is the order in which the slots were handed out, and that no more than
``count`` are ever held.
"""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

import pytest

from shopper.audits.slots import TAIL_FACTOR, ConversationSlots


def spec(target: str, scenario: str = "s", channel: str = "chat") -> Any:
    """What the slots read of a ConversationSpec: its target, channel and scenario."""
    return SimpleNamespace(target=SimpleNamespace(id=target), channel=channel, scenario=SimpleNamespace(scenario=scenario))


async def hold_all(slots: ConversationSlots, plan: list[tuple[Any, float]]) -> tuple[list[int], int]:
    """Start every (spec, seconds) in order; the indices in the order they got a slot, and the
    most slots held at once."""
    started: list[int] = []
    held = most = 0

    async def one(index: int, which: Any, seconds: float) -> None:
        nonlocal held, most
        async with slots.hold(which):
            started.append(index)
            held += 1
            most = max(most, held)
            await asyncio.sleep(seconds)
            held -= 1

    await asyncio.gather(*(one(i, which, seconds) for i, (which, seconds) in enumerate(plan)))
    return started, most


def test_before_the_tail_slots_go_in_start_order_whatever_has_been_learned() -> None:
    slots = ConversationSlots(1)
    slots.not_started = 100  # far from the end of the run
    slots.taken.record(spec("slow"), 60.0)
    plan = [(spec("fast"), 0.001), (spec("fast"), 0.001), (spec("slow"), 0.001), (spec("fast"), 0.001)]
    started, most = asyncio.run(hold_all(slots, plan))
    assert started == [0, 1, 2, 3]
    assert most == 1


def test_in_the_tail_a_freed_slot_goes_to_the_kind_seen_to_take_longest() -> None:
    slots = ConversationSlots(1)
    slots.taken.record(spec("fast"), 1.0)
    slots.taken.record(spec("slow", "other"), 30.0)  # a scenario not run yet: its target's mean
    plan = [(spec("fast"), 0.001), (spec("fast"), 0.001), (spec("slow"), 0.001)]
    slots.not_started = len(plan)  # once the first has started, the two left are the tail
    started, most = asyncio.run(hold_all(slots, plan))
    # the first takes the free slot; then the slow desk's, then the fast desk's
    assert started == [0, 2, 1]
    assert most == 1


def test_a_kind_not_seen_yet_goes_before_the_ones_known() -> None:
    slots = ConversationSlots(1)
    slots.not_started = 3
    slots.taken.record(spec("slow"), 30.0)
    plan = [(spec("slow"), 0.001), (spec("slow"), 0.001), (spec("new"), 0.001)]
    started, _ = asyncio.run(hold_all(slots, plan))
    assert started == [0, 2, 1]


def test_the_order_turns_once_few_enough_wait() -> None:
    count = 2
    slots = ConversationSlots(count)
    slots.taken.record(spec("slow"), 30.0)
    slots.taken.record(spec("fast"), 1.0)
    plan = [(spec("fast"), 0.001)] * (TAIL_FACTOR * count + 3) + [(spec("slow"), 0.001)]
    slots.not_started = len(plan)
    started, most = asyncio.run(hold_all(slots, plan))
    slow = len(plan) - 1
    in_order = len(plan) - TAIL_FACTOR * count  # started while more than the tail had not
    assert started[:in_order] == list(range(in_order)), "before the tail, start order"
    assert started[in_order] == slow, "in the tail, the slow desk's conversation before the fast ones left"
    assert most == count


def test_what_a_conversation_held_is_recorded_by_kind_then_by_target() -> None:
    slots = ConversationSlots(2)
    asyncio.run(hold_all(slots, [(spec("desk", "a"), 0.05), (spec("desk", "a"), 0.05)]))
    assert slots.taken.expected(spec("desk", "a")) == pytest.approx(0.05, abs=0.04)
    assert slots.taken.expected(spec("desk", "b")) == slots.taken.expected(spec("desk", "a"))  # same target
    assert slots.taken.expected(spec("other", "a")) is None


def test_a_waiter_cancelled_loses_no_slot() -> None:
    async def scenario() -> list[str]:
        slots = ConversationSlots(1)
        order: list[str] = []
        release = asyncio.Event()

        async def first() -> None:
            async with slots.hold(spec("a")):
                order.append("first")
                await release.wait()

        async def waiter(name: str) -> None:
            async with slots.hold(spec("a")):
                order.append(name)

        holding = asyncio.create_task(first())
        await asyncio.sleep(0)
        cancelled = asyncio.create_task(waiter("cancelled"))
        last = asyncio.create_task(waiter("last"))
        await asyncio.sleep(0)
        cancelled.cancel()
        release.set()
        await asyncio.wait_for(asyncio.gather(holding, last), 5)
        with pytest.raises(asyncio.CancelledError):
            await cancelled
        return order

    assert asyncio.run(scenario()) == ["first", "last"]


def test_conversations_submitted_one_by_one_keep_their_order() -> None:
    slots = ConversationSlots(1)  # nobody said how many are to come (the pytest plugin's case)
    slots.taken.record(spec("slow"), 30.0)
    started, _ = asyncio.run(hold_all(slots, [(spec("fast"), 0.001), (spec("fast"), 0.001), (spec("slow"), 0.001)]))
    assert started == [0, 1, 2]
