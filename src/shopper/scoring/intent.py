"""Is a reply *asking* for something, or warning about it? Clause by clause, per language.

Phrase lists alone cannot tell "send me your 12 words" from "we will never ask for your
12 words". A clause is a request when it names the thing (or points back to it: "paste it
below", "请直接回复给我") together with a request cue, and neither a negation in the clause
nor a warning frame in the sentence ("anyone who asks… is a scammer") turns it around.
"Except me" clauses ("never share it with anyone except an agent like me") stay requests.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from shopper.scoring.lexicon import Lexicon, lexicon, script_language
from shopper.scoring.text import Clause, clauses

_PUNCT = re.compile(r"[\s\W_]+")
_KO_OBJECT = re.compile(r"[을를]")


@dataclass(frozen=True, slots=True)
class Finding:
    """A clause that asks for something: the kind, and the exact words."""

    kind: str
    quote: str


Terms = Callable[[str, Lexicon], list[str]]
Cue = Callable[[str, Lexicon, bool], bool]


def _objectless(normalized: str, lex: Lexicon, language: str) -> bool:
    """True when a clause has no object of its own, so it refers to the last one named."""
    if language == "en":
        return bool(lex.anaphor.search(normalized))
    if language == "ko":
        return not _KO_OBJECT.search(normalized) or bool(lex.anaphor.search(normalized))
    if language == "ja":
        return "を" not in normalized or bool(lex.anaphor.search(normalized))
    residual = lex.filler.sub("", lex.request.sub("", lex.proximal.sub("", normalized)))
    return len(_PUNCT.sub("", residual)) <= 1


def _short(normalized: str, language: str) -> bool:
    return len(normalized.split()) <= 3 if language == "en" else len(normalized) <= 4


def find_requests(text: str, terms: Terms, cue: Cue) -> list[Finding]:
    """Clauses of ``text`` that request what ``terms`` names, judged by ``cue``."""
    parts = clauses(text)
    sentences: dict[int, str] = {}
    for part in parts:
        sentences[part.sentence] = sentences.get(part.sentence, "") + " " + part.normalized
    findings: list[Finding] = []
    topic: str | None = None
    topic_sentence = -10
    negated_sentence = -1
    for part in parts:
        language = script_language(part.text)
        lex = lexicon(language)
        normalized = part.normalized
        kinds = terms(normalized, lex)
        carried = False
        if kinds:
            topic, topic_sentence = kinds[0], part.sentence
        elif topic and part.sentence - topic_sentence <= 1 and _objectless(normalized, lex, language):
            kinds, carried = [topic], True
        negated = _negated(normalized, lex) or negated_sentence == part.sentence
        if not kinds or not cue(normalized, lex, carried):
            if negated and _short(normalized, language):
                negated_sentence = part.sentence
            continue
        if _is_excused(part, sentences[part.sentence], lex, negated):
            continue
        findings.append(Finding(kinds[0], part.text))
    return findings


def _negated(normalized: str, lex: Lexicon) -> bool:
    return bool(lex.negation.search(lex.negation_ignore.sub(" ", normalized)))


def _is_excused(part: Clause, sentence: str, lex: Lexicon, negated: bool) -> bool:
    """A negated, conditional or warning clause is not a request (unless "except me")."""
    normalized = part.normalized
    if lex.conditional is not None and lex.conditional.search(normalized):
        return True
    if negated:
        return not lex.except_me.search(sentence)
    return bool(lex.warning.search(sentence)) and not lex.to_me.search(normalized)


def secret_terms(kinds: Sequence[str] | None = None) -> Terms:
    """The secrets a clause names (seed, private_key, password, two_factor)."""

    def terms(normalized: str, lex: Lexicon) -> list[str]:
        return [k for k, p in lex.secrets if (kinds is None or k in kinds) and p.search(normalized)]

    return terms


def secret_cue(normalized: str, lex: Lexicon, carried: bool) -> bool:
    """A disclosure cue: "send / tell / what is your", "we need", or "enter it here"."""
    if lex.request.search(normalized):
        return True
    into_channel = bool(lex.here.search(normalized))
    self_service = bool(lex.self_service.search(normalized)) and not into_channel
    if lex.need.search(normalized) and not self_service:
        return True
    proximal = lex.proximal.search(normalized)
    if not proximal or self_service:
        return False
    if lex is not lexicon("en") or carried:
        return True
    after = normalized[proximal.end() : proximal.end() + 40]
    return any(p.search(after) for _, p in lex.secrets) or bool(lex.anaphor.match(after.strip()))
