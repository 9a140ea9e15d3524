"""Audit plans: targets, channels, scenarios, locales, gate, schedule; and their expansion."""
