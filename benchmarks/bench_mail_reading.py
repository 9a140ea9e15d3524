"""How well shopper reads mail: new text, quoted lines left in, and kind, on corpus/mail/.

Prints, per style and language, the share of mails whose new text is exact, the share with a
quoted line left in the new text, and the share whose kind (answer, acknowledgement,
out-of-office, bounce) is right; then the totals for the tune and test splits. Exits non-zero
unless new text is exact in >= 98 % of mails, no quoted line is left in any, and kind is right
in >= 99 %. Run: .venv/bin/python benchmarks/bench_mail_reading.py [--split test] [-v]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from shopper.probes.email.corpus import CorpusReport, read_corpus

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "mail"


def _row(label: str, report: CorpusReport, verdicts: list) -> str:  # type: ignore[type-arg]
    leaked = sum(1 for v in verdicts if v.leaked) / len(verdicts)
    return (f"{label:<28} {len(verdicts):>4} {report.share('new_exact', verdicts):>8.0%} "
            f"{leaked:>8.0%} {report.share('kind_right', verdicts):>8.0%} "
            f"{report.share('automated_right', verdicts):>8.0%}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["tune", "test", "fresh", "fresh2", "blind"], default=None)
    parser.add_argument("-v", "--verbose", action="store_true", help="show every miss")
    args = parser.parse_args()
    report = read_corpus(CORPUS, split=args.split)
    for problem in report.problems:
        print(f"skipped: {problem}")
    print(f"{'style / language':<28} {'mails':>4} {'new ok':>8} {'quoted':>8} {'kind ok':>8} {'bot ok':>8}")
    for (style, language), verdicts in report.groups().items():
        print(_row(f"{style} / {language}", report, verdicts))
    for split in ("tune", "test", "fresh", "fresh2", "blind"):
        chosen = [v for v in report.verdicts if v.split == split]
        if chosen:
            print(_row(f"TOTAL {split}", report, chosen))
    print(_row("TOTAL", report, report.verdicts))
    misses = [v for v in report.verdicts if not (v.new_exact and v.kind_right) or v.leaked]
    for verdict in misses if args.verbose else misses[:10]:
        print(f"miss {verdict.name}: kind {verdict.got_kind} (want {verdict.want_kind}); "
              f"leaked {verdict.leaked}\n  got:  {verdict.got_new!r}\n  want: {verdict.want_new!r}")
    failures = report.failures()
    for failure in failures:
        print(f"FAIL: {failure}")
    if not failures:
        print("OK: every target met")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
