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
