"""Rendering scenario text: Jinja2 in a sandbox, ``fake`` = Faker in the locale under test.

The sandbox refuses attribute access to Python internals (``''.__class__.__mro__``...), so a
scenario file cannot run code. The same seed gives the same persona and the same variables.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from faker import Faker
from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from shopper.probes.base import Persona
from shopper.scenarios.model import Scenario


class TemplateProblem(ValueError):
    """A template that does not parse, names an unknown variable, or was refused by the sandbox."""


@lru_cache(maxsize=1)
def environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)


@lru_cache(maxsize=16)
def _faker(locale: str) -> Faker:
    return Faker(locale)


def stable_seed(*parts: object) -> int:
    """A seed from any parts, identical across processes (unlike ``hash``)."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(digest[:8], "big")


def render(template: str, context: Mapping[str, Any]) -> str:
    """Render one template string; raises :class:`TemplateProblem` with a readable reason."""
    if "{" not in template:
        return template
    try:
        return environment().from_string(template).render(**context)
    except TemplateError as exc:
        raise TemplateProblem(_describe(exc)) from exc


def _describe(exc: TemplateError) -> str:
    name = type(exc).__name__
    if name == "SecurityError":
        return f"template refused by the sandbox: {exc}"
    if name == "UndefinedError":
        return f"template uses an undefined variable: {exc}"
    if name == "TemplateSyntaxError":
        return f"template syntax error: {exc}"
    return f"template error: {exc}"


def persona_and_context(scenario: Scenario, locale: str, seed: int) -> tuple[Persona, dict[str, Any]]:
    """The persona of one conversation and its template context; deterministic for a seed.

    The context is the one every ``say`` and ``subject`` renders with (``persona``, ``locale``
    and the rendered ``vars``), built here only: the loader's trial render, the runner and the
    driver (which adds ``capture``d values as the conversation goes) all start from it.
    Rendering is synchronous and re-seeds a cached Faker first, so concurrent conversations in
    one event loop cannot interleave their random draws.
    """
    fake = _faker(locale)
    fake.seed_instance(seed)
    context: dict[str, Any] = {"fake": fake, "locale": locale}
    name = render(scenario.persona.name, context)
    email = render(scenario.persona.email, context)
    extra = {key: render(value, context) for key, value in scenario.persona.extra.items()}
    persona = Persona(name=name, email=email, locale=locale, extra=extra)
    context["persona"] = persona.public()
    variables: dict[str, Any] = {}
    for key, template in scenario.vars.items():
        variables[key] = render(template, {**context, **variables})
    return persona, {"persona": persona.public(), "locale": locale, **variables}
