"""Reading a reply like a person: the body as text, then its pieces (see :mod:`.parts`).

The body is the ``text/plain`` part, else the ``text/html`` part converted to text, decoded
from whatever charset it declares (an unknown one falls back to UTF-8 with replacement).
Quoted HTML (``<blockquote>``, Gmail's ``gmail_quote``) is marked with ``> `` on the way so
the splitter sees it as quoted.
"""

from __future__ import annotations

import html
import re
from email.message import EmailMessage, Message
from html.parser import HTMLParser

from shopper.probes.email.parts import MailParts, split_text


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
    """The part a person reads as new: quoted history, signature, disclaimers cut away."""
    return split_text(text).new


def read_parts(message: EmailMessage) -> MailParts:
    """The message's body split into new text, quote, signature, disclaimer, footer, markers."""
    return split_text(body_text(message))


def reply_text(message: EmailMessage) -> str:
    """What the desk wrote in this message, as a person reads it."""
    return read_parts(message).new
