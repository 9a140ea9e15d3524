"""Judgement of the scam moves in support text: secrets, unofficial channels, funds, remote access.

``findings(text, language, context)`` returns :class:`Finding` records (label, kind, the exact
words with their offsets, score, and which reading decided). See ``detector`` for the readings
compared and the one shipped.
"""

from shopper.scoring.judgement.detector import SHIPPED, Context, findings
from shopper.scoring.judgement.finding import LABELS, Finding

__all__ = ["LABELS", "SHIPPED", "Context", "Finding", "findings"]
