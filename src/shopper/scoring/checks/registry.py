"""Finding checks by name and compiling a check spec (with ``all`` / ``any`` / ``not``)."""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any, ClassVar

from shopper.scoring.checks.base import Check, CheckSpecError, Outcome, Verdict, View

FAMILIES = (
    "phrases",
    "secrets",
    "links",
    "timing",
    "language",
    "structure",
    "similarity",
    "service",
    "llm_judge",
)
COMBINATORS = ("all", "any", "not")


def _subclasses(cls: type[Check]) -> list[type[Check]]:
    found: list[type[Check]] = []
    for sub in cls.__subclasses__():
        found.append(sub)
        found.extend(_subclasses(sub))
    return found


@lru_cache(maxsize=1)
def registry() -> dict[str, type[Check]]:
    """Every check class by name (imports the family modules on first use)."""
    for family in FAMILIES:
        importlib.import_module(f"shopper.scoring.checks.{family}")
    return {cls.name: cls for cls in _subclasses(Check) if cls.name and cls.name not in COMBINATORS}


class _Combination(Check):
    """All or any of several checks: the first outcome equal to ``decisive`` decides."""

    decisive: ClassVar[Verdict]
    otherwise: ClassVar[Verdict]

    def __init__(self, parts: Sequence[Check], path: str) -> None:
        super().__init__(None, path)
        self.parts = tuple(parts)

    def reads_said(self) -> bool:
        return any(part.reads_said() for part in self.parts)

    def evaluate(self, view: View) -> Outcome:
        """The deciding part's outcome, carrying every part's outcome in ``parts``."""
        outcomes = tuple(part.evaluate(view) for part in self.parts)
        for outcome in outcomes:
            if outcome.result == self.decisive:
                return replace(outcome, parts=outcomes)
        rest = [o for o in outcomes if o.result == self.otherwise]
        if not rest:
            return replace(outcomes[0], parts=outcomes)
        return Outcome(self.otherwise, "; ".join(o.describe() for o in rest if o.evidence), parts=outcomes)


class AllOf(_Combination):
    """Passes when no part fails and at least one part applies."""

    decisive = "fail"
    otherwise = "pass"


class AnyOf(_Combination):
    """Passes when any part passes."""

    decisive = "pass"
    otherwise = "fail"


class Not(Check):
    """Inverts pass and fail (n/a stays n/a); the inner check's evidence is kept."""

    def __init__(self, part: Check, path: str) -> None:
        super().__init__(None, path)
        self.part = part

    def reads_said(self) -> bool:
        return self.part.reads_said()

    def evaluate(self, view: View) -> Outcome:
        inner = self.part.evaluate(view)
        if inner.result == "na":
            return inner
        return replace(inner, result="fail" if inner.result == "pass" else "pass")


def compile_check(spec: Any, path: str = "check") -> Check:
    """Build a check tree from its YAML form; :class:`CheckSpecError` names the bad spot."""
    if isinstance(spec, str):
        spec = {spec: True}
    if not isinstance(spec, dict) or len(spec) != 1:
        raise CheckSpecError(path, "expected a mapping with exactly one check name, e.g. {regex: ...}")
    name, params = next(iter(spec.items()))
    if not isinstance(name, str):
        raise CheckSpecError(path, f"expected a check name, got {name!r}")
    here = f"{path}.{name}"
    if name in ("all", "any"):
        if not isinstance(params, list) or not params:
            raise CheckSpecError(here, "expected a non-empty list of checks")
        parts = [compile_check(item, f"{here}[{i}]") for i, item in enumerate(params)]
        return AllOf(parts, here) if name == "all" else AnyOf(parts, here)
    if name == "not":
        return Not(compile_check(params, here), here)
    checks = registry()
    if name not in checks:
        close = difflib.get_close_matches(name, [*checks, *COMBINATORS], n=1, cutoff=0.6)
        hint = f" — did you mean '{close[0]}'?" if close else f" (known: {', '.join(sorted(checks))})"
        raise CheckSpecError(path, f"unknown check '{name}'{hint}")
    return checks[name](params, path)
