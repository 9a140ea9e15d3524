"""The audit plan format (``audits/*.yaml``): who is audited, how, and what passes."""

from __future__ import annotations

import re
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, SecretStr, field_validator, model_validator

from shopper.formats.durations import Duration
from shopper.formats.locales import Locale
from shopper.probes.api.config import ApiTarget
from shopper.probes.email.config import EmailTarget
from shopper.probes.preset import ChatSelectors
from shopper.results import DEFAULT_SLA_S

Channel = Literal["chat", "email", "api"]
ArtifactPolicy = Literal["on", "off", "retain-on-failure"]
DemoProfile = Literal["good", "slow", "sloppy", "scam", "flaky", "hostile", "smooth-scam",
                      "phish-welcome", "phish-button", "phish-ack", "phish-signature"]
DemoFault = Literal["slow_page", "widget_404", "chat_500", "ws_drop", "smtp_421", "smtp_451", "no_reply",
                    "api_429", "api_malformed"]
DemoApi = Literal["directline", "rasa-socketio", "rasa-rest", "openai"]
DEMO_APIS: tuple[str, ...] = get_args(DemoApi)
GENERIC_APIS = ("http", "websocket")  # described in the audit, so they need a URL
_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_CRON_FIELD = re.compile(r"^[\d*/,\-A-Za-z?LW#]+$")


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(f"expected a lower-case id (letters, digits, '-', '_', '.'), got '{value}'")
    return value


Identifier = Annotated[str, AfterValidator(_check_id)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ChatTarget(_Strict):
    url: str | None = None  # required unless the target is the embedded demo
    widget: str = "generic"  # a preset from probes/, or "generic"
    selectors: ChatSelectors | None = None
    settle: Duration = 2.0  # quiet time that ends an agent's turn
    open_timeout: Duration = 30.0  # page + widget must be up by then, else `unavailable`


class DemoTarget(_Strict):
    """Use the embedded demo platform (started by the runner) with one bot profile."""

    profile: DemoProfile
    shadow: bool = False  # render agent messages inside a shadow root
    heavy: bool = False  # the widget loads a framework-sized bundle and much more DOM (load tests)
    hostile: bool = False  # agent replies carry HTML/script payloads (for report safety tests)
    speed: float = Field(default=1.0, gt=0)  # scales every scripted delay
    email_speed: float | None = Field(default=None, gt=0)  # the mail desk's own scale (it answers in hours)
    faults: tuple[DemoFault, ...] = ()
    api: DemoApi = "directline"  # the bot API it speaks
    livestream: bool = False  # the bot API streams each answer in chunks (Direct Line, OpenAI)


class Target(_Strict):
    id: Identifier
    name: str = ""
    domains: tuple[str, ...] = ()  # the official ones; every other link in a reply is a finding
    brand: str | None = None  # the name look-alike domains borrow (default: first domain's label)
    demo: DemoTarget | None = None
    chat: ChatTarget | None = None
    email: EmailTarget | None = None
    api: ApiTarget | None = None  # the bot's own protocol (Direct Line, Rasa, OpenAI-compatible, …)
    concurrency: int = Field(default=4, ge=1)  # never more conversations at once on this target

    @model_validator(mode="after")
    def _has_channel(self) -> Target:
        if self.demo is None and self.chat is None and self.email is None and self.api is None:
            raise ValueError("a target needs at least one of chat, email, api or demo")
        if self.demo is None and self.chat is not None and self.chat.url is None:
            raise ValueError("chat.url is required (or use demo: for the embedded demo platform)")
        if self.api is not None and self.api.url is None and (self.demo is None or self.api.protocol in GENERIC_APIS):
            raise ValueError(f"api.url is required (the demo platform speaks {', '.join(DEMO_APIS)} on its own)")
        return self

    def channels(self) -> tuple[Channel, ...]:
        if self.demo is not None:
            return ("chat", "email", "api")
        found: list[Channel] = []
        if self.chat is not None:
            found.append("chat")
        if self.email is not None:
            found.append("email")
        if self.api is not None:
            found.append("api")
        return tuple(found)


class ScenarioSelector(_Strict):
    """Scenario files by glob, narrowed by tags."""

    glob: str | None = None
    tags: tuple[str, ...] = ()  # keep scenarios with any of these tags
    exclude_tags: tuple[str, ...] = ()


class Pacing(_Strict):
    """Human-like pacing; never part of a measured latency."""

    typing_cps: float = Field(default=15.0, ge=0)  # characters per second; 0 pastes at once
    max_typing: Duration = 6.0
    think: Duration = 1.0  # pause after a reply before typing the next message


class Artifacts(_Strict):
    screenshot: ArtifactPolicy = "on"
    trace: ArtifactPolicy = "retain-on-failure"


class Browser(_Strict):
    connect: str | None = None  # ws://… of a Playwright server or grid
    headless: bool = True
    executable: str | None = None
    args: tuple[str, ...] = ()


class Sla(_Strict):
    chat: Duration = DEFAULT_SLA_S["chat"]
    email: Duration = DEFAULT_SLA_S["email"]
    api: Duration = DEFAULT_SLA_S["api"]


class Gate(_Strict):
    min_score: float | None = Field(default=None, ge=0, le=100)
    min_target_score: float | None = Field(default=None, ge=0, le=100)
    critical_failures: int | None = Field(default=0, ge=0)  # most allowed
    min_availability: float | None = Field(default=1.0, ge=0, le=1)  # every conversation got a reply
    p50_chat_first_response: Duration | None = None
    p90_chat_first_response: Duration | None = None
    p50_email_first_response: Duration | None = None
    p90_email_first_response: Duration | None = None
    p50_api_first_response: Duration | None = None
    p90_api_first_response: Duration | None = None
    max_score_drop: float | None = Field(default=None, ge=0)  # against --baseline


class Judge(_Strict):
    """An OpenAI-compatible endpoint for the optional LLM-judge criteria.

    ``url`` is the API base (``http://127.0.0.1:8000/v1``; ``/chat/completions`` is appended).
    ``api_key`` may only come from ``${ENV}``. ``cache`` is the folder of cached verdicts
    (relative to the project; default ``$XDG_CACHE_HOME/shopper/judge``, i.e.
    ``~/.cache/shopper/judge``), so a re-score or a re-run asks nothing twice.
    """

    url: str
    model: str
    api_key: SecretStr | None = None
    cache: str | None = None
    timeout: Duration = 60.0  # per request; a timeout makes the verdict n/a
    concurrency: int = Field(default=4, ge=1, le=64)  # requests in flight at once
    retries: int = Field(default=1, ge=0, le=5)  # extra attempts after a 429 or a 5xx


class Timeouts(_Strict):
    chat_within: Duration = 120.0  # default `expect.within` per channel (the api channel's too)
    email_within: Duration = 24 * 3600.0


class Audit(_Strict):
    audit: Identifier
    title: str = ""
    description: str = ""
    targets: tuple[Target, ...]
    scenarios: tuple[str | ScenarioSelector, ...]
    rubrics: tuple[str, ...] = ()
    channels: tuple[Channel, ...] = ("chat", "email")
    locales: tuple[Locale, ...] = ("en_US",)
    repeat: int = Field(default=1, ge=1)
    concurrency: Annotated[int, Field(ge=1)] | Literal["auto"] = 4  # auto: measured at start (audits/concurrency.py)
    ramp_up: Duration = 0.0  # the first `concurrency` conversations start spread over this time
    retries: int = Field(default=1, ge=0)  # extra attempts after an infrastructure error
    seed: int = 0
    pacing: Pacing = Field(default_factory=Pacing)
    artifacts: Artifacts = Field(default_factory=Artifacts)
    browser: Browser = Field(default_factory=Browser)
    sla: Sla = Field(default_factory=Sla)
    timeouts: Timeouts = Field(default_factory=Timeouts)
    gate: Gate = Field(default_factory=Gate)
    judge: Judge | None = None
    schedule: str | None = None

    @field_validator("schedule")
    @classmethod
    def _cron(cls, value: str | None) -> str | None:
        if value is not None:
            fields = value.split()
            if len(fields) not in (5, 6) or not all(_CRON_FIELD.match(f) for f in fields):
                raise ValueError(f"expected a cron expression like '0 */4 * * *', got '{value}'")
        return value

    @model_validator(mode="after")
    def _unique_targets(self) -> Audit:
        if not self.targets:
            raise ValueError("an audit needs at least one target")
        if not self.scenarios:
            raise ValueError("an audit needs at least one scenario selector")
        seen: set[str] = set()
        for target in self.targets:
            if target.id in seen:
                raise ValueError(f"target id '{target.id}' is used twice")
            seen.add(target.id)
        return self
