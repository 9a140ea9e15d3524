"""Semantic similarity to a reference answer, with an optional offline embedding model.

Without an embedder in the context and without the optional ``sentence-transformers`` extra
(a local model), the check answers n/a: it never downloads anything.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, ClassVar

from shopper.formats.locales import text_for
from shopper.scoring.checks.base import Check, CheckSpecError, Outcome, View, failed, not_applicable, passed
from shopper.scoring.context import Embedder as Embedder  # the protocol's home is the context
from shopper.scoring.text import snippet


class _SentenceTransformer:
    def __init__(self, model: Any) -> None:
        self.model = model

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        return [list(map(float, row)) for row in self.model.encode(list(texts))]


@lru_cache(maxsize=1)
def default_embedder() -> Embedder | None:
    """The optional local model (``SHOPPER_EMBEDDING_MODEL`` path or name), or None."""
    import os

    try:
        from sentence_transformers import SentenceTransformer  # type: ignore[import-not-found]
    except ImportError:
        return None
    try:
        name = os.environ.get("SHOPPER_EMBEDDING_MODEL", "paraphrase-multilingual-MiniLM-L12-v2")
        return _SentenceTransformer(SentenceTransformer(name, local_files_only=True))
    except Exception:
        return None


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return dot / norm if norm else 0.0


class SimilarTo(Check):
    """An agent reply means about the same as a reference answer (embedding cosine ≥ min)."""

    name = "similar_to"
    family = "similarity"
    example: ClassVar[Any] = {"reference": {"en": "Your withdrawal is waiting for confirmations."}, "min": 0.7}

    def __init__(self, params: Any, path: str) -> None:
        super().__init__(params, path)
        here = f"{path}.{self.name}"
        if not isinstance(params, dict) or "reference" not in params or set(params) - {"reference", "min"}:
            raise CheckSpecError(here, "expected {reference: {en: ..., zh: ...}, min: 0..1}")
        reference = params["reference"]
        if not (isinstance(reference, str) or (isinstance(reference, dict) and reference)):
            raise CheckSpecError(f"{here}.reference", "expected a text, or texts per language")
        minimum = params.get("min", 0.75)
        if isinstance(minimum, bool) or not isinstance(minimum, int | float) or not 0 <= minimum <= 1:
            raise CheckSpecError(f"{here}.min", "expected a number between 0 and 1")
        self.reference: str | dict[str, str] = reference
        self.min = float(minimum)

    def evaluate(self, view: View) -> Outcome:
        embedder = view.context.embedder or default_embedder()
        if embedder is None:
            return not_applicable("no embedding model (install the 'similarity' extra)")
        reference = text_for(self.reference, view.language)
        if reference is None or not view.replies:
            return not_applicable(f"no reference for '{view.language}'" if view.replies else "no agent reply")
        vectors = embedder.embed([reference, *(r.text for r in view.replies)])
        scores = [cosine(vectors[0], v) for v in vectors[1:]]
        best = max(range(len(scores)), key=scores.__getitem__)
        reply = view.replies[best]
        verdict = passed if scores[best] >= self.min else failed
        quote = snippet(reply.text, 80)
        return verdict(f'similarity {scores[best]:.2f} (min {self.min:.2f}): "{quote}"', reply.index, quote=quote,
                       score=round(scores[best], 4))
