"""Wiring the probes for a run: the demo platforms, one browser, one inbox per target.

Everything shared is opened once for the run (an ``AsyncExitStack`` closes it in reverse), and
each conversation gets a fresh session: a new browser context, or a new mail thread.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter

from shopper.audits.matrix import ConversationSpec
from shopper.audits.model import Target
from shopper.audits.plan import Plan
from shopper.probes.api.config import ApiTarget
from shopper.probes.base import ChannelSession, SessionContext, Unavailable
from shopper.probes.email.config import EmailTarget, InboxSettings, ListenSettings, SmtpSettings
from shopper.runfiles import RunFolder
from shopper.scenarios.driver import Pace

if TYPE_CHECKING:
    from shopper.probes.email.inbox import Inbox


@dataclass(frozen=True)
class ResolvedTarget:
    """Where a target's channels really are once demo platforms have started."""

    chat_url: str | None
    email: EmailTarget | None
    api_url: str | None = None


class Channels:
    """Opens what a run needs and hands out one session per conversation."""

    def __init__(self, plan: Plan, specs: Sequence[ConversationSpec], run_dir: Path) -> None:
        self.plan = plan
        self.specs = specs
        self.run_dir = run_dir
        self._stack = AsyncExitStack()
        self._resolved: dict[str, ResolvedTarget] = {}
        self._inboxes: dict[str, Inbox] = {}
        self._browser: Any = None
        self._api: Any = None  # ApiClients, when a conversation runs on the api channel

    async def __aenter__(self) -> Channels:
        await self._stack.__aenter__()
        try:
            await self._open()
        except BaseException:
            await self._stack.aclose()
            raise
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._stack.aclose()

    @property
    def chat_browser(self) -> Any | None:
        """The run's Playwright browser when it holds chat conversations, else None."""
        return self._browser.browser if self._browser is not None else None

    async def _open(self) -> None:
        from shopper.probes.email import open_inbox

        used = {(s.target.id, s.channel) for s in self.specs}
        targets = [t for t in self.plan.audit.targets if any(k[0] == t.id for k in used)]
        demo_inbox: Inbox | None = None
        if any(t.demo is not None and (t.id, "email") in used for t in targets):
            demo_inbox = await self._stack.enter_async_context(
                open_inbox(InboxSettings(listen=ListenSettings()))
            )
        for target in targets:
            if target.demo is not None:
                self._resolved[target.id] = await self._start_demo(target, demo_inbox)
                if demo_inbox is not None:
                    self._inboxes[target.id] = demo_inbox
            else:
                chat_url = target.chat.url if target.chat else None
                api_url = target.api.url if target.api else None
                self._resolved[target.id] = ResolvedTarget(chat_url, target.email, api_url)
                if target.email is not None and (target.id, "email") in used:
                    self._inboxes[target.id] = await self._stack.enter_async_context(
                        open_inbox(target.email.inbox)
                    )
        if any(channel == "chat" for _, channel in used):
            self._browser = await self._stack.enter_async_context(self._chat_browser())
        if any(channel == "api" for _, channel in used):
            from shopper.probes.api.clients import ApiClients

            self._api = await self._stack.enter_async_context(ApiClients())

    async def _start_demo(self, target: Target, inbox: Inbox | None) -> ResolvedTarget:
        from shopper.demo import DemoOptions, Fault
        from shopper.demo.options import DEFAULT_TIMINGS
        from shopper.demo.process import DemoProcess

        demo = target.demo
        assert demo is not None
        reply_to = ("127.0.0.1", inbox.port) if inbox is not None else None  # type: ignore[attr-defined]
        timings: dict[str, Any] = {}
        if demo.email_speed is not None:  # the desk's mail clock, relative to its chat clock
            timings[demo.profile] = _scaled_mail(DEFAULT_TIMINGS[demo.profile], demo.email_speed / demo.speed)
        options = DemoOptions(
            timings=timings,
            seed=self.plan.audit.seed,
            ground_truth=RunFolder(self.run_dir).demo_truth(target.id),
            reply_to=reply_to,
            hostile=demo.hostile,
            faults={demo.profile: frozenset(Fault(f) for f in demo.faults)} if demo.faults else {},
            speed=demo.speed,
            redact=self.plan.secrets,
            livestream=demo.livestream,
        )
        platform = await self._stack.enter_async_context(DemoProcess(options))
        email = EmailTarget(
            address=platform.support_address(demo.profile),
            smtp=SmtpSettings(host=platform.smtp_host, port=platform.smtp_port),
            inbox=InboxSettings(listen=ListenSettings()),
        )
        api = self.api_config(target)
        api_url = None if api is None else api.url or platform.api_url(demo.profile, api.protocol)
        return ResolvedTarget(platform.site_url(demo.profile, shadow=demo.shadow, heavy=demo.heavy), email, api_url)

    def _chat_browser(self) -> Any:
        from shopper.probes.chat import BrowserSettings, ChatBrowser

        browser = self.plan.audit.browser
        return ChatBrowser(
            BrowserSettings(
                connect=browser.connect,
                headless=browser.headless,
                executable=Path(browser.executable) if browser.executable else None,
                extra_args=browser.args,
            )
        )

    @asynccontextmanager
    async def session(self, spec: ConversationSpec, ctx: SessionContext) -> AsyncIterator[ChannelSession]:
        resolved = self._resolved[spec.target.id]
        if spec.channel == "chat":
            if resolved.chat_url is None:
                raise Unavailable(f"target {spec.target.id} has no chat")
            yield self._browser.new_session(ctx, self._chat_config(spec, resolved.chat_url))
            return
        if spec.channel == "api":
            config = self.api_config(spec.target)
            if config is None or resolved.api_url is None:
                raise Unavailable(f"target {spec.target.id} has no api")
            yield self._api.session(config, resolved.api_url, ctx, settle_s=self._settle(spec),
                                    secrets=tuple(sorted(self.plan.secrets)))  # fmt: skip
            return
        from shopper.probes.email import EmailSession

        if resolved.email is None:
            raise Unavailable(f"target {spec.target.id} has no email")
        yield EmailSession(resolved.email, self._inboxes[spec.target.id], ctx)

    def _chat_config(self, spec: ConversationSpec, url: str) -> Any:
        from shopper.probes.chat import ChatConfig

        audit = self.plan.audit
        chat = spec.target.chat
        return ChatConfig(
            url=url,
            selectors=self.plan.selectors(spec.target.id),
            settle_s=chat.settle if chat else 2.0,
            open_timeout_s=chat.open_timeout if chat else 30.0,
            typing_cps=audit.pacing.typing_cps,
            max_typing_s=audit.pacing.max_typing,
            think_s=audit.pacing.think,
            screenshot=audit.artifacts.screenshot,
            trace=audit.artifacts.trace,
            secrets=tuple(sorted(self.plan.secrets)),
        )

    @staticmethod
    def api_config(target: Target) -> ApiTarget | None:
        """The target's bot API: its own, or the one its demo profile speaks."""
        if target.demo is None:
            return target.api
        if target.api is None:
            return demo_api(target.demo.profile, target.demo.api)
        if target.api.protocol == "rasa-socketio" and target.api.url is None:  # the demo's own path
            return target.api.model_copy(update={"socketio_path": f"{target.demo.profile}/socket.io"})
        return target.api

    def _settle(self, spec: ConversationSpec) -> float:
        """The quiet that ends an agent's turn: the api's own when it sets one, else the chat's."""
        api = self.api_config(spec.target) if spec.channel == "api" else None
        if api is not None and api.settle is not None:
            return api.settle
        return spec.target.chat.settle if spec.target.chat else 2.0

    def pace(self, spec: ConversationSpec) -> Pace:
        audit = self.plan.audit
        if spec.channel == "chat":
            return Pace(within_s=audit.timeouts.chat_within, settle_s=self._settle(spec),
                        think_s=audit.pacing.think)  # fmt: skip
        if spec.channel == "api":  # a client program: it reads at once, it does not type
            return Pace(within_s=audit.timeouts.chat_within, settle_s=self._settle(spec))
        return Pace(within_s=audit.timeouts.email_within, settle_s=0.0, think_s=0.0)


_API_TARGET: TypeAdapter[ApiTarget] = TypeAdapter(ApiTarget)


@lru_cache(maxsize=64)
def demo_api(profile: str, protocol: str) -> ApiTarget:
    """How the api channel talks to a demo profile (the demo accepts any bearer secret). Cached:
    it is asked for every conversation, and the settings are frozen."""
    settings: dict[str, dict[str, Any]] = {
        "directline": {"protocol": "directline", "secret": "demo-secret"},
        "rasa-socketio": {"protocol": "rasa-socketio", "socketio_path": f"{profile}/socket.io"},
        "rasa-rest": {"protocol": "rasa-rest"},
        "openai": {"protocol": "openai", "model": "harbor-assistant"},
    }
    return _API_TARGET.validate_python(settings[protocol])


def _scaled_mail(timing: Any, factor: float) -> Any:
    """A demo profile's timing with its mail delays multiplied by ``factor``."""
    from dataclasses import replace

    def scale(pair: tuple[float, float] | None) -> tuple[float, float] | None:
        return None if pair is None else (pair[0] * factor, pair[1] * factor)

    return replace(timing, email_ack=scale(timing.email_ack), email_reply=scale(timing.email_reply))
