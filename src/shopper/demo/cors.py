"""Cross-origin access to the demo's bot APIs, as the real services give it.

OpenAI's API, Direct Line and a Rasa server started with ``--cors "*"`` all let a page on any
origin call them from the browser, which is how a widget such as deep-chat or Web Chat talks to
them. The demo does the same for its API paths only (its own site needs none): a preflight
``OPTIONS`` is answered at once, and every answer, streamed ones included, carries
``Access-Control-Allow-Origin: *`` (set as it is prepared, before its headers leave).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import web

API_PATHS = ("/v1/chat/completions", "/v3/directline/", "/webhooks/rest/webhook")
PREFLIGHT = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "authorization, content-type, x-ms-bot-agent, x-requested-with",
    "Access-Control-Max-Age": "600",
}


def _api(request: web.Request) -> bool:
    return any(part in request.path for part in API_PATHS)


@web.middleware
async def preflight(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    if request.method == "OPTIONS" and _api(request):
        return web.Response(status=204, headers=PREFLIGHT)
    return await handler(request)


async def allow_origin(request: web.Request, response: web.StreamResponse) -> None:
    if _api(request):
        response.headers.setdefault("Access-Control-Allow-Origin", "*")


def allow_cross_origin(app: web.Application) -> None:
    """Answer preflights and allow any origin on the API paths of ``app``."""
    app.middlewares.append(preflight)
    app.on_response_prepare.append(allow_origin)
