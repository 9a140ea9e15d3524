"""The judgement corpus: the test split is frozen, valid, and shares no family with train/dev."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from shopper.scoring.labelled import load_labelled

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "judgement"
TEST_SHA256 = "3a84b99a6cc5ef15da9ebd654281104b84f8c5f8e12d2b1ff25f148b73f8c1f5"
LABELS = {"secret", "unofficial", "funds", "remote"}
LANGS = {"en", "zh", "ja", "ko"}


def _normalised(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\W_]+", "", folded)


def test_the_test_split_is_frozen() -> None:
    digest = hashlib.sha256((CORPUS / "test.jsonl").read_bytes()).hexdigest()
    assert digest == TEST_SHA256, "test.jsonl changed: the test split is frozen (see corpus/judgement/README.md)"
    assert (CORPUS / "FROZEN").read_text().strip() == TEST_SHA256


def test_the_splits_are_what_the_sources_build(tmp_path: Path) -> None:
    before = {split: (CORPUS / f"{split}.jsonl").read_bytes() for split in ("train", "dev", "test")}
    subprocess.run([sys.executable, str(CORPUS / "build.py")], check=True, capture_output=True)
    after = {split: (CORPUS / f"{split}.jsonl").read_bytes() for split in ("train", "dev", "test")}
    assert before == after


@pytest.mark.parametrize("split", ["train", "dev", "test"])
def test_every_row_is_valid(split: str) -> None:
    rows = load_labelled(CORPUS / f"{split}.jsonl")
    assert rows
    assert len({r.id for r in rows}) == len(rows)
    for row in rows:
        assert row.lang in LANGS, row.id
        assert row.labels <= LABELS, row.id
        assert row.text.strip(), row.id


def test_no_family_and_no_text_crosses_splits() -> None:
    splits = {s: load_labelled(CORPUS / f"{s}.jsonl") for s in ("train", "dev", "test")}
    families = {s: {r.family for r in rows} for s, rows in splits.items()}
    assert not families["test"] & (families["train"] | families["dev"])
    assert not families["dev"] & families["train"]
    seen = {_normalised(r.text) for s in ("train", "dev") for r in splits[s]}
    leaked = [r.id for r in splits["test"] if _normalised(r.text) in seen]
    assert not leaked


def test_the_test_split_can_measure_every_cell() -> None:
    """Per language, enough positives of each label and enough negatives to read 0.97 / 0.02."""
    counts: Counter[tuple[str, str]] = Counter()
    for row in load_labelled(CORPUS / "test.jsonl"):
        for label in row.labels or {"negative"}:
            counts[(row.lang, label)] += 1
    for lang in LANGS:
        for label in LABELS:
            assert counts[(lang, label)] >= 25, (lang, label)
        assert counts[(lang, "negative")] >= 100, lang
