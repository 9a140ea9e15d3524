"""Probes: the channels a shopper talks through (chat in a real browser, email, http)."""
