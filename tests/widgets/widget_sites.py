"""Pages that embed five real npm chat widgets, each talking to a backend that stamps ground truth.

- Bot Framework Web Chat (React, in the page) uses Direct Line 3.0 of the demo
  (``/<profile>/v3/directline``, WebSocket stream);
- deep-chat (a web component, open shadow root) uses its ``directConnection.openAI`` against the
  demo platform's OpenAI-compatible endpoint (``/<profile>/v1/chat/completions``);
- rasa-webchat (React, in the page behind a launcher) uses Rasa's socket.io channel of the demo
  (``/<profile>/socket.io/``);
- @n8n/chat (Vue, in the page behind a toggle) posts to an n8n-style webhook, and flowise-embed
  (Solid, a ``<flowise-chatbot>`` bubble with an open shadow root) to Flowise's prediction API:
  the demo speaks neither, so this module answers them, stamping its ground truth as the demo
  does (the moment the reply's bytes are written, on the same epoch clock).

The bundles come from ``widget_bundles`` (npm pack, sha256 checked, never committed). Pages are
served on 127.0.0.1, port 0, in a loop thread of their own: ``/<widget>/``, and the variants of
:data:`VARIANTS` at ``/<widget>/<variant>.html`` (the site wiring the widget another way).
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web
from widget_bundles import BUNDLES, bundle, package_files

from servers.threaded_app import serve_app
from shopper.demo.groundtruth import GroundTruth, now_ms

REPLY_DELAY_S = 0.3  # the webhook bots "think", so a typing indicator shows in between
WIDGETS = ("deep-chat", "rasa-webchat", "n8n-chat", "flowise-embed", "ms-webchat")
PROFILE = "good"  # the demo's bot profile the demo-backed widgets talk to
DEMO_BACKED = frozenset({"deep-chat", "rasa-webchat", "ms-webchat"})  # the others: this module's backends

PAGES = {
    "deep-chat": """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Deep Chat support</title>
<script type="module" src="/pkg/deep-chat/{entry}"></script></head>
<body><h1>Support</h1>
<deep-chat id="support-chat" style="width: 460px; height: 560px"
  directConnection='{{"openAI": {{"key": "demo-key", "chat": true}}}}'
  connect='{{"url": "{demo}/{profile}/v1/chat/completions"}}'></deep-chat>
</body></html>""",
    "rasa-webchat": """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Rasa webchat support</title></head>
<body><h1>Support</h1><div id="webchat"></div>
<script src="/pkg/rasa-webchat/{entry}"></script>
<script>
window.WebChat.default({{
  selector: "#webchat", socketUrl: "{demo}", socketPath: "/{profile}/socket.io/",
  title: "Harbor support", params: {{storage: "session"}}, customMessageDelay: function () {{ return 0; }},
  onSocketEvent: {{ bot_uttered: function () {{  // the site's own hook: a tap must keep it running
    document.body.dataset.pageHeard = String(Number(document.body.dataset.pageHeard || 0) + 1);
  }} }}
}}, null);
</script></body></html>""",
    "ms-webchat": """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Web Chat support</title></head>
<body><h1>Support</h1><div id="webchat" role="main" style="width: 460px; height: 560px"></div>
<script src="/pkg/ms-webchat/{entry}"></script>
<script>
window.WebChat.renderWebChat({{
  directLine: window.WebChat.createDirectLine({{ domain: "{demo}/{profile}/v3/directline", token: "demo-secret" }}),
  userID: "shopper-visitor", locale: "en-US"
}}, document.getElementById("webchat"));
</script></body></html>""",
    "n8n-chat": """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>n8n chat support</title>
<link href="/pkg/n8n-chat/dist/style.css" rel="stylesheet"></head>
<body><h1>Support</h1><div id="n8n-chat"></div>
<script type="module">
import {{ createChat }} from '/pkg/n8n-chat/{entry}';
createChat({{ webhookUrl: '/n8n/webhook', mode: 'window', loadPreviousSession: false,
             initialMessages: ['Hi there! How can we help?'] }});
</script></body></html>""",
    "flowise-embed": """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Flowise support</title></head>
<body><h1>Support</h1>
<script type="module">
import Chatbot from '/pkg/flowise-embed/{entry}';
Chatbot.init({{ chatflowid: 'support-flow', apiHost: window.location.origin }});
</script></body></html>""",
}


# Variants of a page, at /<widget>/<variant>.html: the site wires the widget another way.
VARIANTS = {
    # Web Chat with a store the site made itself, with a middleware of its own
    ("ms-webchat", "own-store"): """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Web Chat, the site's own store</title></head>
<body><div id="webchat" style="width: 460px; height: 560px"></div>
<script src="/pkg/ms-webchat/{entry}"></script>
<script>
var heard = function () {{ return function (next) {{ return function (action) {{
  var activity = action.type === "DIRECT_LINE/INCOMING_ACTIVITY" ? action.payload.activity : null;
  if (activity && activity.type === "message" && activity.from.role !== "user") {{
    document.body.dataset.pageHeard = String(Number(document.body.dataset.pageHeard || 0) + 1);
  }}
  return next(action);
}}; }}; }};
window.WebChat.renderWebChat({{
  directLine: window.WebChat.createDirectLine({{ domain: "{demo}/{profile}/v3/directline", token: "demo-secret" }}),
  store: window.WebChat.createStore({{}}, heard), userID: "visitor"
}}, document.getElementById("webchat"));
</script></body></html>""",
}


@dataclass
class WidgetSites:
    """Where the pages are, and the ground truth of the two backends this module answers."""

    base_url: str
    demo_url: str
    truth: GroundTruth = field(default_factory=lambda: GroundTruth(None))

    def page_url(self, widget: str) -> str:
        return f"{self.base_url}/{widget}/"


def reply_to(text: str, number: int) -> str:
    """A deterministic answer that a run's transcript can be checked against."""
    words = len(text.split())
    return f"Reply {number}: thanks, we read your {words}-word message and opened ticket HX-{4100 + number}."


async def _answer(request: web.Request, truth: GroundTruth, protocol: str, conversation: str,
                  text: str, payload: dict[str, Any]) -> web.StreamResponse:  # fmt: skip
    """Write ``payload`` as JSON, stamping the ground truth when its bytes are written."""
    body = json.dumps(payload).encode()
    response = web.StreamResponse(headers={"Content-Type": "application/json"})
    response.content_length = len(body)
    await response.prepare(request)
    at = now_ms()
    await response.write(body)
    truth.record(channel="api", direction="out", profile=protocol, conversation=conversation, text=text,
                 at_ms=at, protocol=protocol)  # fmt: skip
    await response.write_eof()
    return response


def _app(sites: WidgetSites) -> web.Application:
    counter = itertools.count(1)
    roots = {key: bundle(key) for key in WIDGETS}

    async def page(request: web.Request) -> web.Response:
        widget = request.match_info["widget"]
        if widget not in PAGES:
            raise web.HTTPNotFound()
        html = PAGES[widget].format(entry=BUNDLES[widget].entry, demo=sites.demo_url, profile=PROFILE)
        return web.Response(text=html, content_type="text/html")

    async def variant(request: web.Request) -> web.Response:
        widget, name = request.match_info["widget"], request.match_info["variant"]
        template = VARIANTS.get((widget, name))
        if template is None:
            raise web.HTTPNotFound()
        html = template.format(entry=BUNDLES[widget].entry, demo=sites.demo_url, profile=PROFILE)
        return web.Response(text=html, content_type="text/html")

    async def n8n_webhook(request: web.Request) -> web.StreamResponse:
        body = await request.json()
        session = str(body.get("sessionId") or "n8n")[:80]
        if body.get("action") == "loadPreviousSession":
            return web.json_response({"data": []})
        text = str(body.get("chatInput", ""))
        sites.truth.record(channel="api", direction="in", profile="n8n", conversation=session, text=text,
                           protocol="n8n")  # fmt: skip
        await asyncio.sleep(REPLY_DELAY_S)
        answer = reply_to(text, next(counter))
        return await _answer(request, sites.truth, "n8n", session, answer, {"output": answer})

    async def flowise_prediction(request: web.Request) -> web.StreamResponse:
        body = await request.json()
        chat = str(body.get("chatId") or "flowise")[:80]
        text = str(body.get("question", ""))
        sites.truth.record(channel="api", direction="in", profile="flowise", conversation=chat, text=text,
                           protocol="flowise")  # fmt: skip
        await asyncio.sleep(REPLY_DELAY_S)
        answer = reply_to(text, next(counter))
        number = len(sites.truth.records())
        payload = {"text": answer, "chatId": chat, "chatMessageId": f"m{number}", "question": text}
        return await _answer(request, sites.truth, "flowise", chat, answer, payload)

    async def flowise_streaming(_: web.Request) -> web.Response:
        return web.json_response({"isStreaming": False})

    async def flowise_config(_: web.Request) -> web.Response:
        return web.json_response({})

    app = web.Application()
    app.add_routes([
        web.get("/{widget}/", page),
        web.get("/{widget}/{variant}.html", variant),
        web.get("/pkg/{package}/{path:.+}", package_files(roots)),
        web.post("/n8n/webhook", n8n_webhook),
        web.post("/api/v1/prediction/{flow}", flowise_prediction),
        web.get("/api/v1/chatflows-streaming/{flow}", flowise_streaming),
        web.get("/api/v1/public-chatbotConfig/{flow}", flowise_config),
    ])  # fmt: skip
    return app


@contextmanager
def serve_widgets(demo_url: str, truth_path: Path | None = None) -> Iterator[WidgetSites]:
    """The pages on 127.0.0.1, port 0; deep-chat, rasa-webchat and Web Chat talk to ``demo_url``.

    ``truth_path``: the webhook backends' ground truth is also written there as JSON lines.
    """
    sites = WidgetSites(base_url="", demo_url=demo_url.rstrip("/"), truth=GroundTruth(truth_path))
    sites.truth.open()
    try:
        with serve_app(_app(sites)) as base_url:
            sites.base_url = base_url
            yield sites
    finally:
        sites.truth.close()


__all__ = ["DEMO_BACKED", "PROFILE", "WIDGETS", "WidgetSites", "reply_to", "serve_widgets"]
