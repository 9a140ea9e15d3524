"""Pieces of the chat probe that need no browser: records, redaction, names, kinds."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from shopper.probes.chat import ChatConfig
from shopper.probes.chat.config import keeps
from shopper.probes.chat.observer import RecordLog, init_script
from shopper.probes.chat.turns import HUMAN_HANDOFF, welcome_turns
from shopper.probes.preset import ChatSelectors
from shopper.redaction import Redactor
from shopper.runfiles import conversation_slug as artifact_slug


def test_records_from_two_frames_do_not_mix_and_text_settles() -> None:
    log = RecordLog()
    log.receive(1, [{"type": "message", "kind": "agent", "seq": 1, "at_ms": 10.0, "text": "Hel"}])
    log.receive(2, [{"type": "message", "kind": "agent", "seq": 1, "at_ms": 11.0, "text": "x"}])
    log.receive(1, [{"type": "text", "ref": 1, "at_ms": 30.0, "text": "Hello there"},
                    {"type": "typing", "on": True, "at_ms": 31.0},
                    {"type": "send", "how": "enter", "at_ms": 40.0}, "junk", {"type": "?"}])  # fmt: skip
    first, second = log.messages
    assert (first.text, first.at_ms, first.changed_ms) == ("Hello there", 10.0, 30.0)
    assert second.text == "x"
    assert log.typing_shown()
    assert log.first_send_after(0) == (5, 40.0, "enter")
    assert log.first_send_after(5) is None


def test_secrets_are_redacted_longest_first() -> None:
    redact = Redactor(["hunter2", "hunter2-long", ""])
    assert redact("pw hunter2-long and hunter2") == "pw [redacted] and [redacted]"


def test_artifact_names_are_slugs_hash_truncated_when_needed() -> None:
    assert artifact_slug("plain-key_1.0") == "plain-key_1.0"
    slug = artifact_slug("audit/target/scenario/zh_CN/0")
    assert slug.startswith("audit-target-scenario-zh_CN-0-") and len(slug) == 30 + 8
    assert artifact_slug("a/b") != artifact_slug("a b")  # different keys, different files
    assert len(artifact_slug("x" * 300)) == 80


@pytest.mark.parametrize(
    "line",
    ["You are now chatting with Mia (human agent)", "您现在正在与 Mia(人工客服)对话",
     "지금부터 Mia(상담원)와 대화 중입니다", "Mia(有人オペレーター)と会話中です"],
)  # fmt: skip
def test_hand_off_lines_are_recognised_in_every_language(line: str) -> None:
    assert HUMAN_HANDOFF.search(line)
    assert not HUMAN_HANDOFF.search("Mia left the conversation")


def test_config_refuses_selectors_without_input_and_policies_keep() -> None:
    with pytest.raises(ValueError, match="input"):
        ChatConfig(url="http://127.0.0.1/", selectors=ChatSelectors(agent_message=".a"))
    assert keeps("retain-on-failure", failed=True) and not keeps("retain-on-failure", failed=False)
    assert keeps("on", failed=False) and not keeps("off", failed=True)
    script = init_script(ChatSelectors(input="#in", agent_message=".a"))
    assert '"agent": ".a"' in script and script.endswith(");")


def test_buttons_and_links_from_the_page_are_checked_then_become_redacted_parts() -> None:
    log = RecordLog()
    log.receive(1, [{"type": "message", "seq": 1, "kind": "agent", "at_ms": 10.0, "text": "Hi",
                     "buttons": ["Start", 7, "  ", "x" * 900], "links": "https://t.me/x"}])  # fmt: skip
    [message] = log.messages
    assert message.buttons == ["Start", "x" * 300] and message.links == []
    log.receive(1, [{"type": "parts", "ref": 1, "at_ms": 30.0, "buttons": ["Give code 4242"],
                     "links": ["https://t.me/harbor_helpdesk"] * 30}])  # fmt: skip
    assert message.changed_ms == 30.0 and len(message.links) == 20
    [turn] = welcome_turns(log.messages, Redactor(["4242"]), None)
    assert turn.text == "Hi"
    assert [(p.kind, p.text) for p in turn.parts][:2] == [("button", "Give code [redacted]"),
                                                          ("href", "https://t.me/harbor_helpdesk")]
    assert "quick_replies" in init_script(ChatSelectors(quick_replies=".chips"))


class _Frame:
    def __init__(self, answer: object, hangs: bool = False) -> None:
        self.answer, self.hangs = answer, hangs

    async def evaluate(self, script: str) -> object:
        if self.hangs:  # a frame whose main thread never comes back
            await asyncio.Event().wait()
        return self.answer


def test_the_pages_last_activity_skips_a_hung_frame_and_caps_a_stamp_in_the_future(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from shopper.probes.base import Persona, SessionContext
    from shopper.probes.chat import session as chat_session
    from shopper.probes.chat.observer import page_now_ms

    monkeypatch.setattr(chat_session, "CATCH_UP_S", 0.05)
    ctx = SessionContext(key="k", persona=Persona(name="Ann Lee", email="a@example.com", locale="en_US"),
                         artifacts_dir=tmp_path)  # fmt: skip
    chat = ChatConfig(url="http://127.0.0.1:9/", selectors=ChatSelectors(input="#box", agent_message=".bot"))
    session = chat_session.ChatSession(browser=None, ctx=ctx, chat=chat)  # type: ignore[arg-type]
    frames = [_Frame(1000.0), _Frame(0, hangs=True), _Frame("NaN")]
    session._page = type("Page", (), {"frames": frames})()

    async def ask() -> float:
        return await session._page_last_activity()

    assert asyncio.run(ask()) == 1000.0
    frames.append(_Frame(1e300))  # a page claiming activity in the future
    before = page_now_ms()
    assert before <= asyncio.run(ask()) <= page_now_ms()
