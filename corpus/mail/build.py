"""Writes the mail format corpus: raw .eml files and a labelled sidecar for each.

Run ``python corpus/mail/build.py`` from the repository root; it rewrites ``corpus/mail/eml/``.
Every mail is composed here from the formats as their vendors document them (Zendesk
notification placeholders, Outlook's reply header block, Gmail and Apple Mail attribution
lines, RFC 3464 delivery reports, RFC 3834 Auto-Submitted); no mail is copied from anywhere.
The sidecar ``NAME.json`` holds the truth: ``kind``, ``automated``, the exact ``new`` text,
the ``quoted`` lines that must never appear in the new text, and ``split`` (tune or test).
"""

from __future__ import annotations

import email.charset
import json
import shutil
from email import message_from_string, policy
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.header import Header
from email.utils import formataddr, formatdate
from html import escape
from pathlib import Path

OUT = Path(__file__).parent / "eml"
# UTF-8 bodies as 8bit text, so the corpus reads in a diff; legacy charsets keep their encoding
email.charset.add_charset("utf-8", email.charset.SHORTEST, None, "utf-8")
DESK = "support@harbor.example"

L: dict[str, dict[str, list[str] | str]] = {
    "en": {
        "agents": ["Alex Morgan", "Priya Shah", "Tom Becker"],
        "customers": ["Dana Lee", "Chris Wood", "Sam Ortiz"],
        "greeting": ["Hello {c},", "Hi {c},", "Dear {c},"],
        "answers": [
            "Your withdrawal of 0.5 BTC was held for a routine network review. It was released "
            "at 14:02 UTC and should arrive within 30 minutes.\n\nYou can follow it in Wallet > History.",
            "I have unlocked your account; it was locked after three failed sign-in attempts.\n\n"
            "Please sign in again and change your password under Settings > Security.",
            "The fee you saw is the network fee, not ours: it depends on how busy the blockchain "
            "is when you send.\n\nSending outside peak hours usually halves it.",
        ],
        "near": [
            "Thank you for contacting us. We have received your request and refunded the 12 USD "
            "fee to your wallet.",
            "Thanks for reaching out. Your ticket #5521 is solved: the deposit was credited at "
            "09:15 after 12 confirmations.",
            "We received your message. Your daily limit is now 5,000 USD, effective immediately.",
        ],
        "acks": [
            "Thank you for contacting Harbor Support.\n\nWe have received your request and "
            "created ticket #{n}. An agent will reply within 24 hours.",
            "Your request ({n}) has been received and is being reviewed by our support staff.\n\n"
            "Please do not reply to this message.",
            "Hi {c},\n\nWe got your email, ticket #{n}. We will get back to you as soon as possible.",
        ],
        "ooo": ["I am out of the office until 8 December with limited access to email.",
                "I'm on annual leave and will be back on Monday.",
                "Thanks for your email. I am currently away from the office."],
        "ooo_subject": "Out of Office: {s}",
        "closing": ["Best regards,", "Kind regards,", "Thanks,"],
        "team": "Customer Support | Harbor Exchange",
        "disclaimer": "CONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential "
                      "and intended only for the named recipient. If you received it in error, "
                      "please delete it.",
        "footer": "You are receiving this email because you contacted Harbor Support.",
        "customer": ["My BTC withdrawal has been pending for 6 hours.",
                     "Transaction ID: 7f3a9c21.",
                     "Can you tell me what is going on?"],
        "subject": "Withdrawal pending",
        "zd_marker": "##- Please type your reply above this line -##",
        "zd_intro": "Your request (4711) has been updated. To add additional comments, reply to this email.",
        "zd_date": ["Dec 4, 2026, 21:40 UTC", "Dec 5, 2026, 08:02 UTC", "Dec 6, 2026, 10:15 UTC"],
        "zd_cdate": "Dec 4, 2026, 21:28 UTC",
        "zd_footer": "This email is a service from Harbor Support.",
        "gmail": "On Fri, Dec 4, 2026 at 9:28 PM {c} <{e}> wrote:",
        "apple": "On Dec 4, 2026, at 21:28, {c} <{e}> wrote:",
        "outlook": "From: {c} <{e}>\nSent: Friday, December 4, 2026 9:28 PM\nTo: Harbor Support "
                   "<" + DESK + ">\nSubject: {s}",
        "original": "-----Original Message-----",
        "fd": "On Fri, 4 Dec at 9:28 PM , {c} <{e}> wrote:",
        "charset": "iso-8859-1",
    },
    "zh": {
        "agents": ["王磊", "李娜", "陈静"],
        "customers": ["徐桂香", "张伟", "刘洋"],
        "greeting": ["{c}，您好：", "您好，{c}：", "尊敬的{c}："],
        "answers": [
            "您的0.5 BTC提现已通过网络审核，于14:02（UTC）放行，预计30分钟内到账。\n\n"
            "您可以在“钱包 > 历史记录”中查看进度。",
            "您的账户因连续三次登录失败被锁定，我已为您解锁。\n\n请重新登录，并在“设置 > 安全”中修改密码。",
            "您看到的费用是区块链网络手续费，并非我们收取，金额取决于发送时网络的繁忙程度。\n\n"
            "在非高峰时段发送通常可以节省一半费用。",
        ],
        "near": [
            "感谢您的来信。我们已收到您的请求，并已将12美元手续费退回到您的钱包。",
            "感谢您联系我们。您的工单 #5521 已解决：充值已在12次确认后于09:15到账。",
            "已收到您的邮件。您的每日提现限额已调整为5000美元，立即生效。",
        ],
        "acks": [
            "您好，\n\n我们已收到您的请求，工单编号 #{n}。客服人员会在24小时内通过邮件回复您。",
            "感谢您联系 Harbor 客服。您的请求（{n}）已提交，我们会尽快处理。\n\n此邮件为自动回复，请勿直接回复。",
            "{c}，您好：\n\n已收到您的邮件，工单号 #{n}。我们将尽快与您联系。",
        ],
        "ooo": ["我目前休假中，12月8日返回，期间无法及时回复邮件。",
                "我不在办公室，周一回来后会尽快回复。",
                "您好，我正在休假，暂时无法处理邮件。"],
        "ooo_subject": "自动回复：{s}",
        "closing": ["此致", "祝好！", "谢谢！"],
        "team": "Harbor 客服团队",
        "disclaimer": "免责声明：本邮件及其附件仅供指定收件人使用，可能包含保密信息。如您误收本邮件，请立即删除。",
        "footer": "此邮件由 Harbor 客服系统发送。",
        "customer": ["我的比特币提现已经等待6个小时了。", "交易编号：7f3a9c21。", "请问是怎么回事？"],
        "subject": "提现未到账",
        "zd_marker": "##- 请在此行上方输入回复 -##",
        "zd_intro": "您的请求 (4711) 已更新。如需添加评论，请直接回复此邮件。",
        "zd_date": ["2026年12月4日 21:40 UTC", "2026年12月5日 08:02 UTC", "2026年12月6日 10:15 UTC"],
        "zd_cdate": "Dec 4, 2026, 21:28 UTC",
        "zd_footer": "此邮件由 Harbor 客服提供。",
        "gmail": "在 2026年12月4日周五 21:28，{c} <{e}> 写道：",
        "apple": "2026年12月4日 21:28，{c} <{e}> 写道：",
        "outlook": "发件人: {c} <{e}>\n发送时间: 2026年12月4日 21:28\n收件人: Harbor 客服 <" + DESK
                   + ">\n主题: {s}",
        "original": "------------------ 原始邮件 ------------------",
        "fd": "在 2026年12月4日 21:28，{c} <{e}> 写道：",
        "charset": "gb2312",
    },
    "ko": {
        "agents": ["김민수", "이서연", "박지훈"],
        "customers": ["최유진", "정하늘", "강도윤"],
        "greeting": ["{c}님, 안녕하세요.", "안녕하세요, {c}님.", "{c} 고객님께,"],
        "answers": [
            "고객님의 0.5 BTC 출금은 네트워크 검토 후 14:02(UTC)에 승인되었으며 30분 이내에 도착할 예정입니다.\n\n"
            "지갑 > 내역에서 진행 상황을 확인하실 수 있습니다.",
            "로그인 3회 실패로 잠긴 계정을 해제해 드렸습니다.\n\n다시 로그인하신 후 설정 > 보안에서 비밀번호를 변경해 주세요.",
            "보신 수수료는 당사 수수료가 아니라 블록체인 네트워크 수수료이며, 전송 시점의 혼잡도에 따라 달라집니다.\n\n"
            "혼잡하지 않은 시간에 보내시면 보통 절반 정도로 줄어듭니다.",
        ],
        "near": [
            "문의해 주셔서 감사합니다. 요청을 접수했으며 수수료 12달러를 지갑으로 환불해 드렸습니다.",
            "연락 주셔서 감사합니다. 티켓 #5521은 해결되었습니다: 입금이 12회 확인 후 09:15에 반영되었습니다.",
            "메일 잘 받았습니다. 일일 출금 한도를 5,000달러로 변경했으며 바로 적용됩니다.",
        ],
        "acks": [
            "안녕하세요.\n\n문의가 접수되었습니다. 티켓 번호 #{n}. 담당자가 24시간 이내에 이메일로 답변드리겠습니다.",
            "Harbor 고객지원에 문의해 주셔서 감사합니다. 요청({n})이 접수되었습니다.\n\n이 메일은 자동 발송되었으니 회신하지 마십시오.",
            "{c}님, 안녕하세요.\n\n메일이 접수되었습니다(티켓 #{n}). 최대한 빨리 연락드리겠습니다.",
        ],
        "ooo": ["12월 8일까지 휴가 중이라 메일 확인이 어렵습니다.",
                "현재 부재 중입니다. 월요일에 복귀 후 답변드리겠습니다.",
                "출장으로 부재중이며 이메일 확인이 늦어질 수 있습니다."],
        "ooo_subject": "부재 중: {s}",
        "closing": ["감사합니다.", "고맙습니다.", "감사합니다,"],
        "team": "Harbor 고객지원팀",
        "disclaimer": "면책 조항: 이 이메일은 기밀 정보를 포함할 수 있으며 지정된 수신자만을 위한 것입니다. 잘못 받으셨다면 삭제해 주십시오.",
        "footer": "이 메일은 Harbor 고객센터에서 발송되었습니다.",
        "customer": ["비트코인 출금이 6시간째 대기 중입니다.", "거래 ID: 7f3a9c21.", "어떻게 된 일인지 알려주세요."],
        "subject": "출금 대기",
        "zd_marker": "##- 이 줄 위에 회신을 입력하십시오 -##",
        "zd_intro": "귀하의 요청 (4711)이 업데이트되었습니다. 의견을 추가하려면 이 이메일에 회신하십시오.",
        "zd_date": ["2026년 12월 4일 21:40 UTC", "2026년 12월 5일 08:02 UTC", "2026년 12월 6일 10:15 UTC"],
        "zd_cdate": "2026년 12월 4일 21:28 UTC",
        "zd_footer": "이 이메일은 Harbor 고객지원 서비스입니다.",
        "gmail": "2026년 12월 4일 (금) 오후 9:28, {c} <{e}>님이 작성:",
        "apple": "2026. 12. 4. 오후 9:28, {c} <{e}> 작성:",
        "outlook": "보낸 사람: {c} <{e}>\n보낸 날짜: 2026년 12월 4일 금요일 오후 9:28\n받는 사람: Harbor 고객지원 <"
                   + DESK + ">\n제목: {s}",
        "original": "-----원본 메시지-----",
        "fd": "2026년 12월 4일 (금) 오후 9:28, {c} <{e}>님이 작성:",
        "charset": "euc-kr",
    },
    "ja": {
        "agents": ["佐藤 健", "鈴木 花子", "高橋 翔"],
        "customers": ["山田 太郎", "中村 美咲", "小林 大輔"],
        "greeting": ["{c} 様", "{c} 様\n\nお世話になっております。", "{c} 様\n\nお問い合わせありがとうございます。"],
        "answers": [
            "ご依頼の0.5 BTCの出金はネットワーク審査のため保留されていましたが、14:02（UTC）に承認されました。"
            "30分以内に着金する見込みです。\n\nウォレット > 履歴 から状況をご確認いただけます。",
            "3回連続でログインに失敗したためロックされていたアカウントを解除いたしました。\n\n"
            "再度ログインのうえ、設定 > セキュリティ からパスワードを変更してください。",
            "表示された手数料は当社の手数料ではなく、ブロックチェーンのネットワーク手数料です。送信時の混雑状況により変動します。\n\n"
            "混雑していない時間帯に送信すると、通常は半分ほどになります。",
        ],
        "near": [
            "お問い合わせありがとうございます。ご依頼を受け付け、手数料12ドルをウォレットに返金いたしました。",
            "ご連絡ありがとうございます。チケット #5521 は解決済みです。入金は12回の承認後、09:15に反映されました。",
            "メールを拝受しました。1日の出金上限を5,000ドルに変更し、すぐに適用されています。",
        ],
        "acks": [
            "お問い合わせを受け付けました。受付番号: {n}\n\n担当者より24時間以内にメールでご連絡いたします。",
            "Harbor サポートにお問い合わせいただきありがとうございます。リクエスト（{n}）を受け付けました。\n\n"
            "このメールは自動送信されています。返信しないでください。",
            "{c} 様\n\nお問い合わせを承りました。チケット番号 #{n}。改めてご連絡いたします。",
        ],
        "ooo": ["12月8日まで休暇のため不在にしております。", "ただいま外出中のため、月曜日以降に返信いたします。",
                "出張のため不在にしており、メールの確認が遅れます。"],
        "ooo_subject": "不在のお知らせ: {s}",
        "closing": ["よろしくお願いいたします。", "よろしくお願い申し上げます。", "よろしくお願いします。"],
        "team": "Harbor カスタマーサポート",
        "disclaimer": "免責事項：このメールには機密情報が含まれている場合があります。誤って受信された場合は削除してください。",
        "footer": "このメールは Harbor サポートから配信されています。",
        "customer": ["ビットコインの出金が6時間も保留のままです。", "取引ID：7f3a9c21。", "どうなっているのか教えてください。"],
        "subject": "出金が保留中",
        "zd_marker": "##- このラインより上にご返信ください -##",
        "zd_intro": "リクエスト (4711) が更新されました。コメントを追加するには、このメールに返信してください。",
        "zd_date": ["2026年12月4日 21:40 UTC", "2026年12月5日 08:02 UTC", "2026年12月6日 10:15 UTC"],
        "zd_cdate": "2026年12月4日 21:28 UTC",
        "zd_footer": "このメールは Harbor サポートから配信されています。",
        "gmail": "2026年12月4日(金) 21:28 {c} <{e}>:",
        "apple": "2026/12/04 21:28、{c} <{e}>のメール:",
        "outlook": "差出人: {c} <{e}>\n送信日時: 2026年12月4日 21:28\n宛先: Harbor サポート <" + DESK
                   + ">\n件名: {s}",
        "original": "-----元のメッセージ-----",
        "fd": "2026年12月4日(金) 21:28 {c} <{e}>:",
        "charset": "iso-2022-jp",
    },
}
# Outlook header blocks and attributions of customers whose mail client speaks de/fr/es
INTL = {
    "de": ("Von: {c} <{e}>\nGesendet: Freitag, 4. Dezember 2026 21:28\nAn: " + DESK + "\nBetreff: {s}",
           "Am Fr., 4. Dez. 2026 um 21:28 Uhr schrieb {c} <{e}>:"),
    "fr": ("De : {c} <{e}>\nEnvoyé : vendredi 4 décembre 2026 21:28\nÀ : " + DESK + "\nObjet : {s}",
           "Le ven. 4 déc. 2026 à 21:28, {c} <{e}> a écrit :"),
    "es": ("De: {c} <{e}>\nEnviado: viernes, 4 de diciembre de 2026 21:28\nPara: " + DESK + "\nAsunto: {s}",
           "El vie, 4 dic 2026 a las 21:28, {c} (<{e}>) escribió:"),
}


def pick(lang: str, key: str, v: int) -> str:
    values = L[lang][key]
    assert isinstance(values, list)
    return values[v % len(values)]


def text(lang: str, key: str) -> str:
    value = L[lang][key]
    assert isinstance(value, str)
    return value


class Mail:
    """One mail being composed, with its truth."""

    def __init__(self, lang: str, style: str, v: int) -> None:
        self.lang, self.style, self.v = lang, style, v
        self.agent = pick(lang, "agents", v)
        self.cust = pick(lang, "customers", v)
        self.email = f"customer{v + 1}@mail.example"
        self.subject = text(lang, "subject")
        self.headers: dict[str, str] = {}
        self.kind = "message"
        self.automated = False

    def fmt(self, template: str) -> str:
        return template.format(c=self.cust, e=self.email, s=self.subject, n=48213 + self.v)

    def new(self) -> str:
        return self.fmt(pick(self.lang, "greeting", self.v)) + "\n\n" + pick(self.lang, "answers", self.v)

    def signature(self) -> str:
        return f"{pick(self.lang, 'closing', self.v)}\n{self.agent}\n{text(self.lang, 'team')}"

    def customer(self) -> list[str]:
        values = L[self.lang]["customer"]
        assert isinstance(values, list)
        return list(values)


def plain(mail: Mail, body: str, charset: str = "utf-8") -> MIMEText:
    return MIMEText(body, "plain", charset)


def html_doc(inner: str) -> str:
    return f"<html><head><meta charset=\"utf-8\"></head><body>{inner}</body></html>"


def paras(block: str) -> str:
    return "".join(f"<p>{'<br>'.join(escape(x) for x in p.split(chr(10)))}</p>" for p in block.split("\n\n"))


def compose(mail: Mail) -> tuple[object, dict[str, object]]:
    lang, style, v = mail.lang, mail.style, mail.v
    new = mail.new()
    sig = mail.signature()
    cust = mail.customer()
    quoted: list[str] = list(cust)
    body: object
    if style == "zendesk":
        agent_head = f"{mail.agent} ({pick(lang, 'zd_date', v)}):"
        cust_head = f"{mail.cust} ({text(lang, 'zd_cdate')}):"
        quoted.append(cust_head)
        content = (f"{text(lang, 'zd_marker')}\n\n{text(lang, 'zd_intro')}\n\n{agent_head}\n\n{new}\n\n"
                   + (f"{sig}\n\n" if v == 1 else "")
                   + f"{cust_head}\n\n" + "\n".join(cust) + f"\n\n--------------------------------\n"
                   f"{text(lang, 'zd_footer')}\n")
        body = plain(mail, content)
    elif style in ("gmail", "applemail", "freshdesk", "helpscout", "original_message", "legacy_charset"):
        if style == "original_message":
            head = text(lang, "original") + "\n" + mail.fmt(text(lang, "outlook"))
            quote = head + "\n\n" + "\n".join(cust)
            quoted.extend(head.split("\n"))
        else:
            key = {"gmail": "gmail", "applemail": "apple", "freshdesk": "fd", "helpscout": "gmail",
                   "legacy_charset": ["gmail", "apple", "outlook"][v % 3]}[style]
            head = mail.fmt(text(lang, key))
            quote = head + ("\n\n" + "\n".join(cust) if key == "outlook" else "\n" + "\n".join(f"> {x}" for x in cust))
            quoted.extend(head.split("\n"))
        extra = ""
        if style == "helpscout":
            extra = "\n\n" + {"en": "Sent via Help Scout", "zh": "Powered by Help Scout",
                              "ko": "Sent via Help Scout", "ja": "Sent via Help Scout"}[lang]
        if style == "freshdesk" and v == 2:
            extra = "\n\n" + text(lang, "disclaimer")
        sep = "\n-- \n" if style == "gmail" and v == 0 else "\n"
        content = f"{new}\n\n{sep.lstrip(chr(10)) if sep != chr(10) else ''}{sig}{extra}\n\n{quote}\n"
        charset = text(lang, "charset") if style == "legacy_charset" else "utf-8"
        if style == "legacy_charset" and lang == "zh" and v == 1:
            charset = "gb18030"
        if style == "freshdesk":
            alt = MIMEMultipart("alternative")
            alt.attach(plain(mail, content))
            alt.attach(MIMEText(html_doc(
                f"<div>{paras(new)}</div><div>{paras(sig)}</div>"
                f"<div class=\"freshdesk_quote\"><blockquote class=\"freshdesk_quote\">{escape(head)}<br>"
                + "<br>".join(escape(x) for x in cust) + "</blockquote></div>"), "html", "utf-8"))
            body = alt
        else:
            body = plain(mail, content, charset)
    elif style == "outlook_plain":
        head = mail.fmt(text(lang, "outlook"))
        quoted.extend(head.split("\n"))
        content = f"{new}\n\n{sig}\n\n________________________________\n{head}\n\n" + "\n".join(cust) + "\n"
        body = plain(mail, content)
    elif style == "outlook_html":
        head = mail.fmt(text(lang, "outlook"))
        quoted.extend(head.split("\n"))
        rows = "".join(
            f"<b>{escape(line.split(':', 1)[0] if ':' in line else line.split('：', 1)[0])}:</b>"
            f"{escape(line.split(':', 1)[1] if ':' in line else line.split('：', 1)[1])}<br>"
            for line in head.split("\n"))
        word_p = "".join(f"<p class=MsoNormal>{escape(p)}<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p>"
                         for p in new.split("\n\n"))
        sig_p = "".join(f"<p class=MsoNormal>{escape(x)}<o:p></o:p></p>" for x in sig.split("\n"))
        cust_p = "".join(f"<p class=MsoNormal>{escape(x)}<o:p></o:p></p>" for x in cust)
        markup = (
            "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:w=\"urn:schemas-microsoft-com:office:word\">"
            "<head><meta http-equiv=Content-Type content=\"text/html; charset=utf-8\"><style><!-- p.MsoNormal "
            "{margin:0cm;font-size:11.0pt;font-family:\"Calibri\",sans-serif;} --></style></head>"
            f"<body lang=EN-US link=\"#0563C1\"><div class=WordSection1>{word_p}{sig_p}"
            "<p class=MsoNormal><o:p>&nbsp;</o:p></p><div id=\"appendonsend\"></div><hr style=\"display:inline-block;width:98%\">"
            "<div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'>"
            f"<p class=MsoNormal>{rows}</p></div><p class=MsoNormal><o:p>&nbsp;</o:p></p>{cust_p}</div></body></html>")
        if v == 0:  # Outlook's own multipart/alternative: the plain part uses the same header block
            alt = MIMEMultipart("alternative")
            alt.attach(plain(mail, f"{new}\n\n{sig}\n\n{head}\n\n" + "\n".join(cust) + "\n"))
            alt.attach(MIMEText(markup, "html", "utf-8"))
            body = alt
        else:
            body = MIMEText(markup, "html", "utf-8")
    elif style == "html_blockquote":
        head = mail.fmt(text(lang, ["gmail", "apple", "fd"][v % 3]))
        quoted.append(head)
        body = MIMEText(html_doc(
            f"<div dir=\"ltr\">{paras(new)}<div>{paras(sig)}</div></div><br>"
            f"<div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">{escape(head)}<br></div>"
            "<blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204)\">"
            + "".join(f"<div>{escape(x)}</div>" for x in cust) + "</blockquote></div>"), "html", "utf-8")
    elif style == "signature_footer":
        content = f"{new}\n\n{sig}\n\n{text(lang, 'disclaimer')}\n\n{text(lang, 'footer')}\n"
        body = plain(mail, content)
    elif style in ("ack_auto", "ack_plain"):
        new = mail.fmt(pick(lang, "acks", v))
        mail.kind = "auto_ack"
        if style == "ack_auto":
            mail.headers["Auto-Submitted"] = "auto-generated" if v else "auto-replied"
            mail.automated = True
        body = plain(mail, f"{new}\n\n{text(lang, 'team')}\n")
        quoted = []
    elif style == "bot_answer":
        mail.headers["Auto-Submitted"] = "auto-replied"
        mail.automated = True
        head = mail.fmt(text(lang, "gmail"))
        quoted.append(head)
        body = plain(mail, f"{new}\n\n-- \n{text(lang, 'team')}\n\n{head}\n" + "\n".join(f"> {x}" for x in cust) + "\n")
    elif style == "near_ack_answer":
        new = pick(lang, "near", v)
        if v == 1:
            mail.headers["Auto-Submitted"] = "auto-replied"
            mail.automated = True
        body = plain(mail, f"{new}\n\n{text(lang, 'team')}\n")
        quoted = []
    elif style == "ooo":
        new = pick(lang, "ooo", v)
        mail.kind = "out_of_office"
        mail.subject = mail.fmt(text(lang, "ooo_subject"))
        if v != 2:
            mail.headers["Auto-Submitted"] = "auto-replied"
            mail.automated = True
        if v == 1:
            mail.headers["X-Autoreply"] = "yes"
        body = plain(mail, f"{new}\n\n{mail.agent}\n")
        quoted = []
    elif style == "bounce":
        mail.kind = "bounce"
        human = ("This is the mail system at host mx.harbor.example.\n\nI'm sorry to have to inform you "
                 "that your message could not be delivered to one or more recipients.\n\n"
                 f"<{DESK}>: host mx.harbor.example said: 550 5.1.1 <{DESK}>: Recipient address rejected: "
                 "User unknown in virtual mailbox table\n")
        raw = ("MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\n\n"
               "--b1\nContent-Type: text/plain; charset=us-ascii\n\n" + human +
               "\n--b1\nContent-Type: message/delivery-status\n\n"
               f"Reporting-MTA: dns; mx.harbor.example\n\nFinal-Recipient: rfc822; {DESK}\n"
               f"Action: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 <{DESK}>: "
               "Recipient address rejected: User unknown in virtual mailbox table\n"
               f"\n--b1\nContent-Type: text/rfc822-headers\n\nSubject: {Header(mail.subject, 'utf-8').encode()}\n"
               f"Message-ID: <q{v}@mail.example>\n\n--b1--\n")
        report = message_from_string(raw, policy=policy.compat32)
        body = report
        new = ""
        quoted = []
        mail.headers["From"] = "MAIL-DAEMON <MAILER-DAEMON@mx.harbor.example>"
        mail.subject = "Undelivered Mail Returned to Sender"
    elif style in ("outlook_intl", "gmail_intl"):
        locale = ["de", "fr", "es"][v % 3]
        outlook, attribution = INTL[locale]
        head = mail.fmt(outlook if style == "outlook_intl" else attribution)
        quoted.extend(head.split("\n"))
        quote = head + ("\n\n" + "\n".join(cust) if style == "outlook_intl"
                        else "\n" + "\n".join(f"> {x}" for x in cust))
        body = plain(mail, f"{new}\n\n{sig}\n\n{quote}\n")
    else:
        raise ValueError(style)
    truth: dict[str, object] = {"kind": mail.kind, "automated": mail.automated, "new": new,
                                "quoted": quoted, "style": style, "language": lang,
                                "split": "tune" if v == 0 else "test"}
    return body, truth


STYLES = ["zendesk", "freshdesk", "helpscout", "outlook_plain", "outlook_html", "gmail", "applemail",
          "original_message", "html_blockquote", "legacy_charset", "signature_footer", "ack_auto",
          "ack_plain", "bot_answer", "near_ack_answer", "ooo", "bounce"]


def main() -> None:
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    jobs = [(lang, style, v) for lang in L for style in STYLES for v in range(3)]
    jobs += [("en", style, v) for style in ("outlook_intl", "gmail_intl") for v in range(3)]
    for lang, style, v in jobs:
        mail = Mail(lang, style, v)
        body, truth = compose(mail)
        assert hasattr(body, "__setitem__")
        message = body
        message["From"] = mail.headers.pop("From", formataddr((mail.agent, DESK), charset="utf-8"))  # type: ignore[index]
        message["To"] = formataddr((mail.cust, mail.email), charset="utf-8")  # type: ignore[index]
        del message["Subject"]  # type: ignore[attr-defined]
        title = mail.subject if mail.kind in ("out_of_office", "bounce") else f"Re: {mail.subject}"
        message["Subject"] = Header(title, "utf-8").encode()  # type: ignore[index]
        message["Date"] = formatdate(1796419200 + v * 3600, usegmt=True)  # type: ignore[index]
        message["Message-ID"] = f"<{style}-{lang}-{v}@harbor.example>"  # type: ignore[index]
        for name, value in mail.headers.items():
            message[name] = value  # type: ignore[index]
        name = f"{style}-{lang}-{v}"
        (OUT / f"{name}.eml").write_bytes(message.as_bytes(policy=policy.SMTP))  # type: ignore[attr-defined]
        (OUT / f"{name}.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(jobs)} mails to {OUT}")


if __name__ == "__main__":
    main()
