"""How an audit reaches one support desk by email: the SMTP server out, the inbox in.

These models are part of the audit schema (``targets[].email``); ``${ENV}`` values are expanded
by the audit loader before validation, so secrets arrive here as plain strings and are kept as
:class:`~pydantic.SecretStr` (never printed, never written to results).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, model_validator

Security = Literal["none", "starttls", "tls"]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SmtpSettings(_Frozen):
    """The server the shopper's mail goes out through."""

    host: str
    port: int = Field(ge=1, le=65535)
    security: Security = "none"
    username: str | None = None
    password: SecretStr | None = None
    timeout_s: float = Field(default=30.0, gt=0)


class ImapSettings(_Frozen):
    """A real mailbox the desk's replies land in; read with ``BODY.PEEK[]``, never modified."""

    host: str
    port: int = Field(ge=1, le=65535)
    security: Security = "tls"
    username: str
    password: SecretStr
    folder: str = "INBOX"
    move_handled_to: str | None = None  # the only way the audit ever changes the mailbox
    poll_s: float = Field(default=5.0, gt=0)  # first poll interval when IDLE is not offered


class ListenSettings(_Frozen):
    """shopper runs the SMTP server that receives the replies (MX of a test domain, the demo)."""

    host: str = "127.0.0.1"
    port: int = Field(default=0, ge=0, le=65535)


class InboxSettings(_Frozen):
    """Exactly one of ``imap`` or ``listen``."""

    imap: ImapSettings | None = None
    listen: ListenSettings | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> InboxSettings:
        if (self.imap is None) == (self.listen is None):
            raise ValueError("inbox needs exactly one of 'imap' or 'listen'")
        return self


class EmailTarget(_Frozen):
    """The email channel of one target."""

    address: str  # the support desk's address
    from_address: str | None = None  # default: the persona's email
    smtp: SmtpSettings
    inbox: InboxSettings
    html: bool = False  # also send an HTML alternative part
