"""The chat desk over its own protocol (REST + WebSocket, no browser): faults and profiles."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp

from shopper.demo import DemoOptions, DemoPlatform, Fault, ProfileTiming
from shopper.demo.language import detect_language
from shopper.demo.texts import LANGUAGES, en

WITHDRAWAL = "My withdrawal has been pending for 6 hours"
INSTANT = ProfileTiming(welcome=(0, 0), first_part=(0, 0), next_part=(0, 0))


async def _open(http: aiohttp.ClientSession, base: str, profile: str) -> Any:
    response = await http.post(f"{base}/{profile}/api/conversations",
                               json={"name": "Bo", "email": "bo@example.org"})  # fmt: skip
    conversation = (await response.json())["conversation"]
    return conversation, await http.ws_connect(f"{base}/{profile}/ws?conversation={conversation}")


async def _messages(ws: aiohttp.ClientWebSocketResponse, count: int) -> list[dict[str, Any]]:
    got: list[dict[str, Any]] = []
    async with asyncio.timeout(10):
        while len(got) < count:
            frame = await ws.receive_json()
            if frame["type"] == "message":
                got.append(frame)
    return got


def test_chat_desk_that_never_answers() -> None:
    later = ProfileTiming(welcome=(0, 0), first_part=(0.3, 0.3), next_part=(0, 0))
    options = DemoOptions(
        faults={"sloppy": frozenset({Fault.NO_REPLY})}, timings={"sloppy": INSTANT, "good": later}
    )

    async def scenario() -> None:
        async with DemoPlatform(options) as demo, aiohttp.ClientSession() as http:
            silent, silent_ws = await _open(http, demo.base_url, "sloppy")
            _, control_ws = await _open(http, demo.base_url, "good")
            await _messages(silent_ws, 1)  # the welcome still comes
            await _messages(control_ws, 1)
            await silent_ws.send_json({"type": "message", "text": WITHDRAWAL})
            await control_ws.send_json({"type": "message", "text": WITHDRAWAL})
            await _messages(control_ws, len(LANGUAGES["en"].GOOD["withdrawal_pending"]))
            silent_truth = [r for r in demo.ground_truth() if r["conversation"] == silent]
            assert [(r["direction"], r["kind"]) for r in silent_truth] == [
                ("out", "welcome"),
                ("in", "message"),
            ]
            await silent_ws.close()
            await control_ws.close()

    asyncio.run(scenario())


def test_sloppy_answers_in_english_without_tickets() -> None:
    async def scenario() -> None:
        options = DemoOptions(timings={"sloppy": INSTANT})
        async with DemoPlatform(options) as demo, aiohttp.ClientSession() as http:
            _, ws = await _open(http, demo.base_url, "sloppy")
            await _messages(ws, 1)
            await ws.send_json({"type": "message", "text": "出金が6時間も保留のままです"})
            reply = await _messages(ws, len(en.SLOPPY["withdrawal_pending"]))
            text = " ".join(m["text"] for m in reply)
            assert detect_language(text) == "en" and "HBR-" not in text
            await ws.close()

    asyncio.run(scenario())


def test_flaky_drops_the_socket_sometimes() -> None:
    async def scenario() -> None:
        options = DemoOptions(seed=1, timings={"flaky": INSTANT})
        async with DemoPlatform(options) as demo, aiohttp.ClientSession() as http:
            conversation, ws = await _open(http, demo.base_url, "flaky")
            await _messages(ws, 1)
            for turn in range(20):  # a 30 % chance per turn: dropped well before 20
                await ws.send_json({"type": "message", "text": f"{WITHDRAWAL} (try {turn})"})
                async with asyncio.timeout(10):
                    while (frame := await ws.receive()).type == aiohttp.WSMsgType.TEXT:
                        if frame.json() == {"type": "typing", "on": False}:
                            break  # the whole reply came
                if ws.closed:
                    break
            assert ws.closed and ws.close_code == 1011
            # the conversation goes on after a reconnect, without a second welcome
            ws = await http.ws_connect(f"{demo.base_url}/flaky/ws?conversation={conversation}")
            assert (await ws.receive_json())["resumed"] is True
            await ws.send_json({"type": "message", "text": "hello"})
            assert (await _messages(ws, 1))[0]["kind"] == "message"
            await ws.close()

    asyncio.run(scenario())


def test_replies_are_reproducible_for_a_seed() -> None:
    async def transcript(seed: int) -> list[str]:
        options = DemoOptions(seed=seed, timings={"good": INSTANT})
        async with DemoPlatform(options) as demo, aiohttp.ClientSession() as http:
            _, ws = await _open(http, demo.base_url, "good")
            await _messages(ws, 1)
            await ws.send_json({"type": "message", "text": "我的充值还没到账"})
            reply = await _messages(ws, len(LANGUAGES["zh"].GOOD["deposit_missing"]))
            await ws.close()
            return [m["text"] for m in reply]

    async def scenario() -> None:
        first, again, other = [await transcript(seed) for seed in (5, 5, 6)]
        assert first == again
        assert first != other  # the ticket number differs
        assert detect_language(" ".join(first)) == "zh"

    asyncio.run(scenario())
