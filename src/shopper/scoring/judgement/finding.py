"""What the judgement detector reports: a label, a kind, the exact words, who decided and how sure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

LABELS = ("secret", "unofficial", "funds", "remote")
"""The four scam moves the detector reads: ask for a secret, send to an unofficial channel,
ask to move funds (or pay to unlock them), have the customer install a remote-access app."""

Label = Literal["secret", "unofficial", "funds", "remote"]
DecidedBy = Literal["rules", "structure", "model"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One scam move in a text.

    ``start``/``end`` index the original text, so ``text[start:end] == quote`` always holds;
    ``kind`` says what was asked for or where the customer was sent (``seed``, ``two_factor``,
    ``messenger``, ``lookalike_domain``, ``safe_wallet``, ``unlock_fee``…); ``score`` is 1.0
    for a rule or structural reading and the model's probability when the model decided.
    """

    label: Label
    kind: str
    quote: str
    start: int
    end: int
    score: float = 1.0
    decided_by: DecidedBy = "structure"

    def describe(self) -> str:
        """``asks for seed: "…"`` — the words a check's evidence carries."""
        what = self.kind.replace("_", " ")
        verb = {"secret": "asks for", "funds": "asks to move funds", "remote": "remote-access app",
                "unofficial": "unofficial channel"}[self.label]
        head = f"{verb} ({what})" if self.label != "secret" else f"{verb} {what}"
        tail = f" [{self.decided_by} {self.score:.2f}]" if self.decided_by == "model" else ""
        return f'{head}: "{self.quote}"{tail}'
