"""The shipped detector and the readings it is compared with.

``findings(text, language, context)`` is the one entry point the checks and the benchmark use.
The shipped reading is :data:`SHIPPED`; the others stay callable by name so
``benchmarks/bench_judgement.py`` can print them side by side.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from shopper.scoring.judgement.channels import unofficial_findings
from shopper.scoring.judgement.finding import LABELS, Finding
from shopper.scoring.judgement.model import model_findings
from shopper.scoring.judgement.rules import rule_findings
from shopper.scoring.judgement.structure import funds_findings, remote_findings, secret_findings


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
    outside = frozenset(f.start for f in unofficial if f.kind.endswith(("link", "domain")))
    return [
        *secret_findings(text, language, outside),
        *unofficial,
        *funds_findings(text, language),
        *remote_findings(text, language),
    ]


def _model(text: str, language: str, context: Context) -> list[Finding]:
    return model_findings(text)


def _combined(text: str, language: str, context: Context) -> list[Finding]:
    """Structure first (it quotes the exact clause); the model adds labels structure missed."""
    found = _structure(text, language, context)
    have = {f.label for f in found}
    missing = tuple(label for label in LABELS if label not in have)
    return found + model_findings(text, labels=missing) if missing else found


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
