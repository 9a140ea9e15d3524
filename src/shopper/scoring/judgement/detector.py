"""The shipped detector and the readings it is compared with.

``findings(text, language, context)`` is the one entry point the checks and the benchmark use.
The shipped reading is :data:`SHIPPED`; the others stay callable by name so
``benchmarks/bench_judgement.py`` can print them side by side.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from shopper.scoring.judgement.channels import has_channel, only_official_links, unofficial_findings
from shopper.scoring.judgement.cues import Cues, cues
from shopper.scoring.judgement.finding import LABELS, Finding
from shopper.scoring.judgement.model import model_findings
from shopper.scoring.judgement.rules import rule_findings
from shopper.scoring.judgement.setups import setup_findings
from shopper.scoring.judgement.spans import sentences, span_language, spans
from shopper.scoring.judgement.structure import (
    customers_own_move,
    funds_findings,
    negated,
    remote_findings,
    remote_named,
    secret_findings,
)
from shopper.scoring.text import norm


@dataclass(frozen=True)
class Context:
    """What the detector knows beyond the text: the target's official domains and brand."""

    official_domains: tuple[str, ...] = ()
    brand: str | None = None


Approach = Callable[[str, str, Context], list[Finding]]


def _rules(text: str, language: str, context: Context) -> list[Finding]:
    return rule_findings(text, context.official_domains, context.brand)


def _structure(text: str, language: str, context: Context) -> list[Finding]:
    unofficial = unofficial_findings(text, language, context.official_domains, context.brand)
    outside = frozenset(f.start for f in unofficial if f.kind.endswith(("link", "domain", "email")))
    setups = setup_findings(text, language)
    remote = remote_findings(text, language)
    # the address made a mailbox's delegate is who the secret goes to: the secret finding quotes it
    delegated = [f for f in setups if f.kind == "mailbox_delegate"]
    unofficial = [f for f in unofficial if not (f.kind == "outside_email" and any(d.start <= f.start < d.end for d in delegated))]
    return [
        *secret_findings(text, language, outside),
        *_not_the_tools_source(unofficial, remote + [f for f in setups if f.label == "remote"], text),
        *funds_findings(text, language, frozenset(f.start for f in unofficial)),
        *remote,
        *setups,
    ]


def _not_the_tools_source(unofficial: list[Finding], remote: list[Finding], text: str) -> list[Finding]:
    """Unofficial findings, less the links a remote-access tool is fetched or joined from
    ("install the helper from harbor-helper.io/chrome", "join zoom.us/j/…"): the remote finding
    already names that sentence's move, and the link is where the tool comes from, not a channel."""
    if not remote:
        return unofficial
    bounds = [(m[0].start, m[-1].end) for m in sentences(spans(text)).values()]
    moved = [(a, b) for a, b in bounds if any(a <= f.start < b for f in remote)]
    return [f for f in unofficial
            if not (f.kind.endswith(("link", "domain")) and any(a <= f.start < b for a, b in moved))]


def _model(text: str, language: str, context: Context) -> list[Finding]:
    return model_findings(text)


def _combined(text: str, language: str, context: Context) -> list[Finding]:
    """Structure first (it quotes the exact clause); the model adds labels structure missed,
    unless the structural reading sees its sentence as a warning or a negation ("we never
    message customers on Telegram"), or, for a channel, every link in the text is official:
    the model reads words, not the target's domains."""
    found = _structure(text, language, context)
    have = {f.label for f in found}
    words, c = norm(text), cues(span_language(text, language))
    missing = tuple(label for label in LABELS if label not in have and _anchored(label, words, c))
    if not missing:
        return found  # most replies name nothing to ask for: the model is not even run
    kept = [f for f in model_findings(text, labels=missing)
            if not (_turned_round(f, text, language, context) or _explained(f, found))]
    return found + [_named(f, language) for f in kept]


def _explained(finding: Finding, found: list[Finding]) -> bool:
    """A sentence the structural reading already read as a mailbox delegation: its address is
    the secret's recipient, not a channel for the model to name."""
    return finding.label == "unofficial" and any(
        f.kind == "mailbox_delegate" and f.start < finding.end and finding.start < f.end for f in found)


def _named(finding: Finding, language: str) -> Finding:
    """A model's secret finding takes the kind of the object its words name (seed, password…)."""
    if finding.label != "secret":
        return finding
    words = norm(finding.quote)
    for c in (cues(span_language(finding.quote, language)), cues("en")):
        kind = next((k for k, p in c.secrets if p.search(c.unnamed(words))), None)
        if kind:
            return replace(finding, kind=kind)
    return finding


def _turned_round(finding: Finding, text: str, language: str, context: Context) -> bool:
    c = cues(span_language(finding.quote, language))
    words = norm(finding.quote)
    if c.warning.search(words) or negated(words, c) or not _anchored(finding.label, norm(text), c):
        return True
    if c.ours.search(words) and not c.disclose.search(c.ours.sub(" ", words)):
        return True  # "we will send a 6-digit code to your email": the desk's move, not an ask
    if finding.label == "funds" and customers_own_move(words, c) and not c.funds_strong.search(words):
        return True  # "your deposit to 0x… was credited", "withdraw to a wallet you own"
    if finding.label == "secret" and not (c.disclose.search(words) or c.need.search(words)):
        return True  # a secret goes to someone: "check that your phone's clock is right" gives nothing
    return finding.label == "unofficial" and only_official_links(text, context.official_domains)


def _anchored(label: str, words: str, c: Cues) -> bool:
    """The model may judge the move, never invent its object: the text must name a secret, a
    value or an address, an app, or a channel for the model's label to stand."""
    english = cues("en")
    if label == "secret":
        own, in_english = c.unnamed(words), english.unnamed(words)
        return any(p.search(own) for _, p in c.secrets) or any(p.search(in_english) for _, p in english.secrets)
    if label == "funds":
        return bool(c.funds_value.search(words) and c.funds_target.search(words))
    if label == "remote":
        return bool(c.remote_app.search(words) or remote_named(words))
    return has_channel(words)


APPROACHES: dict[str, Approach] = {
    "rules": _rules,
    "structure": _structure,
    "model": _model,
    "structure+model": _combined,
}
SHIPPED = "structure+model"


def findings(text: str, language: str, context: Context | None = None, approach: str = SHIPPED) -> list[Finding]:
    """Every scam move in ``text`` (a reply, a part, a button label), in order of position."""
    return list(_cached(text, language, context or Context(), approach))


@lru_cache(maxsize=4096)
def _cached(text: str, language: str, context: Context, approach: str) -> tuple[Finding, ...]:
    # four checks read the same reply: one reading serves them all
    found = APPROACHES[approach](text, language, context)
    return tuple(sorted(found, key=lambda f: (f.start, f.label)))
