"""A widget of our own: streamed text, a re-rendered list, Enter to send, no frames."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from chat_helpers import context, serve_html, with_session

from shopper.probes.chat import ChatConfig, ChatSession
from shopper.probes.preset import ChatSelectors
from shopper.results import Turn

pytestmark = pytest.mark.browser

PAGE = """<!doctype html><meta charset="utf-8"><title>stream</title>
<ul id="list"></ul><textarea id="box"></textarea>
<script>
const list = document.getElementById("list"), box = document.getElementById("box");
const FULL = "Hello there, your ticket is HBR-123456.";
function render(items) {  // rebuilds every node, as some widgets do
  list.replaceChildren(...items.map(([cls, text]) => {
    const li = document.createElement("li"); li.className = cls; li.textContent = text; return li;
  }));
}
const items = [];
box.addEventListener("keydown", (event) => {
  if (event.key !== "Enter") return;
  event.preventDefault();
  items.push(["me", box.value]); box.value = ""; render(items);
  setTimeout(() => {
    const reply = ["bot", ""]; items.push(reply);
    let shown = 0;
    const grow = setInterval(() => {
      shown = Math.min(FULL.length, shown + 6);
      reply[1] = FULL.slice(0, shown);
      if (shown === 6) { render(items); } else { list.lastChild.textContent = reply[1]; }
      if (shown === FULL.length) { clearInterval(grow); render(items); }
    }, 30);
  }, 150);
});
</script>"""


@pytest.fixture
def stream_page() -> Iterator[str]:
    with serve_html(PAGE) as url:
        yield url


def test_streamed_text_is_read_when_it_settles_and_rerenders_are_not_new(
    stream_page: str, tmp_path: Path
) -> None:
    selectors = ChatSelectors(message_list="#list", input="#box", agent_message="li.bot",
                              shopper_message="li.me")  # fmt: skip
    chat = ChatConfig(url=stream_page, selectors=selectors, settle_s=0.3, typing_cps=0,
                      screenshot="off", trace="off")  # fmt: skip

    async def body(session: ChatSession) -> tuple[list[Turn], Turn, list[Turn]]:
        opened = await session.open()
        sent = await session.say("Where is my withdrawal?")
        return opened, sent, await session.await_reply(within_s=5, settle_s=0.3)

    opened, sent, reply = with_session(context(tmp_path), chat, body)
    assert opened == []
    assert sent.meta["sent_by"] == "enter"
    [turn] = reply  # one message, however many times the list was rebuilt
    assert turn.text == "Hello there, your ticket is HBR-123456."
    assert 100 <= (turn.latency_ms or 0) < 1000
    assert turn.meta["settled_at_ms"] > (turn.at_ms or 0)
    assert turn.meta["stamped"] == "dom"  # no socket message behind it: the element's appearance
