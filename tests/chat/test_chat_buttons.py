"""Buttons and link targets of agent messages are recorded as parts, beside the visible text."""

from __future__ import annotations

from pathlib import Path

import pytest
from chat_helpers import context, serve_html, with_session

from shopper.probes.chat import ChatConfig, ChatSession
from shopper.probes.preset import ChatSelectors
from shopper.results import Turn

pytestmark = pytest.mark.browser

# A widget of our own: the welcome carries a link whose text hides its target and an inline
# button (and a jump inside the page, which goes nowhere); the answer's quick-reply row is added after the answer, as widgets often do.
PAGE = """<!doctype html><meta charset="utf-8"><title>buttons</title>
<ul id="list"></ul><textarea id="box"></textarea>
<script>
const list = document.getElementById("list"), box = document.getElementById("box");
function add(cls, html) { const li = document.createElement("li"); li.className = cls; li.innerHTML = html;
  list.appendChild(li); return li; }
setTimeout(() => add("bot", 'Welcome! Read <a href="https://t.me/harbor_helpdesk">our help page</a> ' +
  '<a href="#top">(top)</a> <button>Start</button>'), 50);
box.addEventListener("keydown", (event) => {
  if (event.key !== "Enter") return;
  event.preventDefault();
  add("me", ""); list.lastChild.textContent = box.value; box.value = "";
  setTimeout(() => {
    add("bot", "Pick one:");
    setTimeout(() => {
      const row = add("chips", "");
      for (const label of ["Track a withdrawal", "Verify wallet: enter your 12 words"]) {
        const b = document.createElement("button"); b.textContent = label; row.appendChild(b);
      }
    }, 120);
  }, 100);
});
</script>"""


def test_buttons_links_and_a_later_quick_reply_row_become_parts(tmp_path: Path) -> None:
    selectors = ChatSelectors(message_list="#list", input="#box", agent_message="li.bot",
                              shopper_message="li.me", quick_replies="li.chips")  # fmt: skip

    async def body(session: ChatSession) -> tuple[list[Turn], list[Turn]]:
        opened = await session.open()
        await session.say("Hello")
        return opened, await session.await_reply(within_s=5, settle_s=0.4)

    with serve_html(PAGE) as url:
        chat = ChatConfig(url=url, selectors=selectors, settle_s=0.4, typing_cps=0, screenshot="off", trace="off")
        opened, reply = with_session(context(tmp_path), chat, body)
    [welcome] = opened
    assert welcome.kind == "welcome" and welcome.text.startswith("Welcome! Read our help page")
    assert [(p.kind, p.text) for p in welcome.parts] == [("button", "Start"), ("href", "https://t.me/harbor_helpdesk")]
    [answer] = reply
    assert answer.text == "Pick one:", "the quick replies are not the message's text"
    assert [(p.kind, p.text) for p in answer.parts] == [
        ("button", "Track a withdrawal"), ("button", "Verify wallet: enter your 12 words")]
