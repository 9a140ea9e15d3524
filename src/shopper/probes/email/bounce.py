"""The words of a bounce (RFC 3464 delivery status notification) a person would quote.

The machine part's ``Diagnostic-Code`` (the remote server's own reply, e.g. ``smtp; 550 5.1.1
<help@desk>: Recipient address rejected: User unknown``) and ``Status``, else the first
sentences of the human-readable part. The error of an ``unavailable`` conversation quotes them.
"""

from __future__ import annotations

import re
from email.message import EmailMessage, Message

FIELD = re.compile(r"^(Diagnostic-Code|Status|Final-Recipient|Original-Recipient)\s*:\s*(.+(?:\n[ \t].+)*)",
                   re.MULTILINE | re.IGNORECASE)
HUMAN_CHARS = 300


def _status_fields(message: EmailMessage) -> dict[str, str]:
    found: dict[str, str] = {}
    for part in message.walk():
        if part.get_content_type() not in ("message/delivery-status", "message/global-delivery-status"):
            continue
        texts: list[str] = []
        payload = part.get_payload()
        if isinstance(payload, list):  # the email package parses the status blocks as messages
            texts.extend(str(block) for block in payload if isinstance(block, Message))
        else:
            texts.append(str(payload))
        for text in texts:
            for name, value in FIELD.findall(text):
                found.setdefault(name.lower(), " ".join(value.split()))
    return found


def _human_part(message: EmailMessage) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            content = part.get_content()
            if isinstance(content, str):
                return " ".join(content.split())[:HUMAN_CHARS]
    return ""


def bounce_words(message: EmailMessage, raw: bytes) -> str:
    """What the bounce says went wrong, in the reporting server's own words."""
    fields = _status_fields(message)
    if not fields:  # no machine part (an old-style bounce): read the raw fields, if any
        for name, value in FIELD.findall(raw.decode("utf-8", "replace")):
            fields.setdefault(name.lower(), " ".join(value.split()))
    words = []
    recipient = fields.get("final-recipient") or fields.get("original-recipient")
    if recipient:
        words.append(f"recipient {recipient.split(';')[-1].strip()}")
    if "diagnostic-code" in fields:
        words.append(fields["diagnostic-code"])
    if "status" in fields:
        words.append(f"status {fields['status']}")
    human = _human_part(message)
    if human and not fields.get("diagnostic-code"):
        words.append(human)
    return "; ".join(words) or human or "the mail bounced (no reason given)"
