"""The scenario format (``scenarios/**/*.yaml``).

A script is a list of steps; each step is exactly one of ``say`` (the shopper speaks, then
usually waits for an answer: ``expect``), ``wait`` (a pause) or ``when`` (a branch on the last
reply, with ``then`` / ``else`` steps).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from shopper.formats.durations import Duration
from shopper.formats.locales import LocalizedText

Channel = Literal["chat", "email", "api"]
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(f"expected a lower-case id of letters, digits, '-' or '_', got '{value}'")
    return value


def _compiles(pattern: str, what: str) -> None:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"{what}: {exc}") from exc


class Expect(_Strict):
    """What the shopper waits for after speaking."""

    within: Duration | None = None  # default: the channel's (chat 2m, email 24h)
    settle: Duration | None = None  # quiet time ending the agent's turn (chat); default the target's
    criteria: tuple[str, ...] = ()  # rubric criterion ids checked on this reply
    resolves: bool = False  # a reply here resolves the customer's problem (time to resolution)


class Condition(_Strict):
    """A test on the last reply: all given parts must hold."""

    reply_matches: str | None = None  # a regular expression
    reply_contains: LocalizedText | None = None  # a phrase (per language)
    no_reply: bool | None = None

    @field_validator("reply_matches")
    @classmethod
    def _regex(cls, value: str | None) -> str | None:
        if value is not None:
            _compiles(value, "invalid regular expression")
        return value

    @model_validator(mode="after")
    def _not_empty(self) -> Condition:
        if self.reply_matches is None and self.reply_contains is None and self.no_reply is None:
            raise ValueError("expected one of reply_matches, reply_contains, no_reply")
        return self


class Step(_Strict):
    say: LocalizedText | None = None
    subject: LocalizedText | None = None  # email only: the subject of a new thread
    html: bool = False  # email only: send an HTML part too
    expect: Expect | None = None
    capture: dict[str, str] = Field(default_factory=dict)  # var -> regex (group 1 or whole)
    wait: Duration | None = None
    when: Condition | None = None
    then: tuple[Step, ...] = ()
    else_: tuple[Step, ...] = Field(default=(), alias="else")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("capture")
    @classmethod
    def _captures(cls, value: dict[str, str]) -> dict[str, str]:
        for name, pattern in value.items():
            if not re.match(r"^[A-Za-z_]\w*$", name):
                raise ValueError(f"capture name '{name}' must be a plain identifier")
            _compiles(pattern, f"capture '{name}': invalid regular expression")
        return value

    @model_validator(mode="after")
    def _one_action(self) -> Step:
        actions = [k for k in ("say", "wait", "when") if getattr(self, k) is not None]
        if len(actions) != 1:
            found = ", ".join(actions) or "none"
            raise ValueError(f"a step does exactly one of say, wait, when (found: {found})")
        if self.say is None and (self.subject or self.expect or self.capture or self.html):
            raise ValueError("subject, html, expect and capture belong to a 'say' step")
        if self.when is None and (self.then or self.else_):
            raise ValueError("then/else belong to a 'when' step")
        return self

    @property
    def action(self) -> Literal["say", "wait", "when"]:
        if self.say is not None:
            return "say"
        return "wait" if self.wait is not None else "when"


class PersonaTemplate(_Strict):
    """How the customer is made up; templates see ``fake`` (Faker in the locale)."""

    name: str = "{{ fake.name() }}"
    email: str = "{{ fake.email() }}"
    extra: dict[str, str] = Field(default_factory=dict)


class Scenario(_Strict):
    scenario: str
    title: str
    description: str = ""
    tags: tuple[str, ...] = ()
    channels: tuple[Channel, ...] = ("chat", "email")
    persona: PersonaTemplate = Field(default_factory=PersonaTemplate)
    vars: dict[str, str] = Field(default_factory=dict)
    # names of ``vars`` whose rendered values are secret (an account number, a one-off
    # reference): sent where the script says, redacted from everything written, like ``${ENV}``
    secret_vars: tuple[str, ...] = ()
    script: tuple[Step, ...]

    @model_validator(mode="after")
    def _secret_vars_exist(self) -> Scenario:
        unknown = [name for name in self.secret_vars if name not in self.vars]
        if unknown:
            raise ValueError(f"secret_vars names {', '.join(unknown)}, not in vars ({', '.join(self.vars) or 'none'})")
        return self

    @field_validator("scenario")
    @classmethod
    def _scenario_id(cls, value: str) -> str:
        return _check_id(value)

    @field_validator("script")
    @classmethod
    def _not_empty(cls, value: tuple[Step, ...]) -> tuple[Step, ...]:
        if not value:
            raise ValueError("a script needs at least one step")
        if not any(step.say is not None for _, step in walk_steps(value)):
            raise ValueError("a script needs at least one 'say' step")
        return value


def walk_steps(
    steps: tuple[Step, ...], prefix: tuple[str | int, ...] = ("script",)
) -> Iterator[tuple[tuple[str | int, ...], Step]]:
    """Every step, depth first, with its key path (for messages): yields (loc, step)."""
    for index, step in enumerate(steps):
        loc = (*prefix, index)
        yield loc, step
        yield from walk_steps(step.then, (*loc, "then"))
        yield from walk_steps(step.else_, (*loc, "else"))
