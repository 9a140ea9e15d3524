"""The one clock of the email channel: epoch milliseconds, and conversions into it.

Email timestamps come from three places — the moment our SMTP client read the server's reply
to DATA, the moment our listener finished reading DATA, and an IMAP ``INTERNALDATE`` (whole
seconds, set by the receiving server) — and they are all compared on this one scale.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


def now_ms() -> float:
    """Wall-clock epoch milliseconds, the scale of every ``Turn.at_ms``."""
    return time.time() * 1000.0


def datetime_ms(moment: datetime) -> float:
    """Epoch milliseconds of an aware datetime (naive ones are taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp() * 1000.0


def header_date_ms(value: str | None) -> float | None:
    """Epoch ms of an RFC 5322 ``Date:`` header, or None when absent or unparsable."""
    if not value:
        return None
    try:
        return datetime_ms(parsedate_to_datetime(value))
    except (TypeError, ValueError, IndexError):
        return None
