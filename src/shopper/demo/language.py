"""Which language a customer writes in, from the script alone (the demo needs no model)."""

from __future__ import annotations

from shopper.formats.locales import script_language as detect_language

__all__ = ["detect_language"]
