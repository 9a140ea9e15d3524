"""The service-quality labelled set: frozen test split, split by family, four languages."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

from shopper.scoring.labelled import load_labelled

SERVICE = Path(__file__).resolve().parents[2] / "corpus" / "service"
LABELS = {"acknowledges_problem", "gives_next_steps"}


def test_the_test_split_is_the_frozen_one() -> None:
    digest, name = (SERVICE / "FROZEN").read_text(encoding="utf-8").split()
    assert name == "test.jsonl"
    assert hashlib.sha256((SERVICE / name).read_bytes()).hexdigest() == digest, (
        "corpus/service/test.jsonl changed: the frozen test split is never edited; add a new split instead")


def test_splits_share_no_family_and_cover_four_languages_and_both_labels() -> None:
    train, test, dev = (load_labelled(SERVICE / f"{split}.jsonl") for split in ("train", "test", "dev"))
    assert len(train) + len(test) >= 200
    families = [{r.family for r in rows} for rows in (train, test, dev)]
    assert not families[0] & families[1] and not families[0] & families[2] and not families[1] & families[2]
    for rows in (train, test, dev):
        assert set(Counter(r.lang for r in rows)) == {"en", "zh", "ko", "ja"}
        assert all(r.customer and r.labels <= LABELS for r in rows)
        for label in LABELS:
            holds = sum(label in r.labels for r in rows)
            assert 0 < holds < len(rows), f"{label} needs positives and negatives"
    assert len({r.id for r in train + test + dev}) == len(train) + len(test) + len(dev)
