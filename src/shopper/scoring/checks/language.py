"""Reply language: offline detection (lingua), with script shortcuts for CJK and Hangul.

Chinese, Japanese and Korean are told apart by script (kana means Japanese, Hangul Korean, Han
alone Chinese), which is exact even for a two-character reply; short Latin text is n/a rather
than a guess.

Latin text goes to lingua in two steps, because its high-accuracy models for our twelve Latin
languages cost ~235 MiB of resident memory in every run, and most replies are English. A
low-accuracy detector (trigram models only, ~18 MiB) answers "en" when it puts English first by
at least ``ENGLISH_MARGIN`` of confidence; anything else (another language first, or English by
a thin margin) goes to the high-accuracy detector, built lazily on first need. The trigram
detector alone is not trusted for other languages: on short text it is confidently wrong (it
reads "Check your mail, there is code, send me here." as German), and its margin does not
separate those cases. Over every Latin text in corpus/judgement and corpus/mail and generated
sentences in six other Latin languages, the two steps give the high-accuracy answer every time
(tests/scoring/test_language_detection.py).
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
# Confidence by which the trigram detector must put English ahead of the runner-up. Over the
# Latin texts of corpus/judgement and corpus/mail, a German quoted-mail header ("Von: ...
# Gesendet: ...") got English first by 0.27; 0.5 leaves room. The generated sentences in other
# languages were not looked at when choosing it.
ENGLISH_MARGIN = 0.5


def _build(*, low_accuracy: bool) -> Any:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in LATIN_LANGUAGES]
    builder = LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
    return (builder.with_low_accuracy_mode() if low_accuracy else builder).build()


@lru_cache(maxsize=1)
def _trigram_detector() -> Any:
    return _build(low_accuracy=True)


@lru_cache(maxsize=1)
def full_detector() -> Any:
    """The high-accuracy detector (~235 MiB), built on first need."""
    return _build(low_accuracy=False)


def surely_english(clean: str) -> bool:
    """Whether the trigram detector puts English first by at least ``ENGLISH_MARGIN``."""
    ranked = _trigram_detector().compute_language_confidence_values(clean)
    if not ranked or str(ranked[0].language.iso_code_639_1.name).lower() != "en":
        return False
    runner_up = ranked[1].value if len(ranked) > 1 else 0.0
    return bool(ranked[0].value - runner_up >= ENGLISH_MARGIN)


def clean_text(text: str) -> str:
    """``text`` without links, addresses and words with digits (they are no language's)."""
    return _NOISE.sub(" ", text)


@lru_cache(maxsize=8192)
def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``, or None when it is too short or mixed to tell."""
    clean = clean_text(text)
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
    if surely_english(clean):
        return "en"
    found = full_detector().detect_language_of(clean)
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
