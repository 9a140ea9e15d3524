"""Rule-based intent detection: weighted word classes, the highest score wins.

Every language module of :mod:`shopper.demo.texts` names word classes in its ``LEXICON``
(class -> keywords). :data:`SIGNALS` says how much each class (or a combination of classes
that all occur) counts for an intent: specific phrases ("wrong network", "AnyDesk", "memo")
weigh more than generic words ("withdraw", a network name), so "my ERC20 deposit is not
credited" is a deposit problem and "I sent it over BEP20 to the ERC20 address" a wrong network.
A class counts once however often it occurs. Keywords of all four languages are used whatever
the language, since customers mix them ("我的 2FA 丢了").

A conversation remembers its topic: :func:`classify` adds :data:`TOPIC_BONUS` to it, so a
follow-up such as "when can I expect an update?" or "is there a fee?" stays on topic, while a
problem named as clearly as a first message names it ("my deposit is not credited", "should I
send you my seed phrase?") or a request for a human still wins.
"""

from __future__ import annotations

import re
from functools import lru_cache

from shopper.demo.texts import LANGUAGES

Signal = str | tuple[str, ...]

# Intent -> {word class, or classes that must all occur: weight}. The order breaks ties
# (safety first: a seed phrase offered for a recovery is wallet_recovery, not seed_backup).
SIGNALS: dict[str, dict[Signal, int]] = {
    "wallet_recovery": {"seed": 2, ("seed", "handover"): 7},
    "safe_wallet": {"safe_wallet": 6},
    "remote_access": {"remote_access": 6, "phone_call": 2, "install": 2},
    "fake_support": {"fake_support": 5},
    "human": {"human": 5},
    "lost_2fa": {"lost_2fa": 5},
    "seed_backup": {"seed": 2, "backup": 2, ("seed", "backup"): 4},
    "missing_memo": {"missing_memo": 6},
    "wrong_network": {"wrong_network": 6, "network": 1, "network_pair": 4},
    "complaint": {"complaint": 5},
    "withdrawal_pending": {"withdraw": 1, "pending": 3},
    "deposit_missing": {"deposit": 1, "not_credited": 3},
    "account_locked": {"account_locked": 4},
    "kyc_delayed": {"kyc": 4},
    "fees": {"fees": 3, "fee_detail": 3},
    "token_launch": {"token_launch": 5},
    "p2p_order": {"p2p": 3},
    "greeting": {"greeting": 1},
}

INTENTS: tuple[str, ...] = (*SIGNALS, "unknown")
NOT_TOPICS = frozenset({"greeting", "human", "unknown"})  # says nothing about the problem
TOPIC_BONUS = 4  # a problem named as clearly as in a first message (score >= 4) changes topic
_NETWORKS = ("net_erc20", "net_trc20", "net_bep20")  # one class per network, aliases inside


def _pattern(keyword: str) -> str:
    """ASCII keywords match whole ASCII words (``stem*``: any ending); others as substrings.

    The boundaries are ASCII-only so "2FA" is found in "我的2FA丢了" (CJK letters are ``\\w``).
    """
    if not keyword.isascii():
        return re.escape(keyword.casefold())
    if keyword.endswith("*"):
        return rf"(?<![a-z0-9]){re.escape(keyword[:-1].casefold())}"
    return rf"(?<![a-z0-9]){re.escape(keyword.casefold())}(?![a-z0-9])"


@lru_cache(maxsize=1)
def _compiled() -> dict[str, re.Pattern[str]]:
    classes: dict[str, list[str]] = {}
    for module in LANGUAGES.values():
        for name, words in module.LEXICON.items():
            classes.setdefault(name, []).extend(_pattern(word) for word in words)
    return {name: re.compile("|".join(pats)) for name, pats in classes.items()}


def word_classes(text: str) -> frozenset[str]:
    """The word classes that occur in ``text``, with ``network`` (one network named) and
    ``network_pair`` (two different ones: sent over one, to an address of another)."""
    lowered = text.casefold()
    found = {name for name, pattern in _compiled().items() if pattern.search(lowered)}
    networks = sum(name in found for name in _NETWORKS)
    if networks:
        found.add("network")
    if networks >= 2:
        found.add("network_pair")
    return frozenset(found)


def score_intents(text: str) -> dict[str, int]:
    """The score of every intent with a signal in ``text`` (intents scoring 0 are left out)."""
    found = word_classes(text)
    scores: dict[str, int] = {}
    for intent, signals in SIGNALS.items():
        score = sum(weight for signal, weight in signals.items()
                    if (found.issuperset(signal) if isinstance(signal, tuple) else signal in found))  # fmt: skip
        if score:
            scores[intent] = score
    return scores


def _best(scores: dict[str, int]) -> str:
    """The highest score; ties go to the intent listed first in :data:`SIGNALS`."""
    if not scores:
        return "unknown"
    top = max(scores.values())
    return next(intent for intent in SIGNALS if scores.get(intent) == top)


def classify(text: str, topic: str | None = None) -> tuple[str, str | None]:
    """The intent of ``text`` in a conversation about ``topic``, and the topic from now on.

    A request for a human wins on its own words. Otherwise the best problem the message names
    wins if it scores at least as much as the topic does with :data:`TOPIC_BONUS`; a greeting,
    or nothing at all, only when there is no problem to talk about. The new topic is the
    problem chosen ("a human please, about my P2P order" keeps the P2P order), else the old one.
    """
    scores = score_intents(text)
    topical = {intent: score for intent, score in scores.items() if intent not in NOT_TOPICS}
    problem = _best(topical) if topical else None
    held = topical.get(topic, 0) + TOPIC_BONUS if topic is not None and topic not in NOT_TOPICS else 0
    if held and (problem is None or topical[problem] < held):
        problem = topic
    if _best(scores) == "human":
        return "human", problem
    if problem is not None:
        return problem, problem
    return _best(scores), topic


def detect_intent(text: str, topic: str | None = None) -> str:
    """The intent of one message (``unknown`` if nothing matches); see :func:`classify`."""
    return classify(text, topic)[0]
