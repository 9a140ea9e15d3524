"""Which mail is an answer and which is not: bounces, out-of-office notes, auto-acknowledgements.

Headers decide first (RFC 3834 ``Auto-Submitted``, the ``X-Autoreply`` family, ``Precedence``,
RFC 3464 delivery reports, the ``MAILER-DAEMON`` sender); subject and body patterns in the
four languages we ship (en, zh, ko, ja) tell an out-of-office note from an acknowledgement.
A message without automation headers is an acknowledgement only when it is short and reads
like one ("automatic reply", "ticket #123 has been created", or "we have received your
request" together with a ticket number), so a human answer that starts with "thank you for
contacting us" is not thrown away.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import parseaddr
from typing import Literal

Kind = Literal["message", "auto_ack", "out_of_office", "bounce"]

BOUNCE_SENDERS = re.compile(r"^(mailer-daemon|postmaster|mail-daemon)@", re.IGNORECASE)
BOUNCE_SUBJECT = re.compile(
    r"undeliver|delivery (status notification|failure|has failed)|returned mail|"
    r"failure notice|退信|投递失败|발송 실패|배달 실패|配信不能|配送失敗",
    re.IGNORECASE,
)
OUT_OF_OFFICE = re.compile(
    r"out of (the )?office|\bOOO\b|on (annual )?leave|on vacation|on holiday|away from (the )?"
    r"office|currently away|limited access to (my )?e-?mail|"
    r"不在办公室|休假|外出|请假|"
    r"부재\s?중|휴가|외근|"
    r"不在にして|休暇|外出中|留守",
    re.IGNORECASE,
)
STRONG_ACK = re.compile(
    r"(request|ticket|case)\s*(#|no\.?|number)?\s*[A-Z0-9-]*\d[A-Z0-9-]*\s*(has been|was) "
    r"(created|received|opened|logged)|automatic(ally generated)? (reply|response|confirmation)|"
    r"do not reply to this (e-?mail|message)|"
    r"工单.{0,12}已(创建|提交)|自动回复|请勿(直接)?回复|"
    r"자동\s?(응답|회신)|회신하지 마십시오|"
    r"自動(返信|応答|送信)|返信しないで",
    re.IGNORECASE,
)
WEAK_ACK = re.compile(
    r"(we|we've|we have) received your (request|message|e-?mail|ticket)|"
    r"已收到|收到您的|접수되었습니다|접수 완료|受け付けました|受付(完了|いたしました)",
    re.IGNORECASE,
)
TICKET_NUMBER = re.compile(
    r"(#|\bno\.?|number|编号|번호|番号)\s*[:：]?\s*[A-Z0-9-]*\d", re.IGNORECASE
)
SHORT_ACK_CHARS = 600


@dataclass(frozen=True)
class Verdict:
    kind: Kind
    reason: str  # what decided it, recorded in the turn's meta


def _auto_headers(message: EmailMessage) -> str | None:
    auto = str(message.get("Auto-Submitted", "")).strip().lower()
    if auto and auto != "no":
        return f"Auto-Submitted: {auto}"
    for name in ("X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-Auto-Response"):
        if message.get(name) is not None:
            return name
    precedence = str(message.get("Precedence", "")).strip().lower()
    if precedence in {"auto_reply", "bulk", "junk", "list"}:
        return f"Precedence: {precedence}"
    if str(message.get("X-Precedence", "")).strip().lower() == "auto_reply":
        return "X-Precedence: auto_reply"
    return None


def _is_bounce(message: EmailMessage, envelope_from: str | None) -> str | None:
    if message.get_content_type() == "multipart/report":
        report = str(message.get_param("report-type", "") or "").lower()
        if report in {"delivery-status", ""}:
            return "multipart/report delivery-status"
    sender = parseaddr(str(message.get("From", "")))[1]
    if BOUNCE_SENDERS.match(sender) and BOUNCE_SUBJECT.search(str(message.get("Subject", ""))):
        return f"From: {sender}"
    if envelope_from == "" and BOUNCE_SUBJECT.search(str(message.get("Subject", ""))):
        return "null envelope sender"
    return None


def classify(message: EmailMessage, text: str, *, envelope_from: str | None = None) -> Verdict:
    """Decide what kind of turn ``message`` is; ``text`` is its body as read.

    ``envelope_from`` is the SMTP ``MAIL FROM`` when known (the listener inbox): ``""`` is the
    null sender bounces use.
    """
    bounce = _is_bounce(message, envelope_from)
    if bounce is not None:
        return Verdict("bounce", bounce)
    subject = str(message.get("Subject", ""))
    auto = _auto_headers(message)
    if auto is not None:
        if OUT_OF_OFFICE.search(subject) or OUT_OF_OFFICE.search(text[:SHORT_ACK_CHARS]):
            return Verdict("out_of_office", auto)
        return Verdict("auto_ack", auto)
    if OUT_OF_OFFICE.search(subject) and len(text) <= SHORT_ACK_CHARS:
        return Verdict("out_of_office", "subject pattern")
    both = f"{subject}\n{text}"
    if len(text) <= SHORT_ACK_CHARS and (
        STRONG_ACK.search(both) or (WEAK_ACK.search(both) and TICKET_NUMBER.search(both))
    ):
        return Verdict("auto_ack", "acknowledgement pattern")
    return Verdict("message", "no automation signs")
