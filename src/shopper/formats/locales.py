"""Locales (``zh_CN``) and per-language text (``{en: ..., zh: ...}``)."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator

_LOCALE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")
_LANG_KEY = re.compile(r"^([a-z]{2,3}(_[A-Z]{2})?|\*)$")


def language_of(locale: str) -> str:
    """``zh_CN`` -> ``zh``."""
    return locale.split("_", 1)[0]


def _check_locale(value: str) -> str:
    if not _LOCALE.match(value):
        raise ValueError(f"expected a locale like en_US or zh_CN, got '{value}'")
    return value


def _check_text_map(value: str | dict[str, str]) -> str | dict[str, str]:
    if isinstance(value, dict):
        if not value:
            raise ValueError("expected text in at least one language")
        for key in value:
            if not _LANG_KEY.match(key):
                raise ValueError(f"expected a language like en, zh, ko, ja (or a locale), got '{key}'")
    return value


Locale = Annotated[str, AfterValidator(_check_locale)]
LocalizedText = Annotated[str | dict[str, str], AfterValidator(_check_text_map)]
"""One text for every language, or ``{en: ..., zh: ...}`` (a full locale key wins over its language)."""


def text_for(text: str | dict[str, str], locale: str) -> str | None:
    """The text for ``locale``: exact locale key, then its language, then ``*``; None if absent."""
    if isinstance(text, str):
        return text
    for key in (locale, language_of(locale), "*"):
        if key in text:
            return text[key]
    return None


def languages_in(text: str | dict[str, str]) -> set[str] | None:
    """Languages a text covers; None means "all" (a plain string or a ``*`` entry)."""
    if isinstance(text, str) or "*" in text:
        return None
    return {language_of(key) for key in text}


_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


def script_language(text: str) -> str | None:
    """The language a text's script gives away: Hangul -> ko, kana -> ja, Han only -> zh,
    Latin letters -> en, nothing to go on -> None. No model, no guess beyond the script."""
    if _HANGUL.search(text):
        return "ko"
    if _KANA.search(text):
        return "ja"
    if _HAN.search(text):
        return "zh"
    if _LATIN.search(text):
        return "en"
    return None
