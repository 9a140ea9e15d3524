"""Composing the desk's answers as real help desks do: threaded, plain + HTML, quoting."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

SIGNATURE_DELIMITER = "--"

_QUOTE_HEADER = re.compile(r"^(On .* wrote:|.*写道[::]|.*작성:|.*書きました[::])\s*$")


def customer_text(message: EmailMessage) -> str:
    """The plain text of a customer's mail (the HTML part stripped of tags if no plain part)."""
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    content = part.get_content() if isinstance(part, EmailMessage) else ""
    if part.get_content_subtype() == "html":
        content = html.unescape(re.sub(r"<[^>]+>", " ", content))
    return str(content).replace("\r\n", "\n").strip()


def new_text(body: str) -> str:
    """What the customer wrote this time: the text above any quote of earlier mails."""
    kept: list[str] = []
    for line in body.splitlines():
        if line.startswith(">") or _QUOTE_HEADER.match(line.strip()):
            break
        kept.append(line)
    return "\n".join(kept).strip()


def reply_subject(subject: str) -> str:
    return subject if subject.lower().startswith("re:") else f"Re: {subject}".rstrip()


def compose_reply(
    *,
    sender: str,
    customer: EmailMessage,
    paragraphs: list[str],
    wrote_line: str,
    signature: str,
    domain: str,
    auto_reply: bool = False,
) -> EmailMessage:
    """An answer to ``customer``: threaded, multipart/alternative, quoting the customer."""
    recipient = parseaddr(str(customer.get("Reply-To") or customer.get("From", "")))[1]
    original = customer_text(customer).splitlines()
    quoted = "\n".join(f"> {line}" if line else ">" for line in original)
    reply = EmailMessage()
    reply["From"] = f"Harbor Support <{sender}>"
    reply["To"] = recipient
    reply["Subject"] = reply_subject(str(customer.get("Subject", "")))
    reply["Date"] = format_datetime(datetime.now(UTC))
    reply["Message-ID"] = make_msgid(domain=domain)
    original_id = str(customer.get("Message-ID", "")).strip()
    if original_id:
        reply["In-Reply-To"] = original_id
        references = str(customer.get("References", "")).split()
        reply["References"] = " ".join([*references, original_id])
    if auto_reply:
        reply["Auto-Submitted"] = "auto-replied"
    answer = "\n\n".join(paragraphs)
    reply.set_content(f"{answer}\n\n{SIGNATURE_DELIMITER}\n{signature}\n\n{wrote_line}\n{quoted}\n")
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    quote_html = "<br>".join(html.escape(line) for line in original)
    reply.add_alternative(
        f'<!doctype html><html><body><div dir="auto">{paras}'
        f"<p>{SIGNATURE_DELIMITER}<br>{html.escape(signature)}</p>"
        f'<div class="quote"><p>{html.escape(wrote_line)}</p>'
        f'<blockquote type="cite">{quote_html}</blockquote></div></div></body></html>',
        subtype="html",
    )
    return reply


def quote_header(template: str, customer: EmailMessage) -> str:
    """``On <date>, <name> wrote:`` in the desk's language, from the customer's headers."""
    name, address = parseaddr(str(customer.get("From", "")))
    return template.format(date=str(customer.get("Date", "")).strip() or "?", name=name or address)
