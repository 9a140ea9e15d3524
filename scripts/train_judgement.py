"""Train the judgement model (character n-gram logistic regression) and write its weights file.

Trains on the train split only; the dev split chooses each label's threshold (the lowest that
keeps dev false alarms at or under --max-false-alarms, never under 0.5). Never reads test.
Without a dev file (``--dev none``) a fifth of the training rows, chosen by a stable hash of
their id, is held out for the thresholds instead.
Run: .venv/bin/python scripts/train_judgement.py [--train PATH ...] [--dev PATH|none] [--out PATH]
Needs numpy (installed with pandas).
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import re
import sys
import zlib
from collections import Counter
from pathlib import Path

import numpy as np
import yaml

from shopper.scoring.judgement.finding import LABELS
from shopper.scoring.judgement.model import MODEL_FILE, features, from_dict
from shopper.scoring.judgement.structure import _REMOTE_NAMED
from shopper.scoring.labelled import LabelledReply, load_labelled

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "judgement"
OUT = ROOT / "src" / "shopper" / "scoring" / "judgement" / MODEL_FILE


def older_corpus() -> list[LabelledReply]:
    """tests/scoring/corpus as training rows; its remote-app rows are left out (it labels them
    "unofficial", the detector's label for them is "remote")."""
    rows: list[LabelledReply] = []
    for path in sorted((ROOT / "tests" / "scoring" / "corpus").glob("*.yaml")):
        for number, entry in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))):
            if _REMOTE_NAMED.search(entry["text"]) or re.search(r"远程|원격|遠隔|リモート", entry["text"]):
                continue
            labels = frozenset("funds" if x == "move_funds" else x for x in entry.get("labels", []))
            language = entry.get("lang", path.stem.split("-")[-1])
            rows.append(LabelledReply(f"{path.stem}-{number}", path.stem, language, entry["text"], labels))
    return rows


def matrix(rows: list[LabelledReply], vocabulary: dict[str, int]) -> np.ndarray:
    x = np.zeros((len(rows), len(vocabulary)), dtype=np.float32)
    for i, row in enumerate(rows):
        grams = features(row.text)
        scale = 1.0 / math.sqrt(max(len(grams), 1))
        for gram in grams:
            j = vocabulary.get(gram)
            if j is not None:
                x[i, j] = scale
    return x


def train(x: np.ndarray, y: np.ndarray, l2: float, steps: int) -> tuple[np.ndarray, float]:
    """Class-balanced logistic regression by full-batch Adam."""
    n, d = x.shape
    positives = max(float(y.sum()), 1.0)
    weights_of_rows = np.where(y > 0, n / (2 * positives), n / (2 * max(n - positives, 1.0))).astype(np.float32)
    w, b = np.zeros(d, dtype=np.float32), 0.0
    m_w, v_w, m_b, v_b = np.zeros_like(w), np.zeros_like(w), 0.0, 0.0
    rate, beta1, beta2 = 0.05, 0.9, 0.999
    for step in range(1, steps + 1):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        error = (p - y) * weights_of_rows / n
        grad_w = x.T @ error + l2 * w
        grad_b = float(error.sum())
        m_w = beta1 * m_w + (1 - beta1) * grad_w
        v_w = beta2 * v_w + (1 - beta2) * grad_w**2
        m_b = beta1 * m_b + (1 - beta1) * grad_b
        v_b = beta2 * v_b + (1 - beta2) * grad_b**2
        w -= rate * (m_w / (1 - beta1**step)) / (np.sqrt(v_w / (1 - beta2**step)) + 1e-8)
        b -= rate * (m_b / (1 - beta1**step)) / (math.sqrt(v_b / (1 - beta2**step)) + 1e-8)
    return w, b


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, action="append", help="default: corpus/judgement/train.jsonl")
    parser.add_argument("--dev", default=str(CORPUS / "dev.jsonl"), help="a labelled file, or none")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--old-corpus", action="store_true", help="add tests/scoring/corpus (YAML) to the training rows")
    parser.add_argument("--min-df", type=int, default=2)
    parser.add_argument("--l2", type=float, default=1e-4)
    parser.add_argument("--steps", type=int, default=400)
    parser.add_argument("--max-false-alarms", type=float, default=0.01)
    args = parser.parse_args(argv)
    sources = args.train or [CORPUS / "train.jsonl"]
    if any("test" in path.name for path in sources) or "test" in Path(args.dev).name:
        sys.stderr.write("train_judgement: the test split is never used for training or thresholds\n")
        return 2
    rows = [row for path in sources for row in load_labelled(path)]
    if args.old_corpus:
        rows += older_corpus()
    if args.dev == "none":
        held = {row.id for row in rows if zlib.crc32(row.id.encode()) % 5 == 0}
        rows, dev = [r for r in rows if r.id not in held], [r for r in rows if r.id in held]
    else:
        dev = load_labelled(Path(args.dev))
    counts = Counter(g for row in rows for g in features(row.text))
    kept = sorted(g for g, c in counts.items() if c >= args.min_df)
    vocabulary = {g: i for i, g in enumerate(kept)}
    x, x_dev = matrix(rows, vocabulary), matrix(dev, vocabulary)
    weights = np.zeros((len(LABELS), len(kept)), dtype=np.float32)
    bias, thresholds = [], []
    for k, label in enumerate(LABELS):
        y = np.array([label in r.labels for r in rows], dtype=np.float32)
        w, b = train(x, y, args.l2, args.steps)
        weights[k], bias[len(bias):] = w, [round(b, 4)]
        scores = 1.0 / (1.0 + np.exp(-(x_dev @ w + b)))
        negatives = np.sort(scores[[label not in r.labels for r in dev]])[::-1]
        allowed = math.floor(args.max_false_alarms * len(negatives))
        threshold = float(negatives[allowed]) + 1e-4 if len(negatives) > allowed else 0.5
        thresholds.append(round(max(threshold, 0.5), 4))
        truth = np.array([label in r.labels for r in dev])
        hit = scores >= thresholds[-1]
        recall = (hit & truth).sum() / max(truth.sum(), 1)
        sys.stdout.write(f"{label:<11} train positives {int(y.sum()):>4}  dev recall {recall:.3f} "
                         f"false alarms {(hit & ~truth).sum() / max((~truth).sum(), 1):.3f}  "
                         f"threshold {thresholds[-1]}\n")
    strongest = np.abs(weights).max(axis=0)
    keep = strongest > 0.02 * float(strongest.max())
    table = {g: [round(float(v), 3) for v in weights[:, i]] for g, i in vocabulary.items() if keep[i]}
    data = {"labels": list(LABELS), "bias": bias, "thresholds": thresholds, "weights": table,
            "trained_on": [p.name for p in sources], "thresholds_from": Path(args.dev).name, "rows": len(rows)}
    from_dict(data)  # the file must load the way the package loads it
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as handle:
        json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))
    sys.stdout.write(f"wrote {args.out} ({args.out.stat().st_size // 1024} kB, {len(table)} n-grams of {len(kept)})\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
