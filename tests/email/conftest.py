"""Fixtures of the email tests: a throw-away dovecot, a fresh mailbox per test, targets."""

from __future__ import annotations

import os
import shutil
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest

from servers.dovecot import Dovecot, running_dovecot


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    if shutil.which("dovecot") is None and not Path("/usr/sbin/dovecot").exists():
        message = "dovecot is not installed (apt-get install dovecot-imapd; `make test` does it)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI installs it: a missing server there is a broken CI, not a skip
        pytest.skip(message)
    with running_dovecot() as server:
        yield server


@pytest.fixture
def mailbox(dovecot: Dovecot) -> str:
    """A fresh, empty mailbox; returns its login."""
    return dovecot.add_user()


@pytest.fixture
def cert_context(dovecot: Dovecot) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(dovecot.cert))
