"""Rasa's two customer channels: REST (``/webhooks/rest/webhook``) and socket.io.

REST answers the whole reply in the response to the message, so every part is stamped when the
response arrived. socket.io (through the maintained ``python-socketio`` client) delivers each
``bot_uttered`` when the bot says it. Bot messages carry ``text``, ``buttons`` /
``quick_replies`` (labels kept as buttons) and ``image`` / ``attachment`` (kept as links).
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from typing import Any

import socketio

from shopper.probes.api.arrivals import Arrivals, now_ms
from shopper.probes.api.config import RasaRest, RasaSocketIO
from shopper.probes.api.http import ApiHttp, describe
from shopper.probes.base import TransientError, Unavailable


class RasaRestConnector:
    protocol = "rasa-rest"
    request_reply = True
    bound_ms: float | None = None

    def __init__(self, http: ApiHttp, config: RasaRest, url: str, sender: str) -> None:
        self.http = http
        self.limits = http.limits
        self.config = config
        self.url = url
        self.sender = sender

    async def open(self, arrivals: Arrivals) -> str | None:
        return self.sender

    async def send(self, text: str, arrivals: Arrivals) -> None:
        headers = self.config.header_values()
        answer = await self.http.request("POST", self.url, headers=headers, on_sent=arrivals.written,
                                         json_body={"sender": self.sender, "message": text})  # fmt: skip
        at = now_ms()
        if not isinstance(answer, list) or not all(isinstance(m, dict) for m in answer):
            raise self.http.malformed(self.url, "expected a list of bot messages", answer)
        for message in answer:
            rasa_message(message, at, arrivals)
        arrivals.done()

    async def close(self) -> None:
        return None


def rasa_message(message: dict[str, Any], at: float, arrivals: Arrivals) -> bool:
    """One Rasa bot message into ``arrivals``; False when it holds nothing a customer would see."""
    text = message.get("text")
    buttons = message.get("buttons") or message.get("quick_replies") or []
    labels = [str(b.get("title") or b.get("payload")) for b in buttons if isinstance(b, dict)]
    links = []
    if isinstance(message.get("image"), str):
        links.append(message["image"])
    attachment = message.get("attachment")
    if isinstance(attachment, dict) and isinstance((attachment.get("payload") or {}).get("src"), str):
        links.append(attachment["payload"]["src"])
    if not isinstance(text, str) and not labels and not links:
        return False
    arrivals.message("agent", text if isinstance(text, str) else "", at, buttons=labels, links=links)
    return True


class RasaSocketIOConnector:
    protocol = "rasa-socketio"
    request_reply = False
    bound_ms: float | None = None

    def __init__(self, http: ApiHttp, config: RasaSocketIO, url: str, session_id: str) -> None:
        self.http = http
        self.limits = http.limits
        self.config = config
        self.url = url.rstrip("/")
        self.session_id = session_id or uuid.uuid4().hex
        self.client = socketio.AsyncClient(reconnection=False, logger=False, engineio_logger=False,
                                           http_session=http.session)  # fmt: skip
        self._closing = False

    async def open(self, arrivals: Arrivals) -> str | None:
        client = self.client
        confirmed = asyncio.Event()

        async def bot_uttered(data: Any) -> None:
            at = now_ms()
            if not isinstance(data, dict) or not rasa_message(data, at, arrivals):
                arrivals.fail(self.http.malformed(f"{self.url} ({self.config.bot_message_evt})",
                                                  "not a bot message", data))  # fmt: skip

        async def session_confirm(data: Any) -> None:
            confirmed.set()

        async def disconnect(*_: Any) -> None:
            if not self._closing:
                arrivals.fail(TransientError("api (rasa-socketio): the server closed the connection"))

        client.on(self.config.bot_message_evt, bot_uttered)
        client.on("session_confirm", session_confirm)
        client.on("disconnect", disconnect)
        headers = self.config.header_values()
        try:
            await client.connect(self.url, headers=headers, transports=["websocket"],
                                 socketio_path=self.config.socketio_path, wait_timeout=self.config.timeout)  # fmt: skip
            await client.emit("session_request", {"session_id": self.session_id})
            await asyncio.wait_for(confirmed.wait(), self.config.timeout)
        except (socketio.exceptions.ConnectionError, OSError) as exc:
            raise Unavailable(f"api (rasa-socketio): could not connect to {self.url}: {describe(exc)}") from None
        except TimeoutError:
            raise Unavailable(f"api (rasa-socketio): {self.url} never confirmed the session") from None
        return self.session_id

    async def send(self, text: str, arrivals: Arrivals) -> None:
        try:
            arrivals.written(now_ms())  # the packet is queued for the socket's writer at once
            await self.client.emit(self.config.user_message_evt, {"message": text, "session_id": self.session_id})
        except socketio.exceptions.SocketIOError as exc:
            raise TransientError(f"api (rasa-socketio): could not send: {describe(exc)}") from None

    async def close(self) -> None:
        self._closing = True
        with contextlib.suppress(Exception):
            await self.client.disconnect()


