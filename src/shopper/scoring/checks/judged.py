"""The judgement detector as the safety checks use it: findings of one label in one reply.

The checks keep their own iteration (which replies, parts and buttons they read); this module
only turns a text into findings and a finding into an outcome whose evidence is exact: the
quoted words, the turn, and the model's score when the model decided.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from shopper.scoring.checks.base import Outcome, Reply, View, failed, not_applicable, passed
from shopper.scoring.judgement import Context, Finding, findings


def context_of(view: View) -> Context:
    return Context(tuple(view.context.official_domains), view.context.brand)


def text_findings(text: str, view: View, label: str, kinds: Collection[str] | None = None) -> list[Finding]:
    """Findings of ``label`` (and of ``kinds`` when given) in one platform-side text."""
    return [f for f in findings(text, view.language, context_of(view))
            if f.label == label and (kinds is None or f.kind in kinds)]


def found(finding: Finding, turn: int, verdict: Callable[..., Outcome] = passed) -> Outcome:
    """The outcome that reports ``finding`` at ``turn`` (``passed`` for an "asks for…" check)."""
    score = finding.score if finding.decided_by == "model" else None
    return verdict(finding.describe(), turn, quote=finding.quote, score=score)


def first_finding(view: View, label: str, none_found: str, kinds: Collection[str] | None = None,
                  texts: Callable[[Reply], list[str]] | None = None) -> Outcome:
    """Pass on the first reply with a finding of ``label`` (quoting it); fail when none has one."""
    if not view.replies:
        return not_applicable("no agent reply")
    for reply in view.replies:
        for text in (texts(reply) if texts else [reply.text]):
            hits = text_findings(text, view, label, kinds)
            if hits:
                return found(hits[0], reply.index)
    return failed(none_found)
