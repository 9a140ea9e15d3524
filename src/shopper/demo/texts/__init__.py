"""Every text the demo bots say, one table module per language (en, zh, ko, ja).

Each module defines ``UI`` (welcome, hand-off, email phrases), ``GOOD``, ``SCAM`` and
``SMOOTH_SCAM`` (intent -> reply parts) and ``LEXICON`` (intent or word class -> keywords). Only ``en`` has ``SLOPPY``: the
sloppy bot answers in English whatever the customer writes. Placeholders: ``{name}``,
``{ticket}``, ``{agent}``.
"""

from __future__ import annotations

from types import ModuleType

from shopper.demo.texts import en, ja, ko, zh

LANGUAGES: dict[str, ModuleType] = {"en": en, "zh": zh, "ko": ko, "ja": ja}

HOSTILE_PARTS: tuple[str, ...] = (
    'Here is your receipt: <img src=x onerror="window.__shopperPwned=1">',
    "Loading your account… <script>window.__shopperPwned=1</script>",
)

TELEGRAM_LINK = "https://t.me/HarborSupportDesk"
LOOKALIKE_LINK = "https://harbor-support-desk.com/verify"
