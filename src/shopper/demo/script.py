"""A demo conversation's script over time, whatever carries it (widget socket, Direct Line, Rasa, OpenAI).

Every transport of the demo plays the same scripted timing: the welcome after its delay, then
for each customer message a typing indicator, the first part after ``first_part`` seconds and
each further part after ``next_part`` seconds. The transports only say how each step goes on
their wire, so the chat widget and the bot APIs of one profile answer alike, and the ground
truth of each is comparable.
"""

from __future__ import annotations

import asyncio
import itertools
import random
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from shopper.demo.bot import Bot, BotState, Part, seeded_rng
from shopper.demo.groundtruth import now_ms
from shopper.demo.options import PROFILES, DemoOptions, Fault

FLAKY_DROP_RATE = 0.3
STREAM_CHUNKS = 4  # a livestreamed part arrives in this many growing chunks
STREAM_GAP_S = 0.05  # between chunks (scaled by speed)


@dataclass
class Conversation:
    id: str
    profile: str
    email: str
    faults: frozenset[Fault]
    state: BotState
    turns: int = 0
    welcomed: bool = False
    seq: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def next_message_id(self) -> str:
        return f"{self.id}:{next(self.seq)}"


@dataclass(frozen=True)
class Typing:
    on: bool


@dataclass(frozen=True)
class Say:
    part: Part
    index: int  # 0 for the first part of a reply
    last: bool
    delay_s: float  # the scripted wait before it (scaled): benchmarks build their ideal from these


@dataclass(frozen=True)
class Drop:
    """The transport loses its connection here (a fault, or ``flaky``'s seeded bad luck)."""

    after: int  # parts sent before the drop


Step = Typing | Say | Drop


class BotApiConversations:
    """The conversations a bot API keeps by the client's own name for them (Rasa's sender, the
    OpenAI ``user``), and how many requests each has made (the ``api_429`` fault refuses the first)."""

    def __init__(self, options: DemoOptions, prefix: str) -> None:
        self.options = options
        self.prefix = prefix
        self._found: dict[tuple[str, str], Conversation] = {}
        self._requests: dict[tuple[str, str], int] = {}

    def named(self, profile: str, name: str) -> Conversation:
        conv = self._found.get((profile, name))
        if conv is None:
            conv = Conversation(id=f"{self.prefix}-{profile}-{name}"[:120], profile=profile, email=f"{name}@api.invalid",
                                faults=self.options.faults_for(profile), state=BotState(name="customer"))  # fmt: skip
            self._found[(profile, name)] = conv
        return conv

    def refuse_first(self, conv: Conversation, profile: str, name: str) -> bool:
        """Count a request; True when the ``api_429`` fault refuses this one (the first)."""
        count = self._requests[(profile, name)] = self._requests.get((profile, name), 0) + 1
        return Fault.API_429 in conv.faults and count == 1


class BackgroundTasks:
    """Tasks a bot API runs beside its requests (a reply being played), cancelled when it stops."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[None]] = set()

    def spawn(self, coro: Any) -> None:
        task: asyncio.Task[None] = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def cancel(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)


def profile_of(request: web.Request) -> str:
    """The bot profile a bot-API route names, or 404."""
    profile = request.match_info["profile"]
    if profile not in PROFILES:
        raise web.HTTPNotFound(text="unknown profile")
    return profile


def bot_for(options: DemoOptions, conv: Conversation) -> Bot:
    return Bot(conv.profile, hostile=options.is_hostile(conv.profile))


async def welcome(options: DemoOptions, conv: Conversation) -> tuple[float, float, list[Part]]:
    """Wait the welcome's scripted delay; return when the wait began, the delay and the parts."""
    started = now_ms()
    timing = options.timing(conv.profile)
    rng = seeded_rng(options.seed, conv.profile, conv.email, "welcome")
    delay = options.scaled(rng.uniform(*timing.welcome))
    await asyncio.sleep(delay)
    return started, delay, bot_for(options, conv).welcome(conv.state)


async def reply(options: DemoOptions, conv: Conversation, text: str) -> AsyncIterator[Step]:
    """The steps of the bot's answer to ``text``, each yielded when it is due."""
    if Fault.NO_REPLY in conv.faults:
        return
    conv.turns += 1
    rng = seeded_rng(options.seed, conv.profile, conv.email, conv.turns, text)
    parts = bot_for(options, conv).reply(conv.state, text, rng)
    timing = options.timing(conv.profile)
    drop_after = _drop_after(conv, parts, rng)
    for index, part in enumerate(parts):
        yield Typing(True)
        span = timing.first_part if index == 0 else timing.next_part
        delay = options.scaled(rng.uniform(*span))
        await asyncio.sleep(delay)
        yield Say(part, index, last=index == len(parts) - 1, delay_s=delay)
        if drop_after == index + 1:
            yield Drop(drop_after)  # a transport whose conversation dies with it stops here
    yield Typing(False)


def _drop_after(conv: Conversation, parts: list[Part], rng: random.Random) -> int | None:
    """After which part the connection drops: the fault, or ``flaky``'s seeded bad luck."""
    if Fault.WS_DROP in conv.faults and len(parts) > 1:
        return 1
    if conv.profile == "flaky" and rng.random() < FLAKY_DROP_RATE:
        return rng.randint(1, len(parts))
    return None
