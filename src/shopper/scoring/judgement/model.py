"""A small trained reader: logistic regression over character n-grams and words, four labels.

The weights ship in the package (``judgement-model.json.gz``, about 140 kB) and are made by
``scripts/train_judgement.py --train corpus/judgement/train.jsonl --train
tests/scoring/corpus/judgement-dev.jsonl --old-corpus``: the corpus's train split, the detector's
own development rows and the older hand-written corpus; the dev split picks the thresholds and
the test split is never read.
Inference is a dictionary look-up per n-gram, no third-party library, so it runs anywhere the
package does. Characters, not words, because Chinese and Japanese do not put spaces between
words and because paraphrases share pieces of words ("recover", "recovery") that a word list
would miss. Digits are folded to ``0`` so a 6-digit code and a 12-word phrase read the same
whatever their numbers.
"""

from __future__ import annotations

import gzip
import itertools
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from shopper.scoring.judgement.finding import LABELS, Finding
from shopper.scoring.judgement.spans import sentences, spans
from shopper.scoring.text import norm

MODEL_FILE = "judgement-model.json.gz"
_WORD = re.compile(r"[a-z][a-z']+")
_DIGIT = re.compile(r"\d")
_SPACE = re.compile(r"\s+")


def features(text: str) -> set[str]:
    """The n-grams a text is read by: characters 2–4 long and English words and word pairs."""
    folded = _SPACE.sub(" ", _DIGIT.sub("0", norm(text)))
    padded = f" {folded} "
    grams = {padded[i : i + k] for k in (2, 3, 4) for i in range(len(padded) - k + 1)}
    words = _WORD.findall(folded)
    grams.update(f"w:{w}" for w in words)
    grams.update(f"b:{a} {b}" for a, b in itertools.pairwise(words))
    return grams


@dataclass(frozen=True)
class Model:
    """Weights per feature, one bias and one decision threshold per label."""

    labels: tuple[str, ...]
    bias: tuple[float, ...]
    thresholds: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]

    def scores(self, text: str) -> dict[str, float]:
        """The probability of each label for ``text``."""
        grams = features(text)
        totals = list(self.bias)
        scale = 1.0 / math.sqrt(max(len(grams), 1))
        for gram in grams:
            row = self.weights.get(gram)
            if row is not None:
                for index, weight in enumerate(row):
                    totals[index] += weight * scale
        return {label: 1.0 / (1.0 + math.exp(-max(min(t, 30.0), -30.0))) for label, t in zip(self.labels, totals, strict=True)}

    def threshold(self, label: str) -> float:
        return self.thresholds[self.labels.index(label)]


def from_dict(data: dict[str, object]) -> Model:
    labels = tuple(str(x) for x in data["labels"])  # type: ignore[attr-defined]
    weights = {str(k): tuple(float(w) for w in v) for k, v in data["weights"].items()}  # type: ignore[attr-defined]
    return Model(labels, tuple(data["bias"]), tuple(data["thresholds"]), weights)  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def shipped_model() -> Model | None:
    """The model in the package, or None when it has not been trained yet."""
    source = resources.files("shopper.scoring.judgement").joinpath(MODEL_FILE)
    if not source.is_file():
        return None
    with source.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
        return from_dict(json.load(handle))


def model_findings(text: str, model: Model | None = None, labels: tuple[str, ...] = LABELS) -> list[Finding]:
    """A finding per label the model judges present, quoting the sentence that scores highest."""
    model = model or shipped_model()
    if model is None or not text.strip():
        return []
    whole = model.scores(text)
    wanted = [label for label in labels if label in whole and whole[label] >= model.threshold(label)]
    if not wanted:
        return []
    grouped = list(sentences(spans(text)).values())
    found: list[Finding] = []
    for label in wanted:
        best, best_score = grouped[0] if grouped else [], -1.0
        for members in grouped:
            piece = text[members[0].start : members[-1].end]
            score = model.scores(piece)[label]
            if score > best_score:
                best, best_score = members, score
        start, end = (best[0].start, best[-1].end) if best else (0, len(text))
        found.append(Finding(label, "model", text[start:end], start, end, round(whole[label], 3), "model"))  # type: ignore[arg-type]
    return found
