"""The two-step Latin detection gives the high-accuracy detector's answer, without its memory.

``detect_language`` answers "en" from the trigram detector when English is first by a wide
margin and asks the high-accuracy one otherwise. These tests hold it to the high-accuracy
answer on every Latin text we have (the judgement corpus, all splits and fresh batches, the
mail corpus's paragraphs, the demo's own texts) and on generated sentences in six other Latin languages, and check that the
shortcut answers most English text (else the memory is not saved).
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from faker import Faker

from shopper.scoring.checks import language
from shopper.scoring.checks.language import MIN_LATIN_LETTERS, clean_text, detect_language, surely_english

ROOT = Path(__file__).resolve().parents[2]
OTHER_LATIN_LOCALES = ("de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "vi_VN")  # faker has word lists for these


def _corpus_texts() -> Iterator[str]:
    for path in sorted((ROOT / "corpus" / "judgement").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield str(json.loads(line)["text"])
    for path in sorted((ROOT / "corpus" / "judgement").glob("*/*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("##"):
                yield re.sub(r"^\[[^\]]*\]\s*", "", line.strip())  # "[register] text"
    for path in sorted((ROOT / "corpus" / "mail").glob("**/*.eml")):  # bodies, quoted headers included
        body = path.read_text(encoding="utf-8", errors="replace").split("\n\n", 1)[-1]
        yield from (paragraph for paragraph in body.split("\n\n") if paragraph.strip())
    for path in sorted((ROOT / "src" / "shopper" / "demo" / "texts").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) > 10:
                yield node.value


def _other_latin_sentences(per_locale: int = 40) -> Iterator[str]:
    for locale in OTHER_LATIN_LOCALES:
        fake = Faker(locale)
        fake.seed_instance(16)
        for i in range(per_locale):
            yield fake.sentence(nb_words=4 + i % 12)  # short ones are where trigrams go wrong


def _reference(text: str) -> str | None:
    """What detection answered before the shortcut: the high-accuracy detector alone."""
    original = language.surely_english
    language.surely_english = lambda clean: False
    try:
        return detect_language.__wrapped__(text)
    finally:
        language.surely_english = original


def _goes_to_lingua(text: str) -> bool:
    """Latin text long enough for lingua, with no CJK script to decide it."""
    clean = clean_text(text)
    cjk = re.search(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]", clean)
    return not cjk and len(re.findall(r"[A-Za-z\u00c0-\u024f]", clean)) >= MIN_LATIN_LETTERS


@pytest.fixture(scope="module")
def latin_texts() -> list[str]:
    texts = list(dict.fromkeys([*_corpus_texts(), *_other_latin_sentences()]))
    return [t for t in texts if _goes_to_lingua(t)]


def test_two_steps_agree_with_the_high_accuracy_detector_on_every_latin_text(latin_texts: list[str]) -> None:
    assert len(latin_texts) > 1000
    different = [(t, detect_language.__wrapped__(t), _reference(t)) for t in latin_texts
                 if detect_language.__wrapped__(t) != _reference(t)]  # fmt: skip
    assert not different, different[:5]


def test_the_generated_sentences_are_other_languages_the_shortcut_refuses(latin_texts: list[str]) -> None:
    others = [t for t in _other_latin_sentences() if t in latin_texts]
    assert len(others) > 150
    not_english = [t for t in others if _reference(t) != "en"]
    assert len(not_english) > 0.8 * len(others)
    assert not [t for t in not_english if surely_english(clean_text(t))]


def test_the_shortcut_answers_most_english_text(latin_texts: list[str]) -> None:
    english = [t for t in latin_texts if _reference(t) == "en"]
    shortcut = [t for t in english if surely_english(clean_text(t))]
    assert len(english) > 900
    assert len(shortcut) >= 0.9 * len(english), f"{len(shortcut)} of {len(english)}"


def test_an_english_reply_does_not_build_the_high_accuracy_detector() -> None:
    language.full_detector.cache_clear()
    detect_language.cache_clear()
    try:
        reply = "Thanks for waiting. Your withdrawal has been approved and will reach your wallet within the hour."
        assert detect_language(reply) == "en"
        assert language.full_detector.cache_info().currsize == 0
        german = "Ihre Auszahlung wurde genehmigt und erreicht Ihre Wallet innerhalb einer Stunde."
        assert detect_language(german) == "de"
        assert language.full_detector.cache_info().currsize == 1
    finally:
        detect_language.cache_clear()
