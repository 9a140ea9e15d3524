"""The generic connectors against real servers: JSON over HTTP (the demo's Rasa REST endpoint,
described only by a template and a JSONPath) and JSON on a WebSocket (the demo widget's own socket,
described by a start request, a send template and JMESPath filters)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter

from shopper.audits.model import Audit
from shopper.demo import DemoOptions, DemoPlatform
from shopper.demo.options import Fault
from shopper.probes.api import ApiClients
from shopper.probes.api.config import ApiTarget
from shopper.probes.base import Persona, ProbeError, SessionContext
from shopper.results import Turn

MESSAGE = "My withdrawal has been pending for three hours, what is happening?"
TOLERANCE_MS = 25.0


def _ctx(tmp_path: Path) -> SessionContext:
    return SessionContext(key="generic::withdrawal[en_US-api]#1", persona=Persona("Ann Lee", "ann@example.com", "en_US"),
                          artifacts_dir=tmp_path)  # fmt: skip


async def _talk(settings: dict[str, Any], tmp_path: Path, faults: tuple[str, ...] = ()) -> tuple[list[Turn], Turn, list[dict[str, Any]]]:
    options = DemoOptions(speed=0.1, faults={"good": frozenset(Fault(f) for f in faults)})
    async with DemoPlatform(options) as demo, ApiClients() as clients:
        url = settings.pop("url").format(base=demo.base_url, ws=demo.base_url.replace("http", "ws"))
        if "start" in settings:
            settings["start"]["url"] = settings["start"]["url"].format(base=demo.base_url)
        config = TypeAdapter(ApiTarget).validate_python({**settings, "url": url})
        session = clients.session(config, url, _ctx(tmp_path), settle_s=0.5, secrets=())
        try:
            await session.open()
            sent = await session.say(MESSAGE)
            turns = await session.await_reply(within_s=20, settle_s=0.5)
        finally:
            await session.close(failed=False)
        return turns, sent, demo.ground_truth()


def test_http_json_reads_every_reply_the_jsonpath_selects(tmp_path: Path) -> None:
    settings = {"protocol": "http", "url": "{base}/good/webhooks/rest/webhook", "reply": "$[*].text",
                "body": '{"sender": {{ conversation|tojson }}, "message": {{ text|tojson }}}'}  # fmt: skip
    turns, _, truth = asyncio.run(_talk(settings, tmp_path))
    outs = [r for r in truth if r["direction"] == "out"]
    (received,) = [r for r in truth if r["direction"] == "in"]
    assert received["text"] == MESSAGE
    assert [t.text for t in turns] == [r["text"] for r in outs]
    for turn in turns:
        assert abs(turn.latency_ms - (outs[0]["at_ms"] - received["at_ms"])) <= TOLERANCE_MS  # type: ignore[operator]


def test_http_json_says_what_it_could_not_read(tmp_path: Path) -> None:
    settings = {"protocol": "http", "url": "{base}/good/webhooks/rest/webhook", "reply": "$.answer",
                "body": '{"sender": "x", "message": {{ text|tojson }}}'}  # fmt: skip
    with pytest.raises(ProbeError, match=r"malformed payload .*'\$\.answer' selects no text"):
        asyncio.run(_talk(settings, tmp_path))


def test_http_json_waits_out_a_429(tmp_path: Path) -> None:
    settings = {"protocol": "http", "url": "{base}/good/webhooks/rest/webhook", "reply": "$[*].text",
                "body": '{"sender": {{ conversation|tojson }}, "message": {{ text|tojson }}}'}  # fmt: skip
    turns, _, _ = asyncio.run(_talk(settings, tmp_path, ("api_429",)))
    assert turns and turns[0].meta["rate_limited_ms"] >= 950


def test_websocket_holds_a_conversation_on_the_widget_socket(tmp_path: Path) -> None:
    settings = {
        "protocol": "websocket", "url": "{ws}/good/ws?conversation={{{{ start.conversation }}}}",
        "start": {"url": "{base}/good/api/conversations",
                  "body": '{"name": {{ persona.name|tojson }}, "email": {{ persona.email|tojson }}}'},
        "send": '{"type": "message", "text": {{ text|tojson }}}',
        "receive": "type == 'message' && role == 'agent' && kind != 'welcome' && text || null",
        "typing": "type == 'typing' && on || null",
    }  # fmt: skip
    turns, _, truth = asyncio.run(_talk(settings, tmp_path))
    (received,) = [r for r in truth if r["direction"] == "in"]
    outs = [r for r in truth if r["direction"] == "out" and r["kind"] == "message"]
    agent = [t for t in turns if t.role == "agent"]
    assert [t.text for t in agent] == [r["text"] for r in outs]
    for turn, out in zip(agent, outs, strict=True):
        assert abs(turn.latency_ms - (out["at_ms"] - received["at_ms"])) <= TOLERANCE_MS  # type: ignore[operator]


def test_an_api_target_without_a_url_is_refused_in_one_line() -> None:
    body = {"audit": "a", "scenarios": ["x"], "targets": [{"id": "bot", "api": {"protocol": "http"}}]}
    with pytest.raises(ValueError, match=r"api\.url is required"):
        Audit.model_validate(body)


def test_an_unknown_protocol_is_refused() -> None:
    body = {"audit": "a", "scenarios": ["x"], "targets": [{"id": "bot", "api": {"protocol": "smoke-signals", "url": "x"}}]}
    with pytest.raises(ValueError, match="protocol"):
        Audit.model_validate(body)
