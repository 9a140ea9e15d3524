"""The opening gate: a few pages open at a time, none holds its place for long."""

from __future__ import annotations

import asyncio

import pytest

from shopper.probes.chat.opening import OpeningGate, default_width


def test_no_more_than_width_conversations_open_at_once_and_all_of_them_open() -> None:
    async def main() -> tuple[int, list[int]]:
        gate = OpeningGate(width=3, lease_s=60)
        inside, most, done = 0, 0, []

        async def conversation(n: int) -> None:
            nonlocal inside, most
            async with gate.opening():
                inside += 1
                most = max(most, inside)
                for _ in range(5):  # the page's round trips
                    await asyncio.sleep(0)
                inside -= 1
            done.append(n)

        await asyncio.gather(*(conversation(n) for n in range(16)))
        return most, sorted(done)

    most, done = asyncio.run(main())
    assert most == 3
    assert done == list(range(16))


def test_a_page_that_never_comes_up_lets_the_next_one_in_after_its_lease() -> None:
    async def main() -> bool:
        gate = OpeningGate(width=1, lease_s=0.05)
        stuck = asyncio.Event()

        async def never_loads() -> None:
            async with gate.opening():
                await stuck.wait()

        hanging = asyncio.ensure_future(never_loads())
        await asyncio.sleep(0)
        try:
            async with asyncio.timeout(10):
                async with gate.opening():
                    return not hanging.done()  # got in while the first still waits for its widget
        finally:
            stuck.set()
            await hanging

    assert asyncio.run(main())


def test_a_place_is_given_back_once_when_the_open_fails_and_the_lease_also_ends() -> None:
    async def main() -> int:
        gate = OpeningGate(width=2, lease_s=0.01)
        with pytest.raises(RuntimeError):
            async with gate.opening():
                raise RuntimeError("the page did not load")
        await asyncio.sleep(0.05)  # past the lease: it must not give the place back a second time
        gate.lease_s = 60  # the holders below keep their places while the third is looked at
        entered = 0
        holders = [gate.opening() for _ in range(3)]
        for holder in holders[:2]:
            await holder.__aenter__()
            entered += 1
        third = asyncio.ensure_future(holders[2].__aenter__())
        await asyncio.sleep(0)
        blocked = not third.done()
        third.cancel()
        return entered if blocked else -1

    assert asyncio.run(main()) == 2


def test_two_pages_open_at_once_per_core(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert default_width() == 4
    monkeypatch.setattr("os.cpu_count", lambda: None)  # unknown: as one core
    assert default_width() == 2
