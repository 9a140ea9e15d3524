"""Pages that embed real npm chat-widget bundles, each with a small backend speaking its protocol.

deep-chat (a web component with an open shadow root, ``connect: {url}``: POST
``{messages: [{role, text}]}`` answered by ``{text}``) and @n8n/chat (a Vue widget in the page
behind a toggle button, ``webhookUrl``: POST ``{action, sessionId, chatInput}`` answered by
``{output}``). The bundles come from ``tests/widgets/widget_bundles.py`` (npm pack, sha256
checked, never committed). Every message the backend receives and sends is kept, with its time,
as the ground truth a test checks the harness against.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from servers.threaded_app import serve_app
from widgets.widget_bundles import BUNDLES, bundle, package_files

REPLY_DELAY_S = 0.4  # the bot "thinks", so a typing indicator shows in between

DEEP_CHAT_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Deep Chat support</title>
<script type="module" src="/pkg/deep-chat/{entry}"></script></head>
<body><h1>Support</h1>
<deep-chat id="support-chat" connect='{{"url": "/deep-chat/api"}}' style="width: 420px; height: 520px"></deep-chat>
</body></html>"""

N8N_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>n8n chat support</title>
<link href="/pkg/n8n-chat/dist/style.css" rel="stylesheet"></head>
<body><h1>Support</h1><div id="n8n-chat"></div>
<script type="module">
import {{ createChat }} from '/pkg/n8n-chat/{entry}';
createChat({{ webhookUrl: '/n8n/webhook', mode: 'window', initialMessages: ['Hi there! How can we help?'] }});
</script></body></html>"""


@dataclass
class BundleSite:
    base_url: str
    truth: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, widget: str, direction: str, text: str) -> None:
        with self.lock:
            self.truth.append({"widget": widget, "direction": direction, "text": text, "at_ms": time.time() * 1000})

    def received(self, widget: str) -> list[str]:
        with self.lock:
            return [r["text"] for r in self.truth if r["widget"] == widget and r["direction"] == "in"]

    def replies(self, widget: str) -> list[str]:
        with self.lock:
            return [r["text"] for r in self.truth if r["widget"] == widget and r["direction"] == "out"]


def reply_to(text: str, number: int) -> str:
    """A deterministic answer that a run's transcript can be checked against."""
    words = len(text.split())
    return f"Reply {number}: thanks, we read your {words}-word message and opened ticket HX-{4100 + number}."


def _app(site: BundleSite) -> web.Application:
    counter = itertools.count(1)
    roots = {"deep-chat": bundle("deep-chat"), "n8n-chat": bundle("n8n-chat")}

    async def page(request: web.Request) -> web.Response:
        name = request.match_info["widget"]
        template = {"deep-chat": DEEP_CHAT_PAGE, "n8n": N8N_PAGE}.get(name)
        if template is None:
            raise web.HTTPNotFound()
        key = "deep-chat" if name == "deep-chat" else "n8n-chat"
        return web.Response(text=template.format(entry=BUNDLES[key].entry), content_type="text/html")

    async def deep_chat_api(request: web.Request) -> web.Response:
        body = await request.json()
        text = str(body["messages"][-1]["text"])
        site.record("deep-chat", "in", text)
        await asyncio.sleep(REPLY_DELAY_S)
        answer = reply_to(text, next(counter))
        site.record("deep-chat", "out", answer)
        return web.json_response({"text": answer})

    async def n8n_webhook(request: web.Request) -> web.Response:
        body = await request.json()
        if body.get("action") == "loadPreviousSession":
            return web.json_response({"data": []})
        text = str(body.get("chatInput", ""))
        site.record("n8n", "in", text)
        await asyncio.sleep(REPLY_DELAY_S)
        answer = reply_to(text, next(counter))
        site.record("n8n", "out", answer)
        return web.json_response({"output": answer})

    app = web.Application()
    app.add_routes([
        web.get("/{widget}/", page),
        web.get("/pkg/{package}/{path:.+}", package_files(roots)),
        web.post("/deep-chat/api", deep_chat_api),
        web.post("/n8n/webhook", n8n_webhook),
    ])  # fmt: skip
    return app


@contextmanager
def serve_bundles() -> Iterator[BundleSite]:
    """Both pages on 127.0.0.1, port 0, in a loop thread of their own."""
    site = BundleSite(base_url="")
    with serve_app(_app(site)) as base_url:
        site.base_url = base_url
        yield site


__all__ = ["BundleSite", "reply_to", "serve_bundles"]
