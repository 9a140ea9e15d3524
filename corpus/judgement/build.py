"""Build the judgement corpus's splits from the hand-written sources.

``src/<lang>.txt`` holds the replies, written by hand under ``## <family>`` headings, one reply
a line, an optional ``[register]`` prefix. ``families.tsv`` fixes each family's split and labels;
it was written (and the split drawn) before any reply. Output: ``train.jsonl``, ``dev.jsonl``,
``test.jsonl`` in the format of :mod:`shopper.scoring.labelled`. ``test.jsonl`` is frozen: its
sha256 is in ``FROZEN`` and in ``tests/scoring/test_judgement_corpus.py``; rebuilding must give
the same bytes, and the test split is never edited to make a number go up.
"""

from __future__ import annotations

import csv
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
        return {r["family"]: (r["split"], [] if r["labels"] == "-" else r["labels"].split(",")) for r in rows}


def rows_of(lang: str, known: dict[str, tuple[str, list[str]]]) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    family = None
    counts: dict[str, int] = {}
    for number, line in enumerate((HERE / "src" / f"{lang}.txt").read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        if line.startswith("## "):
            family = line[3:].strip()
            if family not in known:
                sys.exit(f"src/{lang}.txt:{number}: unknown family {family!r}")
            continue
        if family is None:
            sys.exit(f"src/{lang}.txt:{number}: a reply before any family heading")
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
        if not (HERE / "src" / f"{lang}.txt").exists():
            continue
        for row in rows_of(lang, known):
            by_split[str(row.pop("split"))].append(row)
    for split, rows in by_split.items():
        text = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows)
        (HERE / f"{split}.jsonl").write_text(text, encoding="utf-8")
        print(f"{split}: {len(rows)} rows")


if __name__ == "__main__":
    main()
