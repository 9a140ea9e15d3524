"""Which mail is an answer and which is not: bounces, out-of-office notes, auto-acknowledgements.

A bounce is decided by headers (RFC 3464 ``multipart/report``, the ``MAILER-DAEMON`` sender,
the null envelope sender). Everything else is decided by meaning, with the automation
headers (RFC 3834 ``Auto-Submitted``, ``X-Autoreply``, ``Precedence``) as a hint only: a bot
that answers the question has answered (kind ``message``, ``automated``), whatever its
headers say. An acknowledgement says "received / ticket number / we will reply" and little
else: :func:`is_acknowledgement` drops the sentences that say that, the greetings and the
pleasantries, and calls it an acknowledgement when nothing of substance is left. The patterns
cover the four languages we ship (en, zh, ko, ja).
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
ACK_SENTENCE = re.compile(
    r"receiv|got (?:it|your)|ticket|please allow|bear with us|queue|"
    r"(?:being|been) (?:reviewed|processed|handled|forwarded)|"
    r"request (?:number|id|#)|case (?:number|id|#)|reference (?:number|id)|"
    r"(?:will|shall|'ll) (?:get back|reply|respond|answer|contact|be in touch|review|look into|follow up|update)|"
    r"get back to you|as soon as (?:possible|we can)|will be with you|"
    r"within (?:\d+|one|two|three|four|five|a few|\d+\s*-\s*\d+)\s*(?:business |working )?(?:hours?|days?)|"
    r"automat(?:ic|ed)|auto-?generated|do not reply|no-?reply|confirm(?:ation|s)? (?:that|of)|"
    r"reached us|(?:respond|reply|answer|get back)(?: to you)? (?:shortly|soon)|"
    r"已收到|收到您的|已(?:提交|受理|创建|登记)|工单|请求编号|编号|会尽快|尽快(?:回复|处理|与您联系)|\d+\s*(?:个)?(?:小时|工作日)内|"
    r"自动回复|请勿(?:直接)?回复|(?:会|将)(?:通过.{0,6}|在.{0,10})?(?:回复|联系|答复|处理)|"
    r"접수|티켓|문의 번호|번호|빠른 시일|최대한 빨리|\d+\s*(?:시간|영업일)\s*(?:이내|내)|회신|답변\s?드리|연락\s?드리|담당자|"
    r"자동|"
    r"受け付け|受付|ご連絡(?:します|いたします|差し上げます)|ご回答(?:します|いたします)|担当者より|承りました|チケット|問い合わせ番号|番号|折り返し|改めて(?:ご連絡|ご回答)|"
    r"\d+\s*(?:時間|営業日)以内|自動|返信しないで|ご返信いただ",
    re.IGNORECASE,
)
FILLER_SENTENCE = re.compile(
    r"^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))\b|"
    r"thank(?:s| you) for (?:contacting|reaching out|writing|your (?:message|e-?mail|patience|inquiry))|"
    r"help (?:center|centre)|knowledge base|faq|in the meantime|"
    r"^(?:best|kind|warm)?\s*regards|^thanks|^sincerely|support team$|"
    r"您好|你好|感谢您(?:的)?(?:联系|来信|耐心)|谢谢|此致|祝好|帮助中心|客服团队|"
    r"안녕하세요|문의(?:해)? 주셔서 감사|감사합니다|고객(?:지원|센터|지원팀)|도움말 센터|"
    r"お世話になっております|(?:この度は)?お問い合わせ(?:いただき)?(?:、)?(?:誠に)?ありがとう|"
    r"(?:この度は)?お問い合わせいただき|ありがとうございます|"
    r"よろしくお願い|ヘルプセンター|サポートチーム|カスタマーサポート|様$",
    re.IGNORECASE,
)
# what only a receipt says: that the mail arrived or that an answer will come (a ticket number
# alone is not enough without automation headers: "Thanks, ticket #12. Noted." is a person's)
RECEIPT = re.compile(
    r"receiv|got (?:it|your)|reached us|(?:will|shall|'ll) (?:get back|reply|respond|answer|contact"
    r"|be in touch|review|look into|follow up)|as soon as|within \d|automat|do not reply|"
    r"已收到|收到您的|已(?:提交|受理|创建|登记)|会|将|尽快|自动|"
    r"접수|답변\s?드리|연락\s?드리|자동|"
    r"受け付け|受付|承りました|ご連絡|ご回答|折り返し|自動",
    re.IGNORECASE,
)
# what a receipt may ask of the customer besides ("to verify your wallet, please send us …"):
# not an answer to the question, so it does not make an automated receipt an answer
REQUEST = re.compile(
    r"please (?:send|provide|reply|include|confirm|verify|attach|fill)|to verify|in reply to this|"
    r"请(?:提供|发送|回复|附上|确认|验证)|以便(?:核实|验证)|"
    r"보내\s?주(?:십시오|세요)|제공해\s?주|회신해\s?주|확인을 위해|"
    r"お送りください|ご提供ください|ご返信ください|確認のため",
    re.IGNORECASE,
)
# sentences, and the clauses of a sentence ("we received it, and refunded it": two clauses)
CLAUSE_END = re.compile(r"(?<=[.!?。！？,;，；、:：])\s*|\n+|\s+(?:and|but|so)\s+|(?<=며)\s+|(?<=고)\s+")
SUBSTANCE_CHARS = 8  # a clause that says something else with this many letters is an answer
WEAK_ACK = re.compile(
    r"(we|we've|we have) received your (request|message|e-?mail|ticket)|"
    r"已收到|收到您的|已(?:提交|受理|创建|登记)|접수되었습니다|접수 완료|受け付けました|受付(完了|いたしました)",
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
    automated: bool = False  # a bot or autoresponder sent it (the headers said so)


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


def is_acknowledgement(text: str, *, automated: bool = False) -> bool:
    """True when ``text`` says only "received / ticket number / we will reply" and niceties.

    ``automated`` (the headers say a robot sent it): a request to the customer ("please send
    us …") does not make it an answer either; it answers nothing.
    """
    clauses = [c.strip() for c in CLAUSE_END.split(text) if c and c.strip()]
    said_ack = False
    for clause in clauses:
        if ACK_SENTENCE.search(clause):
            said_ack = True
        elif automated and REQUEST.search(clause):
            continue
        elif not FILLER_SENTENCE.search(clause) and len(re.sub(r"\W", "", clause)) > SUBSTANCE_CHARS:
            return False
    return said_ack


def _first_substantive_clause(text: str) -> str:
    """The first clause that is not a greeting or a pleasantry ("您好，我正在休假" → "我正在休假")."""
    for clause in CLAUSE_END.split(text):
        if clause and clause.strip() and not FILLER_SENTENCE.search(clause):
            return clause
    return ""


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
    hint = auto or "no automation headers"
    short = len(text) <= SHORT_ACK_CHARS
    if OUT_OF_OFFICE.search(subject) and (auto is not None or short):
        return Verdict("out_of_office", f"{hint}; out-of-office subject", automated=auto is not None)
    if auto is not None and OUT_OF_OFFICE.search(text[:SHORT_ACK_CHARS]):
        return Verdict("out_of_office", f"{hint}; out-of-office text", automated=True)
    if short and OUT_OF_OFFICE.search(_first_substantive_clause(text)):
        return Verdict("out_of_office", f"{hint}; opens with an out-of-office note",
                       automated=auto is not None)
    if not text.strip() and auto is not None:
        return Verdict("auto_ack", f"{hint}; no text", automated=True)
    if short and is_acknowledgement(text, automated=auto is not None) and (
        auto is not None or RECEIPT.search(text)
    ):
        return Verdict("auto_ack", f"{hint}; only says it was received", automated=auto is not None)
    both = f"{subject}\n{text}"
    if auto is None and short and (
        STRONG_ACK.search(both) and is_acknowledgement(text)
    ):
        return Verdict("auto_ack", "acknowledgement pattern")
    return Verdict("message", f"{hint}; answers" if auto else "no automation signs",
                   automated=auto is not None)
