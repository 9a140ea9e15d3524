"""Secrets never reach a log line, whoever logs it.

A run's log records come from shopper's own modules and from libraries underneath it
(Playwright, aiosmtplib, imaplib wrappers), and an error message may quote what was typed or
sent. Handlers and formatters are the user's (``shopper schedule`` adds its own, pytest captures
others), so the redaction sits where every record is made: a log-record factory that renders the
message (and the traceback, if any) and replaces every registered secret with ``[redacted]``.

:func:`protect_logs` is a context manager for the length of a run; :func:`also_protect` adds
values that appear during it (a scenario's ``secret_vars``, drawn per conversation).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from shopper.redaction import Redactor

_lock = threading.Lock()
_values: list[str] = []
_redactor = Redactor(())
_active = 0  # how many protect_logs blocks are open


def also_protect(values: Iterable[str]) -> None:
    """Register more secret values for the run in progress (no-op outside :func:`protect_logs`)."""
    global _redactor
    with _lock:
        new = [v for v in values if v and v not in _values]
        if new and _active:
            _values.extend(new)
            _redactor = Redactor(_values)


def redact_record(record: logging.LogRecord, redactor: Redactor) -> logging.LogRecord:
    """Freeze ``record``'s message (and traceback) into redacted text."""
    try:
        message = record.getMessage()
    except Exception:  # a bad format string is logging's own error to report, not ours
        return record
    record.msg, record.args = redactor(message), None
    if record.exc_info and not record.exc_text:
        record.exc_text = redactor(logging.Formatter().formatException(record.exc_info))
    elif record.exc_text:
        record.exc_text = redactor(record.exc_text)
    if record.stack_info:
        record.stack_info = redactor(record.stack_info)
    return record


@contextmanager
def protect_logs(values: Iterable[str]) -> Iterator[None]:
    """For the duration of the block, every log record made anywhere is redacted."""
    global _redactor, _active
    previous: Callable[..., logging.LogRecord] = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        return redact_record(record, _redactor) if _redactor else record

    with _lock:
        saved = list(_values)
        _values[:] = [v for v in values if v]
        _redactor = Redactor(_values)
        _active += 1
    logging.setLogRecordFactory(factory)
    try:
        yield
    finally:
        logging.setLogRecordFactory(previous)
        with _lock:
            _values[:] = saved
            _redactor = Redactor(_values)
            _active -= 1
