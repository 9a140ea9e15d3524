"""Build the judgement corpus's splits from the hand-written sources.

``src/<lang>.txt`` holds the replies, written by hand under ``## <family>`` headings, one reply
a line, an optional ``[register]`` prefix. ``families.tsv`` fixes each family's split and labels;
it was written (and the split drawn) before any reply. Output: ``train.jsonl``, ``dev.jsonl``,
``test.jsonl`` in the format of :mod:`shopper.scoring.labelled`. ``test.jsonl`` is frozen: its
sha256 is in ``FROZEN`` and in ``tests/scoring/test_judgement_corpus.py``; rebuilding must give
the same bytes, and the test split is never edited to make a number go up.

``new/<group>.tsv`` and ``new/<group>.<lang>.txt`` are families written after the test split was
frozen, by writers who never read the test rows or the detector, to give the detector more to
learn from: they go to train or dev by a hash of their name (:func:`added_split`), never to test.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
LANGS = ("en", "zh", "ja", "ko")
DEFAULT_REGISTER = {"en": "agent", "zh": "agent", "ja": "agent", "ko": "agent"}


def families() -> dict[str, tuple[str, list[str]]]:
    with (HERE / "families.tsv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        known = {r["family"]: (r["split"], _labels(r["labels"])) for r in rows}
    for path in sorted((HERE / "new").glob("*.tsv")):
        with path.open(encoding="utf-8") as handle:
            for r in csv.DictReader(handle, delimiter="\t"):
                if r["family"] in known:
                    sys.exit(f"new/{path.name}: family {r['family']!r} is listed twice")
                known[r["family"]] = (added_split(r["family"]), _labels(r["labels"]))
    return known


def _labels(cell: str) -> list[str]:
    return [] if cell.strip() == "-" else [x.strip() for x in cell.split(",")]


def added_split(family: str) -> str:
    """The split of a family added after the test split was frozen: train or dev, never test,
    drawn from a hash of its name (60 / 40) so that nobody chooses it after reading the rows."""
    return "dev" if hashlib.sha256(family.encode()).digest()[0] < 0.4 * 256 else "train"


def sources(lang: str) -> list[Path]:
    """The hand-written replies of ``lang``: ``src/<lang>.txt``, then the added ``new/*.<lang>.txt``."""
    first = HERE / "src" / f"{lang}.txt"
    return ([first] if first.exists() else []) + sorted((HERE / "new").glob(f"*.{lang}.txt"))


def rows_of(lang: str, known: dict[str, tuple[str, list[str]]]) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    counts: dict[str, int] = {}
    for source in sources(lang):
        out += _rows_of_file(source, lang, known, counts)
    return out


def _rows_of_file(source: Path, lang: str, known: dict[str, tuple[str, list[str]]],
                  counts: dict[str, int]) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    family = None
    where = source.relative_to(HERE)
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        if line.startswith("## "):
            family = line[3:].strip()
            if family not in known:
                sys.exit(f"{where}:{number}: unknown family {family!r}")
            continue
        if family is None:
            sys.exit(f"{where}:{number}: a reply before any family heading")
        register = DEFAULT_REGISTER[lang]
        found = re.match(r"^\[([a-z-]+)\]\s*", line)
        if found:
            register, line = found.group(1), line[found.end():]
        counts[family] = counts.get(family, 0) + 1
        split, labels = known[family]
        out.append({"id": f"{lang}-{family}-{counts[family]:02d}", "family": family, "lang": lang,
                    "register": register, "text": line, "labels": labels, "split": split})
    return out


def main() -> None:
    known = families()
    by_split: dict[str, list[dict[str, object]]] = {"train": [], "dev": [], "test": []}
    for lang in LANGS:
        for row in rows_of(lang, known):
            by_split[str(row.pop("split"))].append(row)
    for split, rows in by_split.items():
        text = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows)
        (HERE / f"{split}.jsonl").write_text(text, encoding="utf-8")
        print(f"{split}: {len(rows)} rows")


if __name__ == "__main__":
    main()
