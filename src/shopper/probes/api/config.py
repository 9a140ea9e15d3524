"""How an audit reaches a support bot through its own protocol (``targets[].api``).

One model per protocol, chosen by ``protocol:``. ``${ENV}`` values (secrets, tokens, API keys)
are expanded by the audit loader before validation and kept as :class:`~pydantic.SecretStr`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr

from shopper.formats.durations import Duration

Welcome = Literal["settle", "none"]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Common(_Frozen):
    url: str | None = None  # required unless the target is the embedded demo
    headers: dict[str, SecretStr] = Field(default_factory=dict)  # sent with every request
    timeout: Duration = 30.0  # connecting, and each request that is not a reply being waited for
    settle: Duration | None = None  # quiet that ends the bot's turn (default: the chat's, else 2 s)
    rate_limit_retries: int = Field(default=3, ge=0, le=10)  # 429s waited out (Retry-After) per request
    max_retry_after: Duration = 30.0  # a longer Retry-After is an error, not a wait

    def header_values(self) -> dict[str, str]:
        """The configured headers as sent (the values are secrets: never log this)."""
        return {name: value.get_secret_value() for name, value in self.headers.items()}


class DirectLine(_Common):
    """Microsoft Bot Framework Direct Line 3.0 (``…/v3/directline``)."""

    protocol: Literal["directline"]
    secret: SecretStr | None = None  # or a token; one of them is needed outside the demo
    token: SecretStr | None = None
    stream: Literal["websocket", "polling"] = "websocket"
    poll_interval: Duration = 1.0  # polling only; it is also the stamps' error bound
    user_id: str = "shopper"  # from.id of the shopper's activities ("dl_" ids are reserved by the service)
    welcome: Welcome = "settle"


class RasaRest(_Common):
    """Rasa's REST channel: ``POST /webhooks/rest/webhook``, the reply is the response."""

    protocol: Literal["rasa-rest"]
    welcome: Welcome = "none"


class RasaSocketIO(_Common):
    """Rasa's socket.io channel (``SocketIOInput``): ``user_uttered`` out, ``bot_uttered`` in."""

    protocol: Literal["rasa-socketio"]
    socketio_path: str = "socket.io"
    user_message_evt: str = "user_uttered"
    bot_message_evt: str = "bot_uttered"
    welcome: Welcome = "none"


class OpenAIChat(_Common):
    """An OpenAI-compatible chat-completions endpoint (``url`` is the API base, ``…/v1``)."""

    protocol: Literal["openai"]
    model: str = "default"
    api_key: SecretStr | None = None
    stream: bool = True
    system: str | None = None  # a system prompt sent first
    welcome: Welcome = "none"


class HttpJson(_Common):
    """Any JSON-over-HTTP bot: a Jinja2 body template, the reply texts picked by an expression.

    The body template sees ``text`` (the shopper's message), ``conversation`` (a stable id of the
    conversation), ``turn`` (1, 2, …), ``persona`` and ``history`` (earlier turns as
    ``{"role", "text"}``); ``|tojson`` quotes a value. ``reply`` is a JSONPath (``$.…``) or, with
    ``reply_language: jmespath``, a JMESPath; every string it selects is one agent message.
    """

    protocol: Literal["http"]
    method: Literal["POST", "PUT"] = "POST"
    body: str = '{"message": {{ text|tojson }}, "conversation": {{ conversation|tojson }}}'
    reply: str = "$.reply"
    reply_language: Literal["jsonpath", "jmespath"] = "jsonpath"
    welcome: Welcome = "none"


class StartRequest(_Frozen):
    """An HTTP request made before the socket opens; its JSON answer is ``start`` in templates."""

    url: str
    method: Literal["GET", "POST"] = "POST"
    body: str | None = None  # a Jinja2 template (``persona``, ``conversation``)


class WebSocketJson(_Common):
    """Any bot on a WebSocket: a send template, a filter that picks the agent's messages.

    ``url`` and ``send`` are Jinja2 templates (``start``, ``conversation``, ``text``). Each JSON
    frame received goes through ``receive`` (JMESPath): a string result is an agent message, a
    null one is ignored. ``typing`` (JMESPath, optional) says whether the agent is typing. A turn
    ends after the audit's settle time of quiet, or at once when a message matches ``end_marker``
    (a regular expression).
    """

    protocol: Literal["websocket"]
    start: StartRequest | None = None
    send: str = '{"text": {{ text|tojson }}}'
    receive: str = "text"
    typing: str | None = None
    end_marker: str | None = None
    welcome: Welcome = "settle"


ApiTarget = Annotated[
    DirectLine | RasaRest | RasaSocketIO | OpenAIChat | HttpJson | WebSocketJson,
    Field(discriminator="protocol"),
]
Protocol = Literal["directline", "rasa-rest", "rasa-socketio", "openai", "http", "websocket"]
