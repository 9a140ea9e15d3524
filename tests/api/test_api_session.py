"""The api session's reply-complete rules, on a scripted connector (the protocols are proven on
real servers in test_api_run.py and test_api_generic.py)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from shopper.probes.api.arrivals import Arrivals, now_ms
from shopper.probes.api.http import RateLimits
from shopper.probes.api.session import ApiConfig, ApiSession
from shopper.probes.base import Persona, SessionContext, TransientError

Script = Callable[[Arrivals], Awaitable[None]]


class ScriptedConnector:
    protocol = "scripted"
    bound_ms = None

    def __init__(self, reply: Script, *, request_reply: bool = False, on_open: Script | None = None) -> None:
        self.reply = reply
        self.request_reply = request_reply
        self.on_open = on_open
        self.limits = RateLimits()
        self.tasks: list[asyncio.Task[None]] = []

    async def open(self, arrivals: Arrivals) -> str | None:
        if self.on_open is not None:
            self.tasks.append(asyncio.ensure_future(self.on_open(arrivals)))
        return "conv-1"

    async def send(self, text: str, arrivals: Arrivals) -> None:
        arrivals.written(now_ms())
        if self.request_reply:
            await self.reply(arrivals)
        else:
            self.tasks.append(asyncio.ensure_future(self.reply(arrivals)))

    async def close(self) -> None:
        for task in self.tasks:
            task.cancel()


def _session(connector: ScriptedConnector, tmp_path: Path) -> ApiSession:
    ctx = SessionContext(key="k", persona=Persona("Ann", "ann@example.com", "en_US"), artifacts_dir=tmp_path)
    return ApiSession(connector, ctx, ApiConfig(settle_s=0.2))  # type: ignore[arg-type]


def _talk(connector: ScriptedConnector, tmp_path: Path, within_s: float = 5.0,
          pause_s: float = 0.0) -> list:  # type: ignore[type-arg]  # fmt: skip
    async def main() -> list:  # type: ignore[type-arg]
        session = _session(connector, tmp_path)
        try:
            await session.open()
            await asyncio.sleep(pause_s)  # a person reading the page before typing
            await session.say("hello")
            return await session.await_reply(within_s=within_s, settle_s=0.2)
        finally:
            await session.close(failed=False)

    return asyncio.run(main())


def test_an_empty_answer_of_a_request_reply_protocol_is_no_reply_at_once(tmp_path: Path) -> None:
    async def nothing(arrivals: Arrivals) -> None:
        arrivals.done()

    started = now_ms()
    assert _talk(ScriptedConnector(nothing, request_reply=True), tmp_path, within_s=30) == []
    assert now_ms() - started < 5000, "it waited for `within` although the bot had answered"


def test_a_welcome_still_arriving_when_the_shopper_spoke_is_not_a_reply(tmp_path: Path) -> None:
    async def welcome(arrivals: Arrivals) -> None:
        await asyncio.sleep(0.02)  # after open() returned (``welcome: none``), before the shopper spoke
        arrivals.message("agent", "Welcome!", now_ms())

    async def answer(arrivals: Arrivals) -> None:
        await asyncio.sleep(0.05)
        arrivals.message("agent", "Your withdrawal is being checked.", now_ms())

    connector = ScriptedConnector(answer, on_open=welcome)
    turns = _talk(connector, tmp_path, pause_s=0.1)
    kinds = {t.text: t.kind for t in turns}
    assert kinds["Welcome!"] == "welcome"
    assert kinds["Your withdrawal is being checked."] == "message"


def test_an_open_stream_holds_the_turn_past_the_settle_time(tmp_path: Path) -> None:
    async def stream(arrivals: Arrivals) -> None:
        arrivals.stream("s1", "Checking", now_ms(), final=False)
        await asyncio.sleep(0.5)  # longer than the 0.2 s settle
        arrivals.stream("s1", "Checking your withdrawal now.", now_ms(), final=True)

    (turn,) = _talk(ScriptedConnector(stream), tmp_path)
    assert turn.text == "Checking your withdrawal now."
    assert turn.meta["chunks"] == 2
    assert turn.meta["final_latency_ms"] - turn.latency_ms >= 450


def test_a_failure_after_a_message_keeps_the_message(tmp_path: Path) -> None:
    async def drop(arrivals: Arrivals) -> None:
        arrivals.message("agent", "First part.", now_ms())
        arrivals.fail(TransientError("api (scripted): the stream dropped"))

    with pytest.raises(TransientError, match="after 1 agent message") as raised:
        _talk(ScriptedConnector(drop), tmp_path)
    assert [t.text for t in raised.value.turns] == ["First part."]
