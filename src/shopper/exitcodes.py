"""Exit codes of every shopper command, as pytest's ExitCode gives each outcome a number."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    GATE_FAILED = 1  # the audit ran, and support did not meet the gate
    INVALID_INPUT = 2  # usage error or invalid files
    INFRASTRUCTURE = 3  # the audit could not run (browser, network, mailbox)
