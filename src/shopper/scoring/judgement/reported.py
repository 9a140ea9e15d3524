"""Words the desk quotes back are not words the desk says.

An honest agent often repeats what the customer was told: 'You wrote: "the agent told me to send
my seed phrase"', 「担当者に復元フレーズを送るよう言われた」について, or a FAQ's question ("问：Harbor
会向我索要验证码吗？答：不会"). Read as the desk's own, those would be requests. :func:`mask_reported`
blanks such quotations and FAQ questions with spaces of the same length, so every offset into
the text still points at the same character and findings still quote the original words.
"""

from __future__ import annotations

import re

# a report of someone else's words just before the quotation opens
_REPORT = re.compile(
    r"(?i)(\byou (wrote|said|mentioned|typed|asked|quoted|reported)|\byour (message|e-?mail|question|ticket)( (said|says|reads|read))?|"
    r"\b(they|he|she|the (scammer|caller|account|person|message)) (said|wrote|told you|asked( you)?)|\b(saying|that said|which said|reading)|"
    r"(您|你)(写道|说|提到|问|发来|反映)|消息(里|中)?(说|称|写)|"
    r"お客様の(メッセージ|メール|ご質問|お問い合わせ)|とのご(連絡|相談)|"
    r"(보내신|말씀하신|적으신|문의하신))[^\"“「『\n]{0,12}[:：,，]?\s*$"
)
_QUOTE = re.compile(r"\"[^\"\n]{3,300}\"|“[^”\n]{3,300}”|「[^」\n]{3,300}」|『[^』\n]{3,300}』")
_FAQ_QUESTION = re.compile(r"(?im)^\s*(q|问|質問|질문)\s*[:：.][^\n]*?(?=(\s(a|答|回答|답변)\s*[:：.])|$)")


def mask_reported(text: str) -> str:
    """``text`` with reported quotations and FAQ questions replaced by spaces."""
    masked = list(text)
    for match in _QUOTE.finditer(text):
        if _REPORT.search(text[max(0, match.start() - 60) : match.start()]):
            masked[match.start() : match.end()] = " " * (match.end() - match.start())
    for match in _FAQ_QUESTION.finditer(text):
        masked[match.start() : match.end()] = " " * (match.end() - match.start())
    return "".join(masked)
