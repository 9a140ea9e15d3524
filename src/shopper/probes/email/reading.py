"""Reading a reply like a person: the body as text, then the new text only.

The body is the ``text/plain`` part, else the ``text/html`` part converted to text, decoded
from whatever charset it declares (an unknown one falls back to UTF-8 with replacement).
The new text is what is left after cutting the quoted history, the signature and the
disclaimers. mail-parser-reply does most of that (English "On … wrote:", Outlook header
blocks, signatures, disclaimers, Japanese Gmail headers); it misses common Chinese, Korean
and Japanese client headers ("在 … 写道:", "…님이 작성:", "…のメッセージ:") and the RFC 3676
"-- " signature separator, so those are cut first by :data:`EXTRA_QUOTE_HEADERS`.
"""

from __future__ import annotations

import html
import logging
import re
from email.message import EmailMessage, Message
from html.parser import HTMLParser

from mailparser_reply.parser import EmailMessage as ParsedReply

from shopper.results import TurnPart

log = logging.getLogger(__name__)

PARSER_LANGUAGES = ["en", "zh", "ko", "ja"]

EXTRA_QUOTE_HEADERS = re.compile(
    r"^(?:"
    r"On\s.{1,200}?\bwrote:\s*"  # en, also when wrapped by the client onto one long line
    r"|在\s?.{1,200}?写道\s*[:：]\s*"  # zh (Gmail, Foxmail, QQ)
    r"|.{1,200}?写道\s*[:：]\s*"  # zh ("2024年1月1日 … 写道：")
    r"|.{1,200}?(?:님이\s?작성|작성)(?:하였습니다|했습니다)?\s*[:：]\s*"  # ko
    r"|.{1,200}?のメッセージ\s*[:：]\s*"  # ja (Thunderbird, Outlook)
    r"|.{1,200}?に書きました\s*[:：]?\s*"  # ja (Apple Mail)
    r"|-{2,}\s*(?:Original Message|原始邮件|원본 메시지|元のメッセージ)\s*-{2,}\s*"
    r"|-- "  # RFC 3676 signature separator: "-- " alone on a line
    r")$",
    re.MULTILINE,
)
TRAILING_QUOTE = re.compile(r"(?:\n>.*)+\s*$")
DISCLAIMER = re.compile(
    r"\n\s*\n\s*(?:disclaimer|confidentiality notice|"
    r"this (?:e-?mail|message) (?:and any attachments? )?(?:is|are|may be) confidential|"
    r"免责声明|保密声明|면책\s?조항|免責事項).*$",
    re.IGNORECASE | re.DOTALL,
)


class _TextExtractor(HTMLParser):
    """HTML to readable text: block elements become line breaks, scripts and styles vanish."""

    BLOCKS = frozenset({"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "table",
                        "blockquote", "section", "article", "header", "footer"})
    SKIP = frozenset({"script", "style", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0
        self._quote_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        if tag in self.SKIP:
            self._skipping += 1
        elif tag == "blockquote" or "gmail_quote" in classes:
            self._quote_depth += 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1
        elif tag == "blockquote" and self._quote_depth:
            self._quote_depth -= 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        if self._quote_depth:  # quoted history in HTML mail: keep it, marked as quoted
            self.parts.append("\n".join("> " + line for line in data.splitlines()))
            return
        self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Readable text of an HTML body (quoted blocks marked with "> ")."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = html.unescape("".join(parser.parts)).replace("\xa0", " ")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _decoded(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return str(part.get_payload())
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:  # an unknown charset name
        return payload.decode("utf-8", errors="replace")


def body_text(message: EmailMessage) -> str:
    """The message's body as text: text/plain preferred, HTML converted when that is all."""
    try:
        part = message.get_body(preferencelist=("plain", "html"))
    except (KeyError, LookupError):
        part = None
    if part is None:
        return ""
    text = _decoded(part)
    if part.get_content_subtype() == "html":
        return html_to_text(text)
    return text.replace("\r\n", "\n").strip()


def new_text(text: str) -> str:
    """The part a person reads as new: quoted history, signature and disclaimers removed."""
    text = text.replace("\r\n", "\n").strip()
    match = EXTRA_QUOTE_HEADERS.search(text)
    if match is not None and match.start() > 0:
        text = text[: match.start()].rstrip()
    text = TRAILING_QUOTE.sub("", text).rstrip()
    text = DISCLAIMER.sub("", text).rstrip()
    try:
        # keep_hyphen_lists: "- open the app" steps in an answer are not a signature
        parsed = ParsedReply(text=text, languages=list(PARSER_LANGUAGES), keep_hyphen_lists=True)
        replies = parsed.read().replies
        first = replies[0].body if replies else ""
    except Exception:  # a third-party regex parser: never let it lose the reply
        log.debug("mail-parser-reply failed; keeping the text as cut", exc_info=True)
        first = ""
    return (first or text).strip()


def reply_text(message: EmailMessage) -> str:
    """What the desk wrote in this message, as a person reads it."""
    return new_text(body_text(message))


def _starts_quote(line: str) -> bool:
    stripped = line.strip()
    if stripped.startswith(">"):
        return True
    return stripped not in ("--", "") and EXTRA_QUOTE_HEADERS.fullmatch(stripped) is not None


def rest_of_mail(body: str, new: str) -> list[TurnPart]:
    """The body kept in parts when the new text is not all of it: nothing the desk wrote is lost.

    Safety reads a mail's signature and footer too (a Telegram handle in a signature is an
    unofficial channel), never the customer's mail quoted back. What follows the new text up to
    the first quoted line or attribution is the desk's (``signature``: closing, signature,
    disclaimer); from there on it is ``quote``. Empty when the new text is the whole body.
    """
    body = body.replace("\r\n", "\n").strip()
    if not new or new == body:
        return []
    cut = body.find(new)
    rest = body[cut + len(new):] if cut >= 0 else body
    lines = rest.splitlines()
    split = next((i for i, line in enumerate(lines) if _starts_quote(line)), len(lines))
    own, quoted = "\n".join(lines[:split]).strip(), "\n".join(lines[split:]).strip()
    parts = [TurnPart(kind="new", text=new)]
    if own:
        parts.append(TurnPart(kind="signature", text=own))
    if quoted:
        parts.append(TurnPart(kind="quote", text=quoted))
    return parts if len(parts) > 1 else []
