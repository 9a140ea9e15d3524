"""Sending the shopper's mail: smtplib in a worker thread, stamped when DATA is accepted.

Temporary refusals (4xx, a dropped connection) are retried with exponential backoff and
every attempt is recorded; a permanent refusal (5xx) raises :class:`ProbeError` with the
server's words at once. smtplib is used step by step (MAIL, RCPT, DATA) rather than through
``sendmail`` so the accepted time is read right after the server's reply to DATA.
"""

from __future__ import annotations

import asyncio
import logging
import smtplib
import ssl
from dataclasses import dataclass, field
from typing import Any

from shopper.probes.base import ProbeError, TransientError, Unavailable
from shopper.probes.email.clock import now_ms
from shopper.probes.email.config import SmtpSettings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetryPolicy:
    """Backoff for temporary SMTP failures: ``first_delay_s * factor**n``, capped."""

    attempts: int = 5
    first_delay_s: float = 5.0
    factor: float = 3.0
    max_delay_s: float = 600.0

    def delay(self, failures: int) -> float:
        return min(self.max_delay_s, self.first_delay_s * self.factor ** (failures - 1))


@dataclass(frozen=True)
class Accepted:
    """The server took the message: when, what it said, and every attempt it took."""

    at_ms: float
    reply: str
    attempts: list[dict[str, Any]] = field(default_factory=list)


class _Refused(Exception):
    def __init__(self, stage: str, code: int | None, text: str) -> None:
        super().__init__(f"{stage} {code or ''} {text}".strip())
        self.stage, self.code, self.text = stage, code, text


def _words(raw: bytes | str) -> str:
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    return " ".join(text.split())


def _transact(
    settings: SmtpSettings,
    raw: bytes,
    sender: str,
    recipients: list[str],
    context: ssl.SSLContext | None,
) -> tuple[float, str]:
    """One SMTP session (runs in a worker thread); returns (accepted epoch ms, server reply)."""
    client: smtplib.SMTP
    stage = "connect"
    try:
        if settings.security == "tls":
            client = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=settings.timeout_s,
                context=context or ssl.create_default_context(),
            )
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout_s)
        with client:
            stage = "EHLO"
            client.ehlo_or_helo_if_needed()
            if settings.security == "starttls":
                stage = "STARTTLS"
                client.starttls(context=context or ssl.create_default_context())
                client.ehlo()
            if settings.username:
                stage = "AUTH"
                password = settings.password.get_secret_value() if settings.password else ""
                client.login(settings.username, password)
            stage = "MAIL FROM"
            code, text = client.mail(sender)
            if code != 250:
                raise _Refused(stage, code, _words(text))
            stage = "RCPT TO"
            for rcpt in recipients:
                code, text = client.rcpt(rcpt)
                if code not in (250, 251):
                    raise _Refused(stage, code, _words(text))
            stage = "DATA"
            code, text = client.data(raw)
            accepted = now_ms()  # right after the server's reply to the end of DATA
            return accepted, f"{code} {_words(text)}"
    except smtplib.SMTPResponseException as exc:
        raise _Refused(stage, exc.smtp_code, _words(exc.smtp_error)) from exc
    except smtplib.SMTPRecipientsRefused as exc:
        code, text = next(iter(exc.recipients.values()))
        raise _Refused(stage, code, _words(text)) from exc
    except (OSError, smtplib.SMTPException) as exc:
        raise _Refused(stage, None, f"{type(exc).__name__}: {exc}") from exc


async def send(
    settings: SmtpSettings,
    raw: bytes,
    *,
    sender: str,
    recipients: list[str],
    retry: RetryPolicy,
    context: ssl.SSLContext | None = None,
) -> Accepted:
    """Hand ``raw`` to the SMTP server, retrying temporary failures; see the module doc."""
    where = f"smtp {settings.host}:{settings.port}"
    attempts: list[dict[str, Any]] = []
    for number in range(1, retry.attempts + 1):
        started = now_ms()
        try:
            at_ms, reply = await asyncio.to_thread(
                _transact, settings, raw, sender, recipients, context
            )
        except _Refused as refused:
            attempts.append({"attempt": number, "at_ms": started, "stage": refused.stage,
                             "code": refused.code, "reply": refused.text})
            message = f"{where}: {refused.stage} refused: {refused}"
            if refused.stage == "AUTH" or (refused.stage == "STARTTLS" and refused.code is None):
                raise Unavailable(message) from refused
            if refused.code is not None and refused.code >= 500:
                raise ProbeError(message) from refused
            if number == retry.attempts:
                if refused.code is None:
                    raise Unavailable(f"{message} (after {number} attempts)") from refused
                raise TransientError(f"{message} (after {number} attempts)") from refused
            delay = retry.delay(number)
            log.info("%s; retrying in %.1f s (attempt %d/%d)", message, delay, number,
                     retry.attempts)
            await asyncio.sleep(delay)  # backoff the server asked for, not a synchronisation
            continue
        attempts.append({"attempt": number, "at_ms": started, "stage": "DATA",
                         "code": int(reply.split()[0]), "reply": reply})
        return Accepted(at_ms=at_ms, reply=reply, attempts=attempts)
    raise AssertionError("unreachable: the loop returns or raises")
