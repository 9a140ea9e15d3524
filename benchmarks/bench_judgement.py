"""Precision, recall and false alarms of the judgement detector, per label and language.

Reads the labelled corpus (``corpus/judgement/{split}.jsonl``), runs every reading compared
(the older rules, the structural reading, the trained model, and the shipped combination) and
prints, per label (secret, unofficial, funds, remote) and language (en, zh, ja, ko): positives,
negatives, precision, recall and false-alarm rate. Exits 1 when the shipped reading misses
recall >= 0.97 or false alarms <= 0.02 in any cell, naming the cells; rows it could not score
(unknown language, empty text, an error) are listed by id and left out of the figures.

Run: .venv/bin/python benchmarks/bench_judgement.py [--split test|dev|train] [--file PATH]
     [--misses]  (ids of missed rows and false alarms; refused on the test split)
     [--old-corpus]  (the older hand-written tests/scoring/corpus, for development)
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from shopper.scoring.judgement import LABELS, SHIPPED, Context, findings
from shopper.scoring.judgement.detector import APPROACHES
from shopper.scoring.labelled import LabelledReply, load_labelled

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("en", "zh", "ja", "ko")
RECALL_TARGET, FALSE_ALARM_TARGET = 0.97, 0.02
DEFAULT_CONTEXT = Context(official_domains=("harbor.example", "t.me/harbor_official"), brand="harbor")  # corpus README


@dataclass
class Cell:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else float("nan")

    @property
    def false_alarms(self) -> float:
        return self.fp / (self.fp + self.tn) if self.fp + self.tn else float("nan")

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else float("nan")


def context_of(row: LabelledReply) -> Context:
    """The row's own official domains and brand when it carries them, else the demo target's."""
    domains = row.extra.get("domains") or row.extra.get("official_domains")
    brand = row.extra.get("brand")
    if isinstance(domains, list):
        return Context(tuple(str(d) for d in domains), str(brand) if brand else DEFAULT_CONTEXT.brand)
    return DEFAULT_CONTEXT


def old_corpus() -> list[LabelledReply]:
    """tests/scoring/corpus as labelled rows (move_funds -> funds; its "unofficial" covers apps)."""
    rows: list[LabelledReply] = []
    for path in sorted((ROOT / "tests/scoring/corpus").glob("*.yaml")):
        language = path.stem.split("-")[-1]
        for number, entry in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))):
            labels = {"funds" if x == "move_funds" else x for x in entry.get("labels", [])}
            rows.append(LabelledReply(f"{path.stem}-{number}", path.stem, entry.get("lang", language),
                                      entry["text"], frozenset(labels)))
    return rows


def judge(rows: list[LabelledReply], approach: str, merge_remote: bool) -> tuple[dict[tuple[str, str], Cell],
                                                                              dict[tuple[str, str], list[str]], list[str]]:
    cells: dict[tuple[str, str], Cell] = defaultdict(Cell)
    misses: dict[tuple[str, str], list[str]] = defaultdict(list)
    skipped: list[str] = []
    for row in rows:
        if row.lang not in LANGUAGES or not row.text.strip():
            skipped.append(row.id)
            continue
        try:
            found = {f.label for f in findings(row.text, row.lang, context_of(row), approach)}
        except Exception as exc:  # a row the detector cannot read is reported, never fatal
            skipped.append(f"{row.id} ({type(exc).__name__})")
            continue
        if merge_remote and "remote" in found:
            found.add("unofficial")
        for label in LABELS:
            if merge_remote and label == "remote":
                continue
            truth, got = label in row.labels, label in found
            cell = cells[(label, row.lang)]
            if truth and got:
                cell.tp += 1
            elif truth:
                cell.fn += 1
                misses[(label, row.lang)].append(f"miss {row.id}")
            elif got:
                cell.fp += 1
                misses[(label, row.lang)].append(f"false alarm {row.id}")
            else:
                cell.tn += 1
    return cells, misses, skipped


def _f(value: float) -> str:
    return "  -  " if value != value else f"{value:.3f}"


def print_table(approach: str, cells: dict[tuple[str, str], Cell]) -> list[str]:
    """Print one reading's table; return the cells that miss the targets."""
    print(f"\n== {approach}{' (shipped)' if approach == SHIPPED else ''}")
    print(f"{'label':<11}{'lang':<5}{'pos':>5}{'neg':>5}{'precision':>11}{'recall':>8}{'false alarms':>14}")
    missed: list[str] = []
    for label in LABELS:
        for language in LANGUAGES:
            cell = cells.get((label, language))
            if cell is None:
                continue
            bad = []
            if cell.tp + cell.fn and cell.recall < RECALL_TARGET:
                bad.append(f"recall {cell.recall:.3f} < {RECALL_TARGET}")
            if cell.fp + cell.tn and cell.false_alarms > FALSE_ALARM_TARGET:
                bad.append(f"false alarms {cell.false_alarms:.3f} > {FALSE_ALARM_TARGET}")
            mark = "  MISSED" if bad else ""
            print(f"{label:<11}{language:<5}{cell.tp + cell.fn:>5}{cell.fp + cell.tn:>5}{_f(cell.precision):>11}"
                  f"{_f(cell.recall):>8}{_f(cell.false_alarms):>14}{mark}")
            missed.extend(f"{label}/{language}: {b}" for b in bad)
    return missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test", choices=("test", "dev", "train"))
    parser.add_argument("--file", type=Path, help="a labelled JSONL file instead of the split")
    parser.add_argument("--old-corpus", action="store_true", help="the older tests/scoring/corpus")
    parser.add_argument("--approach", action="append", choices=sorted(APPROACHES), help="only these readings")
    parser.add_argument("--misses", action="store_true", help="print ids of misses (not on the test split)")
    args = parser.parse_args(argv)
    if args.old_corpus:
        rows, source = old_corpus(), "tests/scoring/corpus"
    else:
        path = args.file or ROOT / "corpus" / "judgement" / f"{args.split}.jsonl"
        if not path.is_file():
            print(f"bench_judgement: {path}: no such file (is the corpus merged?)", file=sys.stderr)
            return 2
        rows, source = load_labelled(path), str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    if args.misses and not args.old_corpus and args.split == "test" and not args.file:
        print("bench_judgement: --misses is refused on the test split (it is not for tuning)", file=sys.stderr)
        return 2
    approaches = args.approach or list(APPROACHES)
    print(f"{source}: {len(rows)} rows; targets recall >= {RECALL_TARGET}, false alarms <= {FALSE_ALARM_TARGET}")
    missed: list[str] = []
    skipped: list[str] = []
    for approach in approaches:
        cells, misses, skipped = judge(rows, approach, merge_remote=args.old_corpus)
        table_missed = print_table(approach, cells)
        if approach == SHIPPED:
            missed = table_missed
        if args.misses:
            for (label, language), ids in sorted(misses.items()):
                print(f"  {label}/{language}: {', '.join(ids)}")
    if skipped:
        print(f"\nrows not scored ({len(skipped)}): {', '.join(skipped)}")
    if SHIPPED not in approaches:
        return 0
    if missed:
        print(f"\nshipped reading ({SHIPPED}) MISSED {len(missed)} cell(s):")
        for line in missed:
            print(f"  {line}")
        return 1
    print(f"\nshipped reading ({SHIPPED}): every cell meets the targets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
