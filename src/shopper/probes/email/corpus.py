"""Measuring mail reading on a labelled corpus (``corpus/mail/``): new text, quotes, kind.

Each ``NAME.eml`` has a sidecar ``NAME.json`` with its truth: ``kind``, ``automated``, the
exact ``new`` text, the ``quoted`` lines that must not be read as the desk's, ``style``,
``language`` and ``split``. The benchmark and the test read the corpus through this module
so they apply one rule. A sidecar that cannot be read is reported by name and skipped.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from shopper.probes.email.classify import classify
from shopper.probes.email.inbox import parse_message
from shopper.probes.email.reading import read_parts

TARGET_NEW_EXACT = 0.98
TARGET_KIND = 0.99


@dataclass(frozen=True)
class MailVerdict:
    """How one corpus mail was read against its truth."""

    name: str
    style: str
    language: str
    split: str
    new_exact: bool
    leaked: list[str]  # quoted lines found in the new text
    kind_right: bool
    automated_right: bool
    got_new: str
    want_new: str
    got_kind: str
    want_kind: str


@dataclass
class CorpusReport:
    verdicts: list[MailVerdict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # sidecars that could not be read

    def share(self, attribute: str, verdicts: list[MailVerdict] | None = None) -> float:
        chosen = self.verdicts if verdicts is None else verdicts
        return sum(bool(getattr(v, attribute)) for v in chosen) / len(chosen) if chosen else 0.0

    def groups(self) -> dict[tuple[str, str], list[MailVerdict]]:
        found: dict[tuple[str, str], list[MailVerdict]] = defaultdict(list)
        for verdict in self.verdicts:
            found[(verdict.style, verdict.language)].append(verdict)
        return dict(sorted(found.items()))

    def failures(self) -> list[str]:
        """What misses a target, one line each (empty: every target met)."""
        missed = []
        new_exact, kind = self.share("new_exact"), self.share("kind_right")
        leaks = [v.name for v in self.verdicts if v.leaked]
        if not self.verdicts:
            missed.append("no mail was read")
        if new_exact < TARGET_NEW_EXACT:
            missed.append(f"new text exact {new_exact:.1%} < {TARGET_NEW_EXACT:.0%}")
        if leaks:
            missed.append(f"quoted lines left in {len(leaks)} mails: {', '.join(leaks[:10])}")
        if kind < TARGET_KIND:
            missed.append(f"kind right {kind:.1%} < {TARGET_KIND:.0%}")
        return missed


def _leaked(new: str, quoted: list[str]) -> list[str]:
    return [line for line in (q.strip() for q in quoted) if len(line) >= 4 and line in new]


def read_mail(eml: Path, truth: dict[str, object]) -> MailVerdict:
    message = parse_message(eml.read_bytes())
    parts = read_parts(message)
    verdict = classify(message, parts.new)
    want_new = str(truth.get("new", ""))
    want_kind = str(truth["kind"])
    quoted = truth.get("quoted", [])
    new_exact = want_kind == "bounce" or parts.new == want_new
    return MailVerdict(
        name=eml.stem, style=str(truth.get("style", "?")), language=str(truth.get("language", "?")),
        split=str(truth.get("split", "?")), new_exact=new_exact,
        leaked=_leaked(parts.new, [str(q) for q in quoted] if isinstance(quoted, list) else []),
        kind_right=verdict.kind == want_kind,
        automated_right=verdict.automated == bool(truth.get("automated", False)),
        got_new=parts.new, want_new=want_new, got_kind=verdict.kind, want_kind=want_kind,
    )


def read_corpus(folder: Path, *, split: str | None = None) -> CorpusReport:
    """Read every labelled mail of ``folder`` (only ``split`` when given)."""
    report = CorpusReport()
    for eml in sorted(folder.rglob("*.eml")):
        sidecar = eml.with_suffix(".json")
        try:
            truth = json.loads(sidecar.read_text(encoding="utf-8"))
            if not isinstance(truth, dict) or "kind" not in truth:
                raise ValueError("no 'kind' in the sidecar")
        except (OSError, ValueError) as exc:
            report.problems.append(f"{sidecar}: {exc}")
            continue
        if split is not None and truth.get("split") != split:
            continue
        report.verdicts.append(read_mail(eml, truth))
    return report
