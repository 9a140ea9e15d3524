"""Clauses and sentences with exact offsets into the original text, for quoting findings."""

from __future__ import annotations

from dataclasses import dataclass

from shopper.formats.locales import script_language
from shopper.scoring.text import clauses, norm


@dataclass(frozen=True, slots=True)
class Span:
    """A clause of a text: the original words, where they are, their normalised form."""

    text: str
    start: int
    end: int
    sentence: int
    normalized: str


def spans(text: str) -> list[Span]:
    """The clauses of ``text``, each with ``text[start:end] == words``."""
    found: list[Span] = []
    cursor = 0
    for part in clauses(text):
        start = text.find(part.text, max(cursor, part.start))
        if start < 0:
            start = text.find(part.text)
        if start < 0:  # pragma: no cover - clauses() only returns stripped slices of text
            continue
        end = start + len(part.text)
        cursor = end
        found.append(Span(part.text, start, end, part.sentence, norm(part.text)))
    return found


def sentences(parts: list[Span]) -> dict[int, list[Span]]:
    """Clauses grouped by sentence index, in order."""
    grouped: dict[int, list[Span]] = {}
    for part in parts:
        grouped.setdefault(part.sentence, []).append(part)
    return grouped


def span_language(text: str, fallback: str) -> str:
    """The language of a piece of text by its script: kana is ja, hangul ko, Han zh (unless the
    reply is Japanese, whose kanji-only clauses are still Japanese); Latin is the reply's own."""
    script = script_language(text)
    if script is None:
        return fallback if fallback in ("en", "zh", "ja", "ko") else "en"
    if script == "zh" and fallback == "ja":
        return "ja"
    return script
