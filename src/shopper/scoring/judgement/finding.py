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
        """``asks for seed: "…"``, ``look-alike domain "…"``: the words a check's evidence carries."""
        kind = self.kind.replace("_", " ")
        if self.label == "secret":
            head = f"asks for {kind}:" if self.kind != "model" else "asks for a secret:"
        elif self.label == "funds":
            head = "asks to move funds:"
        elif self.label == "remote":
            head = "remote-access app"
        else:
            head = _CHANNEL_WORDS.get(self.kind, kind)
        tail = f" (model score {self.score:.2f})" if self.decided_by == "model" else ""
        return f'{head} "{self.quote}"{tail}'


_CHANNEL_WORDS = {
    "lookalike_domain": "look-alike domain",
    "messenger": "messenger contact",
    "messenger_link": "messenger link",
    "unofficial_link": "unofficial link",
    "outside_email": "outside email address",
    "obfuscated_handle": "spaced-out messenger handle",
    "phone_messenger": "messenger by phone number",
    "qr_code": "QR code to a messenger or group",
    "model": "unofficial channel",
}
