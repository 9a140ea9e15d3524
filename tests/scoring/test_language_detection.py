"""Latin-script detection from the trigram detector alone: the high-accuracy answer or none.

``detect_language`` no longer loads lingua's high-accuracy models (~235 MiB). These tests hold
every answer it gives on Latin text to the high-accuracy detector's, over every Latin text we
have (the judgement corpus, all splits and fresh batches, the mail corpus's paragraphs, the
demo's own texts) and over generated text in six other Latin languages (never tuned on), and
bound how often it abstains; a last one measures the memory in a fresh interpreter.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from faker import Faker

from shopper.scoring.checks.language import (
    LATIN_LANGUAGES,
    LONG_LATIN_LETTERS,
    MIN_LATIN_LETTERS,
    clean_text,
    detect_language,
)

ROOT = Path(__file__).resolve().parents[2]
OTHER_LATIN_LOCALES = ("de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "vi_VN")  # faker has word lists for these
# the interpreter, scoring imports and the trigram models; the high-accuracy ones add ~235
MEMORY_LIMIT_MIB = 100


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


def _other_latin_texts(per_locale: int = 40) -> Iterator[str]:
    """Sentences of 4 to 15 words and paragraphs of 3 to 6 sentences in each other language."""
    for locale in OTHER_LATIN_LOCALES:
        fake = Faker(locale)
        fake.seed_instance(16)
        for i in range(per_locale):
            yield fake.sentence(nb_words=4 + i % 12)
            yield fake.paragraph(nb_sentences=3 + i % 4)


def _latin_letters(text: str) -> int:
    return len(re.findall(r"[A-Za-z\u00c0-\u024f]", clean_text(text)))


def _goes_to_lingua(text: str) -> bool:
    """Latin text long enough for lingua, with no CJK script to decide it."""
    cjk = re.search(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]", clean_text(text))
    return not cjk and _latin_letters(text) >= MIN_LATIN_LETTERS


@cache
def _high_accuracy() -> Any:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in LATIN_LANGUAGES]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


def _reference(text: str) -> str | None:
    """What detection answered before: lingua's high-accuracy detector on the cleaned text."""
    found = _high_accuracy().detect_language_of(clean_text(text))
    return None if found is None else str(found.iso_code_639_1.name).lower()


@pytest.fixture(scope="module")
def answers() -> dict[str, tuple[str | None, str | None]]:
    """Latin text -> (answer now, high-accuracy answer)."""
    texts = dict.fromkeys([*_corpus_texts(), *_other_latin_texts()])
    return {t: (detect_language(t), _reference(t)) for t in texts if _goes_to_lingua(t)}


def test_every_answer_is_the_high_accuracy_detectors(
    answers: dict[str, tuple[str | None, str | None]],
) -> None:
    assert len(answers) > 1400
    different = [(text[:60], now, before) for text, (now, before) in answers.items() if now and now != before]
    assert not different, different[:5]


def test_english_is_answered_almost_always(answers: dict[str, tuple[str | None, str | None]]) -> None:
    english = [now for now, before in answers.values() if before == "en"]
    assert len(english) > 900
    abstained = english.count(None)
    assert abstained <= 0.05 * len(english), f"abstained on {abstained} of {len(english)} English texts"


def test_long_text_in_another_language_is_told(answers: dict[str, tuple[str | None, str | None]]) -> None:
    generated = [t for t in _other_latin_texts() if t in answers and _latin_letters(t) >= LONG_LATIN_LETTERS]
    assert len(generated) > 120
    told = [t for t in generated if answers[t][0] == answers[t][1] != "en"]
    assert len(told) >= 0.95 * len(generated), f"told {len(told)} of {len(generated)}"
    reply = "Ihre Auszahlung wurde genehmigt und erreicht Ihre Wallet innerhalb einer Stunde; wir danken Ihnen herzlich für Ihre Geduld."
    assert _latin_letters(reply) >= LONG_LATIN_LETTERS
    assert detect_language(reply) == "de"


def test_short_text_is_told_by_its_words_or_not_a_guess() -> None:
    assert detect_language("Sorry for the wait, we will check it.") == "en"  # the trigrams are unsure
    assert detect_language("Check your mail, there is code, send me here.") == "en"  # the trigrams say German
    # short replies in another language: told by its function words where the trigrams agree
    assert detect_language("Sí, podemos restaurarla para usted.") == "es"
    assert detect_language("Wir prüfen das und melden uns bei Ihnen.") == "de"
    assert detect_language("Merci, nous vérifions votre compte.") == "fr"
    assert detect_language("Obrigado, vamos verificar a conta.") is None  # too few of its words to tell


def test_detection_does_not_load_the_high_accuracy_models() -> None:
    script = (
        "from pathlib import Path\n"
        "from shopper.scoring.checks.language import detect_language\n"
        "assert detect_language('Thanks for waiting. Your withdrawal has been approved and will arrive soon.') == 'en'\n"
        "assert detect_language('Ihre Auszahlung wurde genehmigt und erreicht Ihre Wallet innerhalb einer Stunde, "
        "wir danken Ihnen herzlich für Ihre Geduld.') == 'de'\n"
        "rollup = Path('/proc/self/smaps_rollup').read_text().splitlines()\n"
        "print(next(int(line.split()[1]) for line in rollup if line.startswith('Pss:')) // 1024)\n"
    )
    if not Path("/proc/self/smaps_rollup").exists():
        pytest.skip("no /proc/self/smaps_rollup to read memory from")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    assert int(done.stdout.strip()) < MEMORY_LIMIT_MIB, done.stdout
