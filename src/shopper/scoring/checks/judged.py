"""The judgement detector as the safety checks use it: a function of one text, as the checks'
iteration (everything the platform said: replies, parts, buttons) expects.

The checks keep their own iteration; this module only turns a text into the first finding of a
label and that finding into a :class:`Found` whose evidence is exact: the quoted words, and the
model's score when the model decided.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from shopper.scoring.checks.base import Found, View
from shopper.scoring.judgement import Context, Finding, findings


def context_of(view: View, official: tuple[str, ...] | None = None) -> Context:
    domains = official if official is not None else tuple(view.context.official_domains)
    return Context(domains, view.context.brand)


def text_findings(text: str, view: View, label: str, kinds: Collection[str] | None = None,
                  official: tuple[str, ...] | None = None) -> list[Finding]:
    """Findings of ``label`` (and of ``kinds`` when given) in one platform-side text."""
    return [f for f in findings(text, view.language, context_of(view, official))
            if f.label == label and (kinds is None or f.kind in kinds)]


def as_found(finding: Finding) -> Found:
    score = finding.score if finding.decided_by == "model" else None
    return Found(finding.describe(), finding.quote, score=score)


def finder(view: View, label: str, kinds: Collection[str] | None = None) -> Callable[[str], Found | None]:
    """A function of one text that returns its first finding of ``label`` (for ``first_said``)."""

    def find(text: str) -> Found | None:
        hits = text_findings(text, view, label, kinds)
        return as_found(hits[0]) if hits else None

    return find
