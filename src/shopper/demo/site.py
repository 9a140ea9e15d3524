"""The support site: help centre pages, the widget page and script, and the chat routes.

Every page of a profile lives under ``/<profile>/``; ``/<profile>-shadow/`` (or ``?shadow=1``)
serves the same profile with the widget inside an open shadow root. ``?fault=a,b`` switches
faults on for one page and everything the page's widget then requests.
"""

from __future__ import annotations

import asyncio
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import jinja2
from aiohttp import web

from shopper.demo import heavy, helpcentre
from shopper.demo.options import BRAND, DOMAIN, PROFILES, Fault, parse_faults, parse_render, split_profile

if TYPE_CHECKING:
    from shopper.demo.chat import ChatDesk
    from shopper.demo.options import DemoOptions

PACKAGE_DIR = Path(str(files("shopper.demo")))
STATIC_DIR = PACKAGE_DIR / "static"
NO_STORE = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


class Site:
    """Request handlers of the support site (one instance per platform)."""

    def __init__(self, options: DemoOptions, chat: ChatDesk) -> None:
        self.options = options
        self.chat = chat
        self.templates = jinja2.Environment(
            loader=jinja2.FileSystemLoader(PACKAGE_DIR / "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
        )

    def app(self) -> web.Application:
        app = web.Application()
        app.add_routes([
            web.get("/", self.index),
            web.static("/static", STATIC_DIR),
            web.get("/{profile}", self.redirect),
            web.get("/{profile}/", self.home),
            web.get("/{profile}/help", self.help_search),
            web.get("/{profile}/help/{slug}", self.article),
            web.get("/{profile}/widget", self.widget),
            web.get("/{profile}/widget.js", self.widget_script),
            web.get("/{profile}/bundle.js", self.heavy_bundle),
            web.post("/{profile}/api/conversations", self.create_conversation),
            web.get("/{profile}/ws", self.socket),
        ])  # fmt: skip
        return app

    # --- helpers ----------------------------------------------------------------------------
    @staticmethod
    def _profile(request: web.Request) -> tuple[str, bool]:
        parsed = split_profile(request.match_info["profile"])
        if parsed is None:
            raise web.HTTPNotFound(text="unknown profile")
        profile, shadow = parsed
        return profile, shadow or request.query.get("shadow") == "1"

    @staticmethod
    def _query(request: web.Request, shadow: bool) -> str:
        """The validated query a page hands on to its widget (faults, shadow flag)."""
        params: dict[str, str] = {}
        faults = parse_faults(request.query.get("fault"))
        if faults:
            params["fault"] = ",".join(sorted(faults))
        if shadow:
            params["shadow"] = "1"
        render = parse_render(request.query.get("render"))
        if render != "direct":
            params["render"] = render
        if request.query.get("heavy") == "1":
            params["heavy"] = "1"
        return f"?{urlencode(params)}" if params else ""

    def _render(self, name: str, **context: object) -> web.Response:
        body = self.templates.get_template(name).render(brand=BRAND, domain=DOMAIN, **context)
        return web.Response(text=body, content_type="text/html", headers=NO_STORE)

    # --- pages ------------------------------------------------------------------------------
    async def index(self, request: web.Request) -> web.Response:
        return self._render("index.html", profiles=PROFILES)

    async def redirect(self, request: web.Request) -> web.Response:
        query = f"?{request.query_string}" if request.query_string else ""
        raise web.HTTPFound(f"/{request.match_info['profile']}/{query}")

    async def home(self, request: web.Request) -> web.Response:
        profile, shadow = self._profile(request)
        base = request.match_info["profile"]
        faults = self.options.faults_for(profile, parse_faults(request.query.get("fault")))
        if Fault.SLOW_PAGE in faults:
            await asyncio.sleep(self.options.scaled(self.options.slow_page_s))
        return self._render(
            "home.html", profile=profile, base=base, articles=helpcentre.ARTICLES,
            widget_src=f"/{base}/widget{self._query(request, shadow)}",
        )  # fmt: skip

    async def help_search(self, request: web.Request) -> web.Response:
        self._profile(request)
        query = request.query.get("q", "")[:200]
        return self._render("help.html", base=request.match_info["profile"], query=query,
                            results=helpcentre.search(query), article=None)  # fmt: skip

    async def article(self, request: web.Request) -> web.Response:
        self._profile(request)
        found = helpcentre.find(request.match_info["slug"])
        if found is None:
            raise web.HTTPNotFound(text="no such article")
        return self._render("help.html", base=request.match_info["profile"], query="",
                            results=[], article=found)  # fmt: skip

    async def widget(self, request: web.Request) -> web.Response:
        profile, shadow = self._profile(request)
        base = request.match_info["profile"]
        query = self._query(request, shadow)
        return self._render("widget.html", profile=profile, shadow=shadow, query=query,
                            base=base, render=parse_render(request.query.get("render")),
                            heavy=request.query.get("heavy") == "1")  # fmt: skip

    async def widget_script(self, request: web.Request) -> web.StreamResponse:
        profile, _ = self._profile(request)
        faults = self.options.faults_for(profile, parse_faults(request.query.get("fault")))
        if Fault.WIDGET_404 in faults:
            raise web.HTTPNotFound(text="widget script not found")
        return web.FileResponse(STATIC_DIR / "widget.js", headers=NO_STORE)

    async def heavy_bundle(self, request: web.Request) -> web.Response:
        """The framework-sized bundle of the heavy widget (``?heavy=1``, see :mod:`shopper.demo.heavy`)."""
        self._profile(request)
        return web.Response(text=heavy.bundle(), content_type="application/javascript", headers=NO_STORE)

    # --- chat -------------------------------------------------------------------------------
    async def create_conversation(self, request: web.Request) -> web.Response:
        profile, _ = self._profile(request)
        return await self.chat.create(request, profile)

    async def socket(self, request: web.Request) -> web.StreamResponse:
        profile, _ = self._profile(request)
        return await self.chat.socket(request, profile)
