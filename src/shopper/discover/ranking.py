"""Which selector names an element best: stable kinds first, generated names last.

A selector a widget's authors chose on purpose (a test id, an id, an aria label, a form name)
survives a redesign; a class a CSS-in-JS build hashed (``css-1x2y3z``, ``sc-bdVaJa``,
``Button_root__3xYz1``) changes with the next deploy. Every candidate is a single compound
selector (no combinators), so it means the same inside an open shadow root as outside.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

KIND_SCORE: Mapping[str, float] = {
    "testid": 1.0,
    "id": 0.95,
    "aria": 0.9,
    "name": 0.85,
    "data": 0.8,
    "role": 0.75,
    "title": 0.75,
    "placeholder": 0.7,
    "classes": 0.6,
    "class": 0.55,
    "type": 0.45,
    "tag": 0.4,
}
KIND_REASON: Mapping[str, str] = {
    "testid": "a test id", "id": "an id", "aria": "an aria label", "name": "a form name",
    "data": "a data attribute", "role": "a role", "title": "a title", "placeholder": "a placeholder",
    "classes": "class names", "class": "a class name", "type": "a type", "tag": "the tag alone",
}  # fmt: skip
HASHED_SCORE = 0.2

_GENERATED = (
    re.compile(r"^(css|sc|jsx|jss|emotion|styled|svelte|tw|e)-[A-Za-z0-9_-]{4,}$"),  # CSS-in-JS
    re.compile(r"__[A-Za-z0-9_-]{5,}$"),  # CSS modules: Name_part__3xYz1
    re.compile(r"\d{4,}"),  # counters and timestamps: ember1234, msg-1700000000
    re.compile(r"^[0-9a-f]{8}-?[0-9a-f]{4}"),  # uuids
    re.compile(r"^:r[0-9a-z]+:$"),  # React useId
)
_TOKEN = re.compile(r"(?:#|\.)((?:\\.|[A-Za-z0-9_-])+)")


def looks_generated(name: str) -> bool:
    """Whether an id or class name looks machine-made (it will change with the next build)."""
    plain = name.replace("\\", "")
    if any(p.search(plain) for p in _GENERATED):
        return True
    # short mixed-case-and-digit soup such as "kXzP3q" or "a1b2c3"
    core = plain.rsplit("-", 1)[-1]
    return 5 <= len(core) <= 12 and bool(re.search(r"\d", core)) and bool(re.search(r"[A-Z]", core)) \
        and bool(re.search(r"[a-z]", core))  # fmt: skip


def _generated_part(selector: str) -> bool:
    return any(looks_generated(token) for token in _TOKEN.findall(selector))


@dataclass(frozen=True)
class Choice:
    """A selector picked for one part of the widget, with how sure discover is and why."""

    selector: str
    confidence: float  # 0..1
    reason: str

    def line(self, part: str) -> str:
        return f"{part:<15} {self.selector:<48} {self.confidence:4.2f}  {self.reason}"


NAMED_VALUE = re.compile(r'="[^"]*(\s|[A-Z])[^"]*"\]$')  # data-author="Harbor Assistant": who, not what
NAMED_SCORE = 0.5


def score(candidate: Mapping[str, Any]) -> float:
    """The stability of one candidate selector (hashed names score low whatever their kind).

    A data attribute whose value is a person's or a bot's name (``data-author="Maya Lee"``)
    changes with who answers, so it ranks below a class that says what the element is.
    """
    selector = str(candidate["selector"])
    if _generated_part(selector):
        return HASHED_SCORE
    kind = str(candidate.get("kind", ""))
    if kind == "data" and NAMED_VALUE.search(selector):
        return NAMED_SCORE
    if kind == "classes":  # every extra class is one more thing a restyle can change
        return KIND_SCORE["classes"] - 0.05 * max(0, selector.count(".") - 2)
    return KIND_SCORE.get(kind, 0.3)


def describe(candidate: Mapping[str, Any]) -> str:
    kind = str(candidate.get("kind", ""))
    what = KIND_REASON.get(kind, kind)
    return f"{what} (hashed: will change with a rebuild)" if _generated_part(str(candidate["selector"])) else what


def best(
    candidates: Iterable[Mapping[str, Any]],
    *,
    fits: Callable[[Mapping[str, Any]], bool] | None = None,
    want: int = 1,
) -> tuple[Mapping[str, Any], float] | None:
    """The most stable candidate that matches exactly ``want`` elements (and ``fits``), with its score.

    ``want`` is how many elements the selector must match where it is used: one for a button or
    a box, the number of messages seen for a message selector. A selector that matches more
    names other elements too, and Playwright's ``.first`` would then pick the wrong one.
    """
    usable = [c for c in candidates if int(c.get("count", -1)) == want and (fits is None or fits(c))]
    if not usable:
        return None
    usable.sort(key=lambda c: (-score(c), len(str(c["selector"]))))
    top = usable[0]
    return top, score(top)


def choose(
    candidates: Sequence[Mapping[str, Any]], *, where: str, base: float = 1.0, want: int = 1,
    extra: str = "", fits: Callable[[Mapping[str, Any]], bool] | None = None,
) -> Choice | None:  # fmt: skip
    """:func:`best` as a :class:`Choice`, its confidence scaled by how sure the element itself is."""
    found = best(candidates, want=want, fits=fits)
    if found is None:
        return None
    candidate, stability = found
    matches = "unique" if want == 1 else f"matches the {want} seen"
    reason = f"{describe(candidate)}, {matches} in {where}" + (f"; {extra}" if extra else "")
    return Choice(str(candidate["selector"]), round(stability * base, 2), reason)
