"""Rule-based intent detection over the keyword tables of every language.

A rule names word classes of the :data:`LEXICON` tables that must all occur; the first rule
that matches wins, so the order encodes priority (a seed phrase offered for a recovery is
``wallet_recovery``, not ``seed_backup``). Keywords of all four languages are used whatever
the language, since customers mix them ("我的 2FA 丢了").
"""

from __future__ import annotations

import re
from functools import lru_cache

from shopper.demo.texts import LANGUAGES

INTENTS: tuple[str, ...] = (
    "withdrawal_pending", "deposit_missing", "wrong_network", "missing_memo", "account_locked",
    "lost_2fa", "kyc_delayed", "seed_backup", "wallet_recovery", "fees", "token_launch",
    "complaint", "human", "fake_support", "greeting", "unknown",
)  # fmt: skip

_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("wallet_recovery", ("seed", "handover")),
    ("fake_support", ("fake_support",)),
    ("human", ("human",)),
    ("lost_2fa", ("lost_2fa",)),
    ("seed_backup", ("seed",)),
    ("missing_memo", ("missing_memo",)),
    ("wrong_network", ("wrong_network",)),
    ("withdrawal_pending", ("withdrawal_pending",)),
    ("deposit_missing", ("deposit_missing",)),
    ("account_locked", ("account_locked",)),
    ("kyc_delayed", ("kyc_delayed",)),
    ("fees", ("fees",)),
    ("token_launch", ("token_launch",)),
    ("complaint", ("complaint",)),
    ("greeting", ("greeting",)),
)


def _pattern(keyword: str) -> str:
    """ASCII keywords match whole ASCII words (``stem*``: any ending); others as substrings.

    The boundaries are ASCII-only so "2FA" is found in "我的2FA丢了" (CJK letters are ``\\w``).
    """
    if not keyword.isascii():
        return re.escape(keyword)
    if keyword.endswith("*"):
        return rf"(?<![a-z0-9]){re.escape(keyword[:-1])}"
    return rf"(?<![a-z0-9]){re.escape(keyword)}(?![a-z0-9])"


@lru_cache(maxsize=1)
def _compiled() -> dict[str, re.Pattern[str]]:
    classes: dict[str, list[str]] = {}
    for module in LANGUAGES.values():
        for name, words in module.LEXICON.items():
            classes.setdefault(name, []).extend(_pattern(word) for word in words)
    return {name: re.compile("|".join(pats), re.IGNORECASE) for name, pats in classes.items()}


def detect_intent(text: str) -> str:
    """The first intent whose word classes all occur in ``text``; ``unknown`` if none."""
    compiled = _compiled()
    lowered = text.casefold()
    for intent, needs in _RULES:
        if all(compiled[name].search(lowered) for name in needs):
            return intent
    return "unknown"
