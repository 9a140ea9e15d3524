"""Durations as people write them: ``250ms``, ``30s``, ``5m``, ``4h``, ``1h30m``, ``2d``."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BeforeValidator, PlainSerializer

_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
_PART = re.compile(r"(\d+(?:\.\d+)?)(ms|s|m|h|d)")


def parse_duration(text: str | int | float) -> float:
    """Seconds in a duration; raises ValueError with the accepted forms."""
    if isinstance(text, bool):
        raise ValueError("expected a duration like 30s, 5m or 4h")
    if isinstance(text, int | float):
        if text < 0:
            raise ValueError("a duration cannot be negative")
        return float(text)
    compact = text.strip().replace(" ", "")
    parts = _PART.findall(compact)
    if not compact or "".join(n + u for n, u in parts) != compact:
        raise ValueError(f"expected a duration like 30s, 5m or 4h, got '{text}'")
    return sum(float(number) * _UNITS[unit] for number, unit in parts)


def format_duration(seconds: float) -> str:
    """The shortest readable form: 90 -> '1m30s', 0.25 -> '250ms'."""
    if seconds < 1:
        return f"{round(seconds * 1000)}ms"
    whole = int(seconds)
    out = ""
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        if whole >= size:
            out += f"{whole // size}{unit}"
            whole %= size
    return out or "0s"


def _check(value: object) -> float:
    if not isinstance(value, str | int | float):
        raise ValueError("expected a duration like 30s, 5m or 4h")
    return parse_duration(value)


Duration = Annotated[float, BeforeValidator(_check), PlainSerializer(format_duration)]
"""A pydantic field type: seconds as a float, written in YAML as ``30s``."""
