"""Reply language: offline detection (lingua), with script shortcuts for CJK and Hangul.

The detector is built once, lazily, with only the languages we expect. Chinese, Japanese and
Korean are told apart by script (kana means Japanese, Hangul Korean, Han alone Chinese), which
is exact even for a two-character reply; short Latin text is n/a rather than a guess.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, ClassVar

from shopper.scoring.checks.base import Check, CheckSpecError, Outcome, View, failed, not_applicable, passed
from shopper.scoring.text import snippet

_HANGUL = re.compile(r"[\uac00-\ud7af]")
_KANA = re.compile(r"[\u3040-\u309f\u30a0-\u30fa\u30fc-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_NOISE = re.compile(r"https?://\S+|\S+@\S+|\b\S*\d\S*\b|\b[\w-]+\.(com|io|net|org|example)\S*")
MIN_LATIN_LETTERS = 20

# The languages lingua chooses among (ISO 639-1), besides the script-detected CJK ones.
LATIN_LANGUAGES = ("en", "de", "fr", "es", "pt", "it", "nl", "tr", "vi", "id", "ru", "uk")


@lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in LATIN_LANGUAGES]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


@lru_cache(maxsize=8192)
def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``, or None when it is too short or mixed to tell."""
    clean = _NOISE.sub(" ", text)
    hangul, kana, han = len(_HANGUL.findall(clean)), len(_KANA.findall(clean)), len(_HAN.findall(clean))
    latin = len(_LATIN.findall(clean))
    cjk = hangul + kana + han
    if cjk and cjk >= latin / 4:
        if hangul >= max(kana, 1) and hangul * 2 >= cjk:
            return "ko"
        if kana:
            return "ja"
        return "zh" if han else None
    if latin < MIN_LATIN_LETTERS:
        return None
    found = _detector().detect_language_of(clean)
    return None if found is None else str(found.iso_code_639_1.name).lower()


class Language(Check):
    """Agent replies are in the customer's language (or the given one)."""

    name = "language"
    family = "language"
    example: ClassVar[Any] = "customer"

    def __init__(self, params: Any, path: str) -> None:
        super().__init__(params, path)
        if not isinstance(params, str) or not re.fullmatch(r"customer|[a-z]{2,3}(_[A-Z]{2})?", params):
            raise CheckSpecError(f"{path}.{self.name}", "expected customer or a locale like en or zh_CN")
        self.wanted = None if params == "customer" else params.split("_")[0]

    def evaluate(self, view: View) -> Outcome:
        wanted = self.wanted or view.language
        judged = 0
        for reply in view.replies:
            found = detect_language(reply.text)
            if found is None:
                continue
            judged += 1
            if found != wanted:
                quote = snippet(reply.text, 80)
                return failed(f'reply in {found}, expected {wanted}: "{quote}"', reply.index, quote=quote)
        if not judged:
            return not_applicable("no reply long enough to tell its language")
        return passed(f"{judged} repl{'y' if judged == 1 else 'ies'} in {wanted}")
