"""One redactor for everything a run writes: records, reports, raw mail, traces.

Secrets enter shopper only through ``${ENV}`` (in an audit or a scenario); every value that
came that way is replaced by ``[redacted]`` wherever it would otherwise be written. A plain
byte replace misses a value that a format re-encodes, so each format is opened first:

- text and JSON: the value, and its JSON-escaped form;
- raw mail: every header decoded and every MIME part's content decoded (base64,
  quoted-printable, any charset), redacted, and encoded again;
- a Playwright trace: every member of the archive, as text in its raw, JSON-escaped and
  URL-encoded forms (typed text, DOM snapshots, network bodies).

Values shorter than :data:`MIN_LENGTH` are not redacted: replacing "abc" everywhere would
mangle criterion ids and prose while protecting nothing (a warning says so when such a value
is registered).
"""

from __future__ import annotations

import base64
import json
import logging
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from urllib.parse import quote, quote_plus

REDACTED = "[redacted]"
MIN_LENGTH = 4

log = logging.getLogger(__name__)


class Redactor:
    """Replaces every secret value (longest first) with ``[redacted]``, in any format written."""

    def __init__(self, secrets: Iterable[str]) -> None:
        values = {s for s in secrets if s}
        short = sorted(s for s in values if len(s) < MIN_LENGTH)
        if short:
            log.warning("%d secret value(s) shorter than %d characters are not redacted", len(short), MIN_LENGTH)
        self.secrets: tuple[str, ...] = tuple(sorted((s for s in values if len(s) >= MIN_LENGTH),
                                                     key=len, reverse=True))  # fmt: skip

    def __bool__(self) -> bool:
        return bool(self.secrets)

    def __call__(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text

    def data(self, data: dict[str, str]) -> dict[str, str]:
        return {key: self(value) for key, value in data.items()}

    def json_text(self, text: str) -> str:
        """A JSON document with every secret redacted, raw or JSON-escaped."""
        for secret in self.secrets:
            escaped = json.dumps(secret, ensure_ascii=False)[1:-1]
            text = text.replace(escaped, REDACTED).replace(secret, REDACTED)
            ascii_escaped = json.dumps(secret)[1:-1]
            if ascii_escaped != escaped:
                text = text.replace(ascii_escaped, REDACTED)
        return text

    def raw_bytes(self, data: bytes) -> bytes:
        """Bytes with every secret's UTF-8, JSON-escaped and URL-encoded forms replaced, and its
        base64 form at any of the three byte alignments overwritten with ``A`` (so a base64 body
        still decodes, to zero bytes where the secret was)."""
        marker = REDACTED.encode()
        for secret in self.secrets:
            for form in _forms(secret):
                data = data.replace(form, marker)
            for core in base64_cores(secret.encode()):
                data = data.replace(core, b"A" * len(core))
        return data

    def mail(self, raw: bytes) -> bytes:
        """A raw mail with every header and every part's decoded content redacted."""
        if not self.secrets:
            return raw
        try:
            message = BytesParser(policy=policy.default).parsebytes(raw)
        except Exception:  # a mail that cannot be parsed is redacted as bytes
            return self.raw_bytes(raw)
        if not isinstance(message, EmailMessage):
            return self.raw_bytes(raw)
        self._mail_part(message)
        try:
            out = message.as_bytes(policy=policy.SMTP)
        except Exception:  # an unrepresentable part: fall back to bytes
            return self.raw_bytes(raw)
        return self.raw_bytes(out)

    def _mail_part(self, part: EmailMessage) -> None:
        for name, value in list(part.items()):
            text = str(value)
            cleaned = self(text)
            if cleaned != text:
                part.replace_header(name, cleaned)
        if part.is_multipart():
            for child in part.iter_parts():
                if isinstance(child, EmailMessage):
                    self._mail_part(child)
            return
        if part.get_content_maintype() != "text":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload:
                cleaned_bytes = self.raw_bytes(payload)
                if cleaned_bytes != payload:
                    part.set_content(cleaned_bytes, part.get_content_maintype(), part.get_content_subtype())
            return
        try:
            content = part.get_content()
        except (LookupError, UnicodeError):
            return
        if not isinstance(content, str):
            return
        cleaned = self(content)
        if cleaned != content:
            subtype = part.get_content_subtype()
            charset = part.get_content_charset() or "utf-8"
            try:
                part.set_content(cleaned, subtype=subtype, charset=charset)
            except (LookupError, UnicodeError):
                part.set_content(cleaned, subtype=subtype, charset="utf-8")

    def trace(self, path: Path) -> None:
        """Rewrite a Playwright trace archive with every member redacted (typed text, DOM
        snapshots, network bodies), in place and atomically."""
        if not self.secrets or not path.exists():
            return
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as handle:
            temporary = Path(handle.name)
        try:
            with zipfile.ZipFile(path) as source, zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as target:
                for info in source.infolist():
                    target.writestr(info, self.raw_bytes(source.read(info)))
            shutil.move(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)


def base64_cores(value: bytes) -> list[bytes]:
    """The base64 characters that encode ``value`` wherever it starts in a longer byte string.

    Base64 packs 3 bytes into 4 characters, so a value at offset 0, 1 or 2 (mod 3) encodes three
    different ways; the characters that depend only on the value's own bytes are the same
    whatever surrounds it. Those cores are what a redactor can find in an encoded body.
    """
    cores: list[bytes] = []
    for shift in range(3):
        encoded = base64.b64encode(b"\0" * shift + value)
        start = (shift * 4 + 2) // 3  # characters touched by the padding bytes before the value
        end = ((shift + len(value)) // 3) * 4  # characters of whole groups only
        core = encoded[start:end]
        if len(core) >= 4:
            cores.append(core)
    return cores


def _forms(secret: str) -> list[bytes]:
    forms = {
        secret.encode(),
        json.dumps(secret, ensure_ascii=False)[1:-1].encode(),
        json.dumps(secret)[1:-1].encode(),
        quote(secret, safe="").encode(),
        quote_plus(secret, safe="").encode(),
    }
    return sorted(forms, key=len, reverse=True)
