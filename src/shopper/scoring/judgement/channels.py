"""Unofficial channels, including the hidden ones: spaced-out links and handles, phone-number
messengers, regional messengers and groups, judged against the target's official domains.

A link or handle is read after compacting what a filter-dodging writer spreads out
(``t . me / harbor_help``, ``t[.]me``, ``harbor dot support``, ``@ harbor _ help``); the quote
stays the writer's own words. A mention is excused, as in :mod:`shopper.scoring.channels`, by a
warning in its sentence or a negation there ("we never chat on Telegram or KakaoTalk").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from shopper.scoring.channels import TLDS, is_messenger_link, is_official, look_alike
from shopper.scoring.judgement.cues import Cues, cues
from shopper.scoring.judgement.finding import Finding
from shopper.scoring.judgement.spans import Span, sentences, span_language, spans
from shopper.scoring.judgement.structure import CONTRAST, QR_CODE, SCAN, SCOPE_ENDS, login_handover, negated

# the domains the link finder knows, and the cheap ones filter-dodgers favour besides
_TLD = TLDS + (
    "|wallet|claims|cash|gl|gd|is|tk|li|at|ee|ms|fm|cx|vn|ml|ga|cf|gq|ink|run|lol|fun|space|website|click|bio|gle|top"
    # Web3 names a "decentralised" help desk hides behind: ENS (.eth, served by .eth.limo), Unstoppable
    # and other on-chain names
    "|eth|limo|crypto|x|nft|dao|blockchain|bitcoin|zil|888"
)
# "dot" spelt out, bracketed or not: harbor dot help, harbor[.]help, harbor点com, harbor(점)kr
_DOT_WORD = r"(?:\.|dot|点|點|점|닷|ドット)"
_DOT = rf"(?:\s*\.\s*|\s*[\[(（]\s*{_DOT_WORD}\s*[\])）]\s*|\s+dot\s+|\s*(?:点|點|닷|ドット)\s*)"
_LINK = re.compile(
    rf"(?i)(?<![A-Za-z0-9@_./-])(?:h[tx]{{2}}ps?\s*:\s*/\s*/\s*)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?{_DOT})+(?:{_TLD})"
    r"(?![A-Za-z0-9-])(?:\s*/\s*[A-Za-z0-9_+~-]+(?:\s*[_/-]\s*[A-Za-z0-9+~-]+)*)*"
)
_SPACED = re.compile(r"\s")
_REMOTE_VENDOR = re.compile(r"(?i)anydesk|teamviewer|rustdesk|ultraviewer|todesk|splashtop|screenconnect|sunlogin")
_EMAIL = re.compile(rf"(?i)[A-Za-z0-9._%+-]+\s?(?:@|\(at\)|\[at\])\s?((?:[a-z0-9-]+{_DOT})+(?:{_TLD}))(?![A-Za-z0-9-])")
_HANDLE = re.compile(
    r"(?<![A-Za-z0-9_.])@\s?((?:[A-Za-z](?: [A-Za-z0-9_](?= [A-Za-z0-9_]|\b)){2,}(?: [A-Za-z0-9_])*)|"
    r"[A-Za-z][A-Za-z0-9]*(?:\s?_\s?[A-Za-z0-9]+)*)"
)
_PHONE = re.compile(r"(?<![0-9A-Za-z])\+?\d[\d\s().-]{7,16}\d(?![0-9A-Za-z])")
_MESSENGER = re.compile(
    r"(?i)(?<![A-Za-z])(telegram|tg|whatsapp|wechat|weixin|signal|discord|skype|kakao ?(?:talk)?|viber|zalo|(?<!this )(?<!the )(?<!that )(?<!one )(?<!next )(?<!a )(?<!each )(?<!command )(?<!verification )(?<!protected )(?<!secure )(?<!safe )(?<!your )(?<!phone )(?<!sms )(?<!support )(?<!help )(?<!hot )line(?! (by|of|below|above|under)\b)|"
    r"messenger|snapchat|instagram|dingtalk|naver band|band app|threema|element|matrix|facebook|twitter dm|x dm|wickr|simplex|session app|session messenger|install session|session(?=\s?(앱|アプリ|を\s?インストール|을\s?설치))|(?<=下载\s)session|(?<=下载)session|botim|potato chat|bat messenger|tiktok|douyin|weibo|xiaohongshu)"
    r"(?![A-Za-z])|电报|飞机|纸飞机|微信|vx|qq(?!\s?(邮箱|邮件|mail))|钉钉|企业微信|飞书|蝙蝠|土豆聊天|potato|陌陌|易信|抖音|小红书|微博|推特|ティックトック|インスタグラム|インスタ|フェイスブック|ツイッター|틱톡|인스타그램|인스타|페이스북|트위터|카카오톡|카톡|오픈\s?채팅|오픈채팅방|텔레그램|왓츠앱|위챗|"
    r"네이버\s?밴드|밴드|라인|디스코드|딩톡|ディントーク|바이버|시그널|스카이프|잘로|ヴァイバー|シグナル|テレグラム|ライン|ワッツアップ|カカオトーク|쓰리마|スリーマ|ディスコード|オープンチャット|"
    r"(?<![A-Za-z])(?-i:LINE)(?![A-Za-z])"
)
_GROUP = re.compile(
    r"(?i)\b(group|channel|chat room|open chat|server|admin|moderator|dm|direct message|private message|inbox)\b|"
    r"(?<![a-z])dm(?![a-z])|"
    r"群|频道|管理员|私聊|私信|단톡|채팅방|오픈\s?채팅|방장|관리자|グループ|管理者|個別"
)
_ID_LIKE = re.compile(r"(?<![\w.])[A-Za-z]+(?:_[A-Za-z0-9]+|[0-9]+[A-Za-z0-9_]*|[a-z]+[A-Z][A-Za-z0-9]*)(?![\w.])")
_ADD = re.compile(r"(?i)\badd\b|\bmessage\b|\btext\b|加(?!密|快|急)|추가|追加|メッセージ")
_AUTHENTICATOR = re.compile(r"(?i)authenticator|2fa|two-factor|验证器|谷歌验证|인증\s?앱|otp|認証アプリ|二段階")
# a plain SMS to a short code or number is a channel outside the platform too
_SMS = re.compile(r"(?i)(?<![a-z])(sms|imessage)(?![a-z])|\btext\b|短信|ショートメッセージ|ショートメール|문자")
_INVITE_OR_SEND = re.compile(r"(?i)\b(send|text|message)\b|发|送|보내|전송")
_SHORT_CODE = re.compile(
    r"(?i)(?:\bto\s|到\s?|至\s?)(\d{4,8})(?![\d-]|\s\d)|(?<![\d+])(\d{4,8})(?=\s?(?:へ|に|로|으로|번으로|에))"
)
# "any Telegram handle", "任何 Telegram 账号": a kind of account, not one to contact
_ANY = re.compile(r"(?i)\b(any|every|each)\s+(\w+\s+)?$|任何\s?$|어떤\s?$|あらゆる\s?$|どの\s?$")
# "send you my WeChat", "私の LINE をお送りします": the agent's own account is an invitation
_MINE = re.compile(r"(?i)\bmy\s+$|私の\s?$|我的\s?$|(?<![가-힣])(제|저의|내)\s?$")
_PAST_QUESTION = re.compile(r"^(did|were|was|have|has|had|are) (you|they|someone|somebody|anyone)\b|是否有人|有没有人")
_ACCOUNT = re.compile(
    r"(?i)\b(username|user name|user id|handle|account name|id)\b|账号|帐号|用户名|号码|群号|아이디|계정명|ユーザー名|アカウント名"
)
_UNSPACE = re.compile(
    r"(?i)remove the spaces|underscore|下划线|언더바|アンダーバー|すき間|隙間|詰めて|칸\s?붙|붙여서|without (the )?spaces|no spaces|join (it|them) together|去掉空格|去除空格|不要空格|连起来|"
    r"공백\s?(을|을\s)?(빼|제거|없이)|띄어쓰기\s?(없이|빼)|スペースを(除|抜|詰|削除)|空白を(除|詰)"
)
_INVITE = re.compile(
    r"(?i)\b(add|contact|message|dm|join|chat|reach|search|find|continue|talk|write|text|ping|move|switch|connect|"
    r"call|video|follow|go to|visit|open|click|start)\b|视频|通话|ビデオ|通話|電話して|영상|통화|전화해|/start|加|联系|私信|搜|关注|フォロー|팔로우|私聊|搜索|找|转到|加入|咨询|沟通|点击|打开|访问|"
    r"추가|연락|문의|검색|상담|옮겨|이동|참여|들어|클릭|접속|방문|오세요|와\s?주|찾아|가입|입장|进群|入群|메시지|メッセージ|追加|連絡|相談|検索|移動|参加|登録|クリック|アクセス|開いて"
)


def compact(value: str) -> str:
    """A spread-out link or handle written the way a browser or messenger reads it."""
    squeezed = re.sub(rf"(?i)\s*[\[(（]\s*{_DOT_WORD}\s*[\])）]\s*|\s+dot\s+|\s*(点|點|닷|ドット)\s*", ".", value)
    return re.sub(r"\s+", "", squeezed)


def unofficial_findings(
    text: str, language: str, official: Sequence[str] = (), brand: str | None = None
) -> list[Finding]:
    """Links, handles and messenger invitations in ``text`` that are not the target's own."""
    found: list[Finding] = []
    official = tuple(official)
    grouped = sentences(spans(text))
    # links first, over the whole text: "t . me / x" must not be cut at its spaced-out dot
    for match in _LINK.finditer(text):
        if _SPACED.search(match.group(0)) and not ("/" in match.group(0) or match.group(0).islower()):
            continue  # "…only. Support cannot…" is two sentences, not a spaced-out domain
        kind = _link_kind(compact(match.group(0)).rstrip("./"), official, brand)
        members = next((m for m in grouped.values() if m[0].start <= match.start() < m[-1].end), None)
        if kind is None or members is None:
            continue
        c = cues(span_language(text[members[0].start : members[-1].end], language))
        clause = _clause_at(members, match.start())
        warned = c.warning.search(" ".join(m.normalized for m in members))
        if not warned and not (clause and negated(_without_links(clause.normalized), c)):
            found.append(_at(kind, text, match.start(), match.end()))
    for match in _EMAIL.finditer(text):
        kind = _link_kind(compact(match.group(1)), official, brand)
        members = next((m for m in grouped.values() if m[0].start <= match.start() < m[-1].end), None)
        if kind is None or kind == "messenger_link" or members is None:
            continue
        c = cues(span_language(text[members[0].start : members[-1].end], language))
        whole = " ".join(m.normalized for m in members)
        if not c.warning.search(whole) and not negated(_without_links(whole), c):
            found.append(_at("outside_email" if kind == "unofficial_link" else kind, text, match.start(), match.end()))
    named_before: re.Match[str] | None = None
    sms_before = False  # "The easiest is a plain SMS: send 'HB-4471' to +44 7700 900812."
    paid_before = False  # "Put the cash into a Bitcoin ATM. Scan the QR I sent.": the QR pays
    for members in grouped.values():
        raw = text[members[0].start : members[-1].end]
        c = cues(span_language(raw, language))
        whole = " ".join(m.normalized for m in members)
        messenger = _MESSENGER.search(raw)
        if messenger and (_ANY.search(raw[: messenger.start()]) or only_official_links(raw, official)):
            messenger = None  # "our only Telegram presence is t.me/harbor_official"
        asked_about = _PAST_QUESTION.search(whole)  # "did someone contact you on Telegram?"
        live = _live(members, span_language(raw, language), members[0].start + messenger.start()) if messenger else whole
        if not c.warning.search(whole) and not negated(_without_links(live), c) and not asked_about:
            if messenger is None and named_before is not None and (
                (_INVITE.search(raw) and (_GROUP.search(raw) or _ID_LIKE.search(raw)))
                or _ACCOUNT.search(raw) or _phone(raw)
            ):
                # "…in the Harbor Discord. Open a DM with the user 'Harbor Admin' there."
                found.append(_at("messenger", text, members[0].start, members[-1].end))
            else:
                found.extend(_contacts(text, raw, whole, c, members[0].start, messenger, official, sms_before,
                                       paid_before))
        named_before = messenger
        sms_before = bool(_SMS.search(raw))
        paid_before = _pays(whole, c)
    return found


def _contacts(
    text: str, raw: str, whole: str, c: Cues, base: int, messenger: re.Match[str] | None,
    official: tuple[str, ...], sms_before: bool = False, paid_before: bool = False,
) -> list[Finding]:
    """``raw`` is the sentence as written, ``whole`` its normalised clauses, ``c`` its language's cues."""
    found: list[Finding] = []
    unspace = _UNSPACE.search(raw)
    for match in _HANDLE.finditer(raw):
        handle = compact(match.group(1))
        if any(is_official(f"{host}/{handle}".lower(), official) for host in ("t.me", "x.com", "twitter.com")):
            continue
        if messenger or unspace or _INVITE.search(raw):
            kind = "obfuscated_handle" if " " in match.group(0) or unspace else "messenger"
            found.append(_at(kind, text, base + match.start(), base + match.end()))
    qr = QR_CODE.search(raw)
    # a QR that signs someone in is the secret finding; one on the target's own page is no channel
    # (both read only once a QR is offered: most sentences name none)
    offered = (messenger or _GROUP.search(raw) or SCAN.search(raw)) and not _AUTHENTICATOR.search(raw)
    paying = not messenger and (paid_before or _pays(whole, c))  # a QR that pays is the funds finding's
    if qr and not found and offered and not (paying or login_handover(whole, c) or only_official_links(raw, official)):
        return [_at("qr_code", text, base + qr.start(), base + qr.end())]
    if found:
        return found
    short = _SHORT_CODE.search(raw)
    if short and not messenger and _SMS.search(raw):  # "text UNLOCK + uid to 88522"
        group = 1 if short.group(1) else 2
        return [_at("sms_short_code", text, base + short.start(group), base + short.end(group))]
    phone = _phone(raw)
    if phone and not messenger and _ADD.search(raw):  # "Add +971 50 123 4567 and send your ticket number"
        return [_at("phone_messenger", text, base + phone.start(), base + phone.end())]
    if phone and not messenger and (_SMS.search(raw) or sms_before) and _INVITE_OR_SEND.search(raw):
        return [_at("sms_number", text, base + phone.start(), base + phone.end())]
    if not messenger:
        return found
    phone = _phone(raw)
    if phone:
        return [_at("phone_messenger", text, base + min(messenger.start(), phone.start()),
                    base + max(messenger.end(), phone.end()))]
    if (_INVITE.search(raw) or _GROUP.search(raw) or _ACCOUNT.search(raw) or QR_CODE.search(raw)
            or _MINE.search(raw[: messenger.start()])):
        return [_at("messenger", text, base + messenger.start(), base + messenger.end())]
    return found


def _pays(whole: str, c: Cues) -> bool:
    return bool(c.funds_value.search(whole) and c.funds_move.search(whole))


def _phone(raw: str) -> re.Match[str] | None:
    """A phone number (8 digits or more), the way messengers name an account."""
    return next((m for m in _PHONE.finditer(raw) if len(re.sub(r"\D", "", m.group(0))) >= 8), None)


def _link_kind(value: str, official: tuple[str, ...], brand: str | None) -> str | None:
    bare = re.sub(r"(?i)^https?:/*", "", value)
    host, _, path = bare.partition("/")
    host_path = f"{host.lower()}/{path}".rstrip("/")
    if is_official(host_path, official):
        return None
    if _REMOTE_VENDOR.search(host):
        return None  # the app's own site: the remote-access finding names it
    if is_messenger_link(host_path):
        return "messenger_link"
    if look_alike(host_path, brand):
        return "lookalike_domain"
    return "unofficial_link" if official else None


def _live(members: list[Span], language: str, position: int) -> str:
    """The clauses of a sentence from its last contrast (or the end of a reason) before ``position``
    on: "We don't have video on this chat, so I'll send you my WeChat" denies the video, not the WeChat."""
    contrast = CONTRAST.get(language, CONTRAST["en"])
    first = 0
    for index, member in enumerate(members):
        if member.start > position:
            break
        if index and (contrast.search(member.normalized) or SCOPE_ENDS.search(members[index - 1].normalized)):
            first = index
    return " ".join(m.normalized for m in members[first:])


def _without_links(normalized: str) -> str:
    return _LINK.sub(" ", normalized)


def _clause_at(members: list[Span], position: int) -> Span | None:
    return next((m for m in members if m.start <= position < m.end), None)


def _at(kind: str, text: str, start: int, end: int) -> Finding:
    return Finding("unofficial", kind, text[start:end], start, end)


def only_official_links(text: str, official: Sequence[str]) -> bool:
    """True when ``text`` names links or addresses and every one is the target's own."""
    hosts = [compact(m.group(0)) for m in _LINK.finditer(text)]
    hosts += [compact(m.group(1)) for m in _EMAIL.finditer(text)]
    official = tuple(official)
    return bool(hosts) and all(_link_kind(h.rstrip("./"), official, None) is None for h in hosts)


def has_channel(text: str) -> bool:
    """Does ``text`` name a messenger, a link, an address, a handle or a phone number at all?"""
    return bool(_MESSENGER.search(text) or _LINK.search(text) or _EMAIL.search(text) or _HANDLE.search(text)
                or _phone(text) or _GROUP.search(text))
