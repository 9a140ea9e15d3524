"""Problems found in a file, each with a place a person can jump to."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file: ``path:line:column: message (key path)``."""

    path: str
    line: int
    column: int
    message: str
    key_path: str = ""

    def __str__(self) -> str:
        where = f" ({self.key_path})" if self.key_path else ""
        return f"{self.path}:{self.line}:{self.column}: {self.message}{where}"


class InvalidFiles(Exception):
    """Raised with every problem found, so a person fixes them all in one pass."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``"; did you mean 'script'?"`` when a close choice exists, else an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def format_key_path(loc: Sequence[str | int]) -> str:
    """Render a location as ``targets[0].chat.url``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
