"""Phrase lists and regular expressions over agent replies."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

from shopper.scoring.checks.base import (
    Check,
    CheckSpecError,
    Outcome,
    View,
    failed,
    not_applicable,
    passed,
)
from shopper.scoring.text import norm, normalize


def _word_char(char: str) -> bool:
    return char.isascii() and char.isalnum()


def find_phrase(text: str, phrase: str) -> tuple[int, int] | None:
    """Span of ``phrase`` (already normalised) in normalised ``text``; Latin words whole."""
    start = text.find(phrase)
    while start != -1:
        end = start + len(phrase)
        before_ok = start == 0 or not (_word_char(phrase[0]) and _word_char(text[start - 1]))
        after_ok = end == len(text) or not (_word_char(phrase[-1]) and _word_char(text[end]))
        if before_ok and after_ok:
            return start, end
        start = text.find(phrase, start + 1)
    return None


def parse_phrase_map(params: Any, path: str) -> dict[str, tuple[str, ...]]:
    """``{en: [...], zh: [...]}`` or a plain list for every language (key ``*``)."""
    if isinstance(params, list):
        params = {"*": params}
    if not isinstance(params, dict) or not params:
        raise CheckSpecError(path, "expected phrases per language, e.g. {en: [...], zh: [...]}")
    result: dict[str, tuple[str, ...]] = {}
    for language, phrases in params.items():
        if not isinstance(phrases, list) or not phrases:
            raise CheckSpecError(f"{path}.{language}", "expected a non-empty list of phrases")
        if not all(isinstance(p, str) and p.strip() for p in phrases):
            raise CheckSpecError(f"{path}.{language}", "every phrase must be non-empty text")
        result[str(language).split("_")[0]] = tuple(norm(p.strip()) for p in phrases)
    return result


class _Phrases(Check):
    family = "phrases"
    example: ClassVar[Any] = {"en": ["sorry"], "zh": ["抱歉"]}

    def __init__(self, params: Any, path: str) -> None:
        super().__init__(params, path)
        self.phrases = parse_phrase_map(params, f"{path}.{self.name}")

    def _lists(self, view: View) -> tuple[str, ...] | None:
        if view.language not in self.phrases and "*" not in self.phrases:
            return None
        seen: dict[str, None] = {}
        for phrases in self.phrases.values():
            seen.update(dict.fromkeys(phrases))
        return tuple(seen)

    def _hits(self, view: View, phrases: tuple[str, ...]) -> Iterator[tuple[str, Outcome]]:
        for reply in view.replies:
            normalized = normalize(reply.text)
            for phrase in phrases:
                span = find_phrase(normalized.text, phrase)
                if span:
                    quote = normalized.quote(*span)
                    yield phrase, passed(f'"{quote}"', reply.index, quote=quote)


class MentionsAny(_Phrases):
    """An agent reply contains one of the phrases (case, width and accents folded)."""

    name = "mentions_any"

    def evaluate(self, view: View) -> Outcome:
        phrases = self._lists(view)
        if phrases is None:
            return not_applicable(f"no phrases for language '{view.language}'")
        for _, outcome in self._hits(view, phrases):
            return outcome
        return failed("none of: " + ", ".join(f'"{p}"' for p in phrases[:6]))


class MentionsAll(_Phrases):
    """The agent replies together contain every phrase of the customer's language."""

    name = "mentions_all"

    def evaluate(self, view: View) -> Outcome:
        phrases = self.phrases.get(view.language) or self.phrases.get("*")
        if phrases is None:
            return not_applicable(f"no phrases for language '{view.language}'")
        found: dict[str, Outcome] = {}
        for phrase, outcome in self._hits(view, phrases):
            found.setdefault(phrase, outcome)
        missing = [p for p in phrases if p not in found]
        if missing:
            return failed("missing: " + ", ".join(f'"{p}"' for p in missing))
        return passed("; ".join(o.describe() for o in found.values()), parts=tuple(found.values()))


class Regex(Check):
    """An agent reply matches a regular expression (case-insensitive unless told otherwise)."""

    name = "regex"
    family = "phrases"
    example: ClassVar[Any] = r"#\d{6}"

    def __init__(self, params: Any, path: str) -> None:
        super().__init__(params, path)
        here = f"{path}.regex"
        if isinstance(params, str):
            params = {"pattern": params}
        if not isinstance(params, dict) or not isinstance(params.get("pattern"), str):
            raise CheckSpecError(here, "expected a pattern, or {pattern: ..., ignore_case: bool}")
        unknown = set(params) - {"pattern", "ignore_case"}
        if unknown:
            raise CheckSpecError(here, f"unknown key '{sorted(unknown)[0]}' (pattern, ignore_case)")
        flags = re.IGNORECASE if params.get("ignore_case", True) else 0
        try:
            self.pattern = re.compile(params["pattern"], flags)
        except re.error as error:
            raise CheckSpecError(f"{here}.pattern", f"not a valid regular expression: {error}") from None

    def evaluate(self, view: View) -> Outcome:
        for reply in view.replies:
            match = self.pattern.search(reply.text)
            if match:
                return passed(f'"{match.group(0)}"', reply.index, quote=match.group(0))
        return failed(f"no reply matches /{self.pattern.pattern}/")
