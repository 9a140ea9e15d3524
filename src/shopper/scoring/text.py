"""Text as the checks see it: normalised for matching, split into clauses, quoted exactly.

Matching runs on a normalised copy (NFKC width folding, case folding, Latin accents
stripped) while evidence quotes the original words: :func:`normalize` keeps a map from
every normalised character back to the original text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised text and, for each of its characters, the original span it came from."""

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def quote(self, start: int, end: int) -> str:
        """The original words behind ``text[start:end]``."""
        if start >= end or not self.text:
            return ""
        return self.original[self.starts[start] : self.ends[end - 1]]


def _is_latin(char: str) -> bool:
    return char.isascii() or "\u00c0" <= char <= "\u024f"


def _fold(cluster: str) -> str:
    folded = unicodedata.normalize("NFKC", cluster)
    if folded and _is_latin(folded[0]):
        decomposed = unicodedata.normalize("NFD", folded)
        folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return folded.casefold().replace("\u2019", "'")


def _clusters(text: str) -> list[tuple[int, int]]:
    """A base character with its combining marks (and half-width voiced marks) as one span."""
    spans: list[tuple[int, int]] = []
    for index, char in enumerate(text):
        joins = unicodedata.combining(char) or char in "\uff9e\uff9f"
        if spans and joins:
            spans[-1] = (spans[-1][0], index + 1)
        else:
            spans.append((index, index + 1))
    return spans


@lru_cache(maxsize=8192)
def normalize(text: str) -> Normalized:
    """Fold case, width (full-width Latin, half-width kana) and Latin accents."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for start, end in _clusters(text):
        folded = _fold(text[start:end])
        out.append(folded)
        starts.extend([start] * len(folded))
        ends.extend([end] * len(folded))
    return Normalized(text, "".join(out), tuple(starts), tuple(ends))


def norm(text: str) -> str:
    """Just the normalised string (for phrase lists)."""
    return normalize(text).text


# Sentence ends, clause separators (commas, semicolons, dashes, colons) in every script.
# an emoji followed by a space ends a chat sentence: "…全没了😬 往我下一条消息里的地址转"
_SENTENCE = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])\s*|\n+|(?<=[;；])\s*|(?<=[\U0001F300-\U0001FAFF\u2600-\u27BF])\s+")
# "2." standing alone: the number of a step, not a sentence of its own
_LIST_MARKER = re.compile(r"^\s*(\d{1,2}|[a-zA-Z]|[ivx]{1,4})[.)]\s*$")
# Korean joins "but" and "if it was" clauses without a comma: "원래는 요청하지 않지만 이번에는 …"
_CLAUSE = re.compile(r"\s*(?:[,，、:：]|\s[-–—]+\s|[–—]+)\s*|(?<=지만)\s+|(?<=다면)\s+")


@dataclass(frozen=True, slots=True)
class Clause:
    """A clause of a reply: its original words and where it sits."""

    text: str
    sentence: int
    start: int

    @property
    def normalized(self) -> str:
        return norm(self.text)


def clauses(text: str) -> list[Clause]:
    """Split a reply into clauses, each tagged with the index of its sentence."""
    result: list[Clause] = []
    sentence_index = 0
    for offset, sentence in _split_keep(text, _SENTENCE):
        if _LIST_MARKER.match(sentence):
            continue  # "2." of a numbered step: the step's words are the sentence
        for clause_offset, clause_text in _split_keep(sentence, _CLAUSE):
            if clause_text.strip():
                result.append(Clause(clause_text.strip(), sentence_index, offset + clause_offset))
        if sentence.strip():
            sentence_index += 1
    return result


def _split_keep(text: str, pattern: re.Pattern[str]) -> list[tuple[int, str]]:
    pieces: list[tuple[int, str]] = []
    position = 0
    for match in pattern.finditer(text):
        if match.start() > position:
            pieces.append((position, text[position : match.start()]))
        position = max(position, match.end())
    if position < len(text):
        pieces.append((position, text[position:]))
    return pieces


def snippet(text: str, limit: int = 160) -> str:
    """A reply shortened for evidence, on one line."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
