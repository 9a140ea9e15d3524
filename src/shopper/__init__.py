"""shopper: a mystery-shopper harness for customer support."""

__version__ = "0.1.0"
