"""Which language a customer writes in, from the script alone (the demo needs no model)."""

from __future__ import annotations

import re

_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def detect_language(text: str) -> str | None:
    """Hangul -> ko, kana -> ja, Han only -> zh, Latin letters -> en, nothing to go on -> None."""
    if _HANGUL.search(text):
        return "ko"
    if _KANA.search(text):
        return "ja"
    if _HAN.search(text):
        return "zh"
    if re.search(r"[A-Za-z]", text):
        return "en"
    return None
