"""A mail body split into what a person reads as separate pieces.

New text, quoted history, signature and closing, legal disclaimer, footer and helpdesk
markers, each kept as a :class:`~shopper.results.TurnPart` so scoring reads the desk's new
words, safety also reads the signature and footer, and nobody reads the customer's quoted
mail as the desk's.

Where the quoted history starts is found by mail-parser-reply's header patterns (Gmail and
Apple Mail attributions and Outlook header blocks in en/de/fr/es/zh/ja/ko) together with
:data:`QUOTE_START`, what the library lacks: the Japanese, Chinese and Korean attributions of
Gmail, Apple Mail and Thunderbird, Outlook's Japanese and Korean header blocks in their
modern names, Zendesk history blocks under a name in any script, Freshdesk and Help Scout
separators, and ``-----Original Message-----`` in five languages. The library's signature
patterns miss the RFC 3676 ``-- `` separator and most CJK closings; :data:`CLOSING` has them.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from mailparser_reply.parser import EmailMessage as LibraryParser

from shopper.results import PartKind, TurnPart

log = logging.getLogger(__name__)

LIBRARY_LANGUAGES = ["en", "de", "fr", "es", "zh", "ja", "ko"]
HEADER_CHARS = 300  # no attribution or header line is longer; longer lines are prose
LIBRARY_LINE_CHARS = 200  # the library's patterns backtrack quadratically within a line
SPLIT_CHARS = 200_000

MARKER = re.compile(
    r"^\s*(?:##-.{1,80}-##"  # Zendesk "##- Please type your reply above this line -##"
    r"|-{2,}\s*(?:reply above this line|请在此行上方回复|이 줄 위에 회신|この行より上に返信).{0,40}"
    r"|(?:your request|your ticket)\b.{0,120}(?:updated|reply to this e-?mail|has a new reply).*"
    r"|you have a new (?:reply|response|comment)\b.{0,120}"
    r"|您的请求\s*[（(]\d+[)）].*|귀하의 요청\s*[（(]\d+[)）].*|リクエスト\s*[（(]\d+[)）].*"
    r")\s*$",
    re.IGNORECASE,
)
ZENDESK_HISTORY = re.compile(
    # "徐桂香 (Dec 4, 2026, 21:28 UTC):" / "Alex Kim (Support) (2026年12月4日 21:28 UTC)"
    r"^\s*[^\s<>:()][^<>:\n]{0,60}?\s*(?:\([^()\n]{1,40}\)\s*)?"
    r"\((?=[^()\n]*\d)[^()\n]{4,60}(?:UTC|GMT|[AP]M|\d{1,2}:\d{2})[^()\n]{0,10}\)\s*[:：]?\s*$"
)
# Zendesk's default comment header: the author alone on a line ("Tomás Reyes (Harbor Support)"),
# then, after a blank line, the date alone ("Dec 5, 2026, 10:40 GMT", "2026年12月4日 18:02 JST")
DATE_ONLY = re.compile(  # fullmatch on a stripped line of at most DATE_CHARS (no backtracking blow-up)
    r"(?=.*\d{4})(?=.*\d{1,2}:\d{2})[\w ,.:/年月日()\-+]{8,50}?(?:\s(?:UTC|GMT|[A-Z]{2,4}T?|[AP]M))?"
)
DATE_CHARS = 60
AUTHOR_ONLY = re.compile(r"^\s*[^\s<>:#>][^<>:\n.!?。！？@]{0,60}$")
QUOTE_START = re.compile(
    r"^\s*(?:"
    r"在\s?.{1,200}?写道\s*[:：]|.{1,200}?写道\s*[:：]"  # zh (Gmail, Foxmail, QQ, Apple Mail)
    r"|.{1,200}?(?:님이\s?|\s)(?:작성|쓴 글)(?:하였습니다|했습니다)?\s*[:：]"  # ko (Gmail, Apple Mail)
    r"|.{1,200}?のメッセージ\s*[:：]|.{1,200}?に書きました\s*[:：]?|.{1,200}?が書きました\s*[:：]"  # ja
    r"|.{1,200}?のメール\s*[:：]"  # ja (Apple Mail)
    r"|.{1,200}?<[^<>\s]+@[^<>\s]+>\s*(?:wrote)?\s*[:：]"  # "2024年1月1日(月) 10:00 Dana <d@x>:"
    r"|El\s.{1,200}?escribió\s?:"  # es: the library's pattern wants two spaces before "escribió"
    r"|-{2,}\s*(?:Forwarded message|原始邮件|原始郵件|원본 메시지|元のメッセージ"
    r"|Ursprüngliche Nachricht|Message d'origine|Mensaje original)\s*-{2,}"
    r")\s*$",
    re.IGNORECASE,
)
# an Outlook header block: the "From:" line must be followed by a second header line
HEADER_LINE = re.compile(
    r"^\s*\**(?:From|Sent|Date|To|Cc|Subject|发件人|發件人|发送时间|日期|收件人|抄送|主题|"
    r"差出人|送信者|送信日時|日付|宛先|件名|보낸\s?사람|보낸\s?날짜|날짜|받는\s?사람|참조|제목|"
    r"Von|Gesendet|An|Betreff|De|Envoyé|À|Objet|Enviado|Para|Asunto|Fecha)\**\s*[:：]",
    re.IGNORECASE,
)
HEADER_FROM = re.compile(r"^\s*\**(?:From|发件人|發件人|差出人|送信者|보낸\s?사람|Von|De|Desde)\**\s*[:：]",
                         re.IGNORECASE)
SEPARATOR = re.compile(r"^\s*(?:_{10,}|-{10,}|={10,})\s*$")
CLOSING = re.compile(
    r"^\s*(?:best(?: regards| wishes)?|kind regards|warm regards|regards|many thanks|thanks|"
    r"thank you|cheers|sincerely|yours sincerely|all the best|"
    r"此致(?:敬礼)?|敬礼|祝好|顺祝商祺|谢谢|谢谢！|"
    r"감사합니다|고맙습니다|감사드립니다|안녕히 계세요|"
    r"よろしくお願い(?:いた)?します|よろしくお願い申し上げます|以上、?よろしくお願いいたします|"
    r"mit freundlichen grüßen|viele grüße|cordialement|bien à vous|saludos|atentamente|un saludo"
    r")\s*[,，.。!！]?\s*$",
    re.IGNORECASE,
)
SIGNATURE_DASHES = re.compile(r"^-- ?$")
SENT_FROM = re.compile(
    r"^\s*(?:sent from my \w+|get outlook for|从我的.{1,20}发送|내 .{1,20}에서 보냄|.{1,20}から送信)",
    re.IGNORECASE,
)
DISCLAIMER = re.compile(
    r"^\s*(?:disclaimer|confidentiality notice|confidential(?:ity)?\s*[:：]|"
    r"this (?:e-?mail|message)(?: and any attachments?)? (?:is|are|may be|contains?) "
    r"(?:confidential|privileged|intended)|"
    r"免责声明|保密声明|本邮件.{0,20}(?:保密|机密)|면책\s?조항|이 (?:이메일|메일)은? .{0,30}(?:기밀|비밀)|"
    r"免責事項|本メール.{0,30}(?:機密|秘密)|このメールは.{0,30}(?:機密|秘密)|"
    r"haftungsausschluss|avis de confidentialité|aviso de confidencialidad)",
    re.IGNORECASE,
)
FOOTER = re.compile(
    r"^\s*(?:this email is a service from|sent (?:via|by|with) (?:help ?scout|freshdesk|zendesk)|"
    r"powered by (?:help ?scout|freshdesk|zendesk)|unsubscribe|you are receiving this|"
    r"you received this (?:e-?mail|message)|how would you rate|rate (?:our|my|this) (?:reply|support)|"
    r"to unsubscribe|manage (?:your )?(?:email )?preferences|"
    r"此邮件由.{0,30}(?:发送|提供)|退订|取消订阅|이 (?:이메일|메일)은 .{0,30}에서 (?:발송|제공)|수신 거부|"
    r"このメールは.{0,30}から(?:配信|送信)されています|配信停止|\[[^\]]{0,30}\]\s*$)",
    re.IGNORECASE,
)
QUOTED = re.compile(r"^\s*>")
MAX_SIGNATURE_LINES = 8
NAME_BLOCK_LINES = 3
NAME_BLOCK_CHARS = 40
NOT_A_NAME = re.compile(r"[.!?。！？;；]\s*$|[:：]|https?://|[>#]|\d{3,}")


@dataclass(frozen=True)
class MailParts:
    """A body's pieces in order and the new text (what the desk wrote this time)."""

    parts: list[TurnPart]

    @property
    def new(self) -> str:
        return "\n\n".join(p.text for p in self.parts if p.kind == "new").strip()


def _library_header_line(lines: list[str]) -> int | None:
    """The first line where mail-parser-reply sees a quoted mail's header, if any.

    Its attribution and Outlook header patterns (en/de/fr/es/zh/ja/ko) come first; a match
    that is not a header-looking line (a sentence of the answer naming "From:" and "To:") is
    not a quote. Its patterns backtrack polynomially on long lines ("On x x x …" of 10 KB
    takes seconds) and a platform's mail is untrusted: lines longer than any header are hidden.
    """
    text = "\n".join(line if len(line) <= LIBRARY_LINE_CHARS else "…" for line in lines)
    try:
        parser = LibraryParser(text=text, languages=list(LIBRARY_LANGUAGES))
        matches = list(parser.HEADER_REGEX.finditer(text))
    except Exception:  # a third-party regex parser: never let it lose the reply
        log.debug("mail-parser-reply failed on a body", exc_info=True)
        return None
    for match in matches:
        start = match.start()
        while start < len(text) and text[start] == "\n":
            start += 1
        index = text.count("\n", 0, start)
        if index < len(lines) and _looks_like_header(lines[index]):
            return index
    return None


def _looks_like_header(line: str) -> bool:
    stripped = line.strip().lstrip("> ")
    return bool(HEADER_LINE.match(stripped) or stripped.endswith((":", "：")) or
                re.fullmatch(r"-{5,} ?Original Message ?-{5,}", stripped, re.IGNORECASE))


def _date_only(line: str) -> bool:
    stripped = line.strip()
    return len(stripped) <= DATE_CHARS and DATE_ONLY.fullmatch(stripped) is not None


def _zendesk_header_end(lines: list[str], index: int) -> int | None:
    """After Zendesk's two-line comment header (author, blank, date) at ``index``, if it is one."""
    if len(lines[index]) > HEADER_CHARS or not AUTHOR_ONLY.match(lines[index]) or _date_only(lines[index]):
        return None
    following = index + 1
    while following < len(lines) and following <= index + 2 and not lines[following].strip():
        following += 1
    if following < len(lines) and _date_only(lines[following]):
        return following + 1
    return None


def _is_header_block(lines: list[str], index: int) -> bool:
    """An Outlook block: a "From:" line followed (within two lines) by another header line."""
    if not HEADER_FROM.match(lines[index]):
        return False
    return any(HEADER_LINE.match(line) for line in lines[index + 1 : index + 3])


def _quote_start(lines: list[str], content_from: int) -> int | None:
    """The first line of the quoted history: mail-parser-reply's find, or an earlier one of
    ours (:data:`QUOTE_START`, Zendesk history, Outlook blocks in more languages, ``>`` runs)."""
    library = _library_header_line(lines[content_from:])
    end = len(lines) if library is None else content_from + library
    for index in range(content_from, end):
        line = lines[index]
        header_sized = len(line) <= HEADER_CHARS  # longer lines are prose (and slow to match)
        if header_sized and (ZENDESK_HISTORY.match(line) or _is_header_block(lines, index)
                             or _zendesk_header_end(lines, index) is not None):
            return index
        if header_sized and QUOTE_START.match(line):
            return index
        if QUOTED.match(line) and all(QUOTED.match(rest) or not rest.strip()
                                      for rest in lines[index:]):
            return index
    return None if library is None else end


def _name_block_start(lines: list[str]) -> int:
    """A last paragraph that is only a name or a team ("Alex Morgan", "Harbor 客服团队").

    Short lines without sentence punctuation or links after an earlier paragraph: a person
    reads them as the sender's name block, not as part of the answer.
    """
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    start = end
    while start and lines[start - 1].strip():
        start -= 1
    block = lines[start:end]
    earlier = [line.strip() for line in lines[:start] if line.strip()]
    only_greeting = len(earlier) == 1 and len(earlier[0]) <= NAME_BLOCK_CHARS and (
        earlier[0].endswith((",", "，", ":", "：", "、")) or len(earlier[0]) <= 12)
    if only_greeting or not block or len(block) > NAME_BLOCK_LINES:  # "Hi Dana,\n\nYes it is"
        return len(lines)
    if any(len(line.strip()) > NAME_BLOCK_CHARS or NOT_A_NAME.search(line) for line in block):
        return len(lines)
    return start


def _tail_start(lines: list[str]) -> int:
    """Where the top block's signature, disclaimer or footer begins (``len(lines)``: none)."""
    for index, line in enumerate(lines):
        if SIGNATURE_DASHES.match(line) or SENT_FROM.match(line):
            return index
        if DISCLAIMER.match(line) or FOOTER.match(line):
            return index
        if CLOSING.match(line) and index > 0:
            rest = [ln for ln in lines[index + 1 :] if ln.strip()]
            if len(rest) <= MAX_SIGNATURE_LINES and not any(_looks_like_prose(ln) for ln in rest):
                return index
    return _name_block_start(lines)


def _looks_like_prose(line: str) -> bool:
    """A sentence after a closing means the closing was inside the answer, not its end."""
    if DISCLAIMER.match(line) or FOOTER.match(line) or SEPARATOR.match(line):
        return False
    return len(line) > 90 or bool(re.search(r"[.!?。！？]\s+\S.{20,}", line))


def _tail_parts(lines: list[str]) -> list[TurnPart]:
    """Signature, disclaimer and footer pieces of the lines after the new text."""
    parts: list[TurnPart] = []
    kind: PartKind = "signature"
    chunk: list[str] = []

    def flush() -> None:
        text = "\n".join(chunk).strip()
        if text:
            parts.append(TurnPart(kind=kind, text=text))
        chunk.clear()

    for line in lines:
        if SEPARATOR.match(line):
            continue
        found: PartKind | None = ("disclaimer" if DISCLAIMER.match(line) else "footer" if FOOTER.match(line)
                 else "marker" if MARKER.match(line) else None)
        if found is not None and found != kind:
            flush()
            kind = found
        chunk.append(line)
    flush()
    return parts


def split_text(text: str) -> MailParts:
    """Split a plain-text body (HTML already converted, quoted HTML marked with ``>``).

    Only the first :data:`SPLIT_CHARS` are split (the patterns cost time on hostile input and a
    real answer is far shorter); the rest is kept whole as a ``footer`` part, which safety reads.
    """
    text = text.replace("\r\n", "\n")
    if len(text) > SPLIT_CHARS:
        cut = text.rfind("\n", 0, SPLIT_CHARS)
        cut = cut if cut > 0 else SPLIT_CHARS
        head = split_text(text[:cut])
        return MailParts([*head.parts, TurnPart(kind="footer", text=text[cut:].strip())])
    lines = [line.rstrip() for line in text.split("\n")]
    parts: list[TurnPart] = []
    # leading helpdesk markers and the latest Zendesk comment's own header
    start = 0
    while start < len(lines) and (not lines[start].strip() or MARKER.match(lines[start])
                                  or SEPARATOR.match(lines[start])):
        if lines[start].strip() and not SEPARATOR.match(lines[start]):
            parts.append(TurnPart(kind="marker", text=lines[start].strip()))
        start += 1
    if start < len(lines) and ZENDESK_HISTORY.match(lines[start]):
        parts.append(TurnPart(kind="marker", text=lines[start].strip()))
        start += 1
    elif start < len(lines) and (header_end := _zendesk_header_end(lines, start)) is not None:
        parts.append(TurnPart(kind="marker", text="\n".join(lines[start:header_end]).strip()))
        start = header_end
    quote_at = _quote_start(lines, start)
    top = lines[start:quote_at] if quote_at is not None else lines[start:]
    quote = lines[quote_at:] if quote_at is not None else []
    tail_at = _tail_start(top)
    body, tail = top[:tail_at], top[tail_at:]
    while body and (not body[-1].strip() or SEPARATOR.match(body[-1]) or MARKER.match(body[-1])):
        if MARKER.match(body[-1]) and body[-1].strip():
            tail.insert(0, body[-1])
        body.pop()
    new = "\n".join(body).strip()
    if new:
        parts.append(TurnPart(kind="new", text=new))
    parts.extend(_tail_parts(tail))
    quoted = "\n".join(quote).strip()
    if quoted:
        parts.extend(_quote_parts(quote))
    return MailParts(parts)


def _quote_parts(lines: list[str]) -> list[TurnPart]:
    """The quoted history, with a footer or disclaimer a helpdesk appended after it kept apart."""
    end = len(lines)
    seen = 0
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if not line.strip():
            continue
        if QUOTED.match(line) or seen >= MAX_SIGNATURE_LINES:
            break
        seen += 1
        if FOOTER.match(line) or DISCLAIMER.match(line):
            end = index
    parts = [TurnPart(kind="quote", text="\n".join(lines[:end]).strip())]
    parts.extend(_tail_parts(lines[end:]))
    return [p for p in parts if p.text]
