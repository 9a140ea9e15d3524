"""What a run's API conversations share (:class:`ApiClients`), and the protocols' clients by name."""


from __future__ import annotations

from types import TracebackType
from typing import Any

import aiohttp

from shopper.probes.api.config import (
    ApiTarget,
    DirectLine,
    HttpJson,
    OpenAIChat,
    RasaRest,
    RasaSocketIO,
    WebSocketJson,
)
from shopper.probes.api.http import ApiHttp, sent_stamps
from shopper.probes.api.ioloop import IoLoop, OnIoLoop
from shopper.probes.api.session import ApiConfig, ApiSession, Connector
from shopper.probes.base import ChannelSession, ProbeError, SessionContext

__all__ = ["ApiClients", "connector_module"]


class ApiClients:
    """What a run's API conversations share: the connection pools."""

    def __init__(self) -> None:
        self._http: aiohttp.ClientSession | None = None
        self._openai: dict[tuple[str, str], Any] = {}
        self._io: IoLoop | None = None

    async def __aenter__(self) -> ApiClients:
        self._io = IoLoop()
        try:
            await self._io.call(self._open())
        except BaseException:
            self._io.stop()
            raise
        return self

    async def _open(self) -> None:
        # No total limit: the runner's concurrency is the limit; a pool cap would queue sends
        # behind idle streams and bend the send stamps.
        self._http = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0), trace_configs=[sent_stamps()])

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:  # fmt: skip
        if self._io is None:
            return
        try:
            await self._io.call(self._close())
        finally:
            self._io.stop()
            self._io = None

    async def _close(self) -> None:
        for client in self._openai.values():
            await client.close()
        if self._http is not None:
            await self._http.close()

    def session(self, config: ApiTarget, url: str, ctx: SessionContext, *, settle_s: float,
                secrets: tuple[str, ...]) -> ChannelSession:  # fmt: skip
        """A fresh conversation with the bot at ``url`` (the target's, or the demo's), held on
        the api channel's own loop (:mod:`shopper.probes.api.ioloop`)."""
        assert self._io is not None, "ApiClients is not open"
        connector = self._connector(config, url, ctx)
        config_ = ApiConfig(settle_s=settle_s, welcome=config.welcome, secrets=secrets)
        return OnIoLoop(ApiSession(connector, ctx, config_), self._io)

    def _connector(self, config: ApiTarget, url: str, ctx: SessionContext) -> Connector:
        assert self._http is not None, "ApiClients is not open"
        http = ApiHttp(self._http, config.protocol, retries=config.rate_limit_retries,
                       max_wait_s=config.max_retry_after, timeout_s=config.timeout)  # fmt: skip
        conversation = _conversation_id(ctx.key)
        persona = ctx.persona.public()
        if isinstance(config, DirectLine):
            from shopper.probes.api.directline import DirectLineConnector

            return DirectLineConnector(http, config, url, ctx.persona.locale.replace("_", "-"))
        if isinstance(config, RasaRest):
            from shopper.probes.api.rasa import RasaRestConnector

            return RasaRestConnector(http, config, url, conversation)
        if isinstance(config, RasaSocketIO):
            from shopper.probes.api.rasa import RasaSocketIOConnector

            return RasaSocketIOConnector(http, config, url, conversation)
        if isinstance(config, OpenAIChat):
            from shopper.probes.api.openai_chat import OpenAIConnector, client_for

            key = (url, config.model)
            if key not in self._openai:
                self._openai[key] = client_for(config, url)
            return OpenAIConnector(self._openai[key], config, conversation)
        if isinstance(config, HttpJson):
            from shopper.probes.api.generic import HttpJsonConnector

            return HttpJsonConnector(http, config, url, conversation, persona)
        if isinstance(config, WebSocketJson):
            from shopper.probes.api.generic import WebSocketConnector

            return WebSocketConnector(http, config, url, conversation, persona)
        raise ProbeError(f"api: unknown protocol {config.protocol!r}")


_MODULES = {"directline": "directline", "rasa-rest": "rasa", "rasa-socketio": "rasa", "openai": "openai_chat",
            "http": "generic", "websocket": "generic"}  # fmt: skip


def connector_module(protocol: str) -> None:
    """Import a protocol's client now (the OpenAI and socket.io clients take a while to import)."""
    import importlib

    importlib.import_module(f"shopper.probes.api.{_MODULES[protocol]}")


def _conversation_id(key: str) -> str:
    """A conversation id the bot can keep state under: the matrix key, plus a random tail so a
    retry or a re-run is a new conversation for the bot, as for a new customer."""
    import re
    import uuid

    return f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', key).strip('-')[:80]}-{uuid.uuid4().hex[:8]}"
