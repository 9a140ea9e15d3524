"""Pydantic validation errors turned into ``file:line:column`` problems with "did you mean"."""

from __future__ import annotations

import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from shopper.formats.problems import Problem, did_you_mean
from shopper.formats.yamlpos import Document, Loc

M = TypeVar("M", bound=BaseModel)


def validate(
    doc: Document, model: type[M], context: dict[str, Any] | None = None
) -> tuple[M | None, list[Problem]]:
    """Validate ``doc.data`` as ``model``; every error becomes a positioned problem."""
    try:
        return model.model_validate(doc.data, context=context), []
    except ValidationError as exc:
        errors = exc.errors()
        suggested = _suggested_keys(model, errors)
        return None, [
            _problem(doc, model, err)
            for err in errors
            if not (err["type"] == "missing" and tuple(err["loc"]) in suggested)
        ]


def _suggested_keys(model: type[BaseModel], errors: list[Any]) -> set[Loc]:
    """Missing keys that an unknown sibling is a typo of: one problem (the typo) is enough."""
    out: set[Loc] = set()
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "extra_forbidden" and loc:
            hint = did_you_mean(str(loc[-1]), field_names_at(model, loc[:-1]))
            if hint:
                out.add((*loc[:-1], hint.split("'")[1]))
    return out


def _problem(doc: Document, model: type[BaseModel], err: Any) -> Problem:
    loc: Loc = tuple(err["loc"])
    kind = err["type"]
    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else "?"
        hint = did_you_mean(key, field_names_at(model, loc[:-1]))
        return doc.problem(loc, f"unknown key '{key}'{hint}", of_key=True)
    if kind == "missing":
        key = str(loc[-1]) if loc else "?"
        return doc.problem(loc[:-1], f"missing required key '{key}'")
    message = str(err["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            message = message[len(prefix) :]
    if message.startswith("Input should be "):
        message = "expected " + message[len("Input should be ") :]
        if "input" in err and not isinstance(err["input"], dict | list):
            message += f", got {_short(err['input'])}"
    return doc.problem(loc, message)


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def field_names_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """Keys accepted at ``loc`` inside ``model`` (best effort, for "did you mean")."""
    current: Any = model
    for part in loc:
        current = _step(current, part)
        if current is None:
            return []
    current = _first_model(current)
    if current is None:
        return []
    return [f.alias or name for name, f in current.model_fields.items()]


def _step(annotation: Any, part: str | int) -> Any:
    model = _first_model(annotation)
    if isinstance(part, int):
        for arg in typing.get_args(_unwrap(annotation)):
            return arg
        return None
    if model is None:
        args = typing.get_args(_unwrap(annotation))
        return args[-1] if args else None  # dict[str, X] -> X
    for name, field in model.model_fields.items():
        if part in (name, field.alias):
            return field.annotation
    return None


def _unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _first_model(annotation: Any) -> type[BaseModel] | None:
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _first_model(arg)
            if found is not None:
                return found
    return None
