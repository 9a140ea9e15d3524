"""Scenarios: the scripted conversations a shopper holds (model, templates, the driver)."""
