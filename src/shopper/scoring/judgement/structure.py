"""The structural reading: who is asked to give what to whom, and is it turned round.

A clause asks for a secret when it names a secret object (or points back to the one named
just before: "read it out to our officer") *and* a disclosure move (give, tell, read out,
forward, attach, confirm, "what is your…", "is enough") or an entry move (enter, type, fill
in, sync) towards a bad recipient (us, here, a call, a form, a site, an outside address), and
nothing turns it round: a negation in the clause or earlier in its sentence ("we will never
ask you to share, type or read out your code"), a warning frame in the sentence ("anyone who
asks… is a scammer"), a condition ("if the app asks for the code…"), or a self-service
destination with no bad recipient ("type the code into the official app yourself").
Moving funds and remote access are read per sentence the same way.
"""

from __future__ import annotations

import re

from shopper.scoring.judgement.cues import Cues, cues
from shopper.scoring.judgement.finding import Finding
from shopper.scoring.judgement.reported import mask_reported
from shopper.scoring.judgement.spans import Span, sentences, span_language, spans

CONTRAST = {
    "en": re.compile(r"^(but|instead|however|rather|just|only|so|go ahead|now|then)\b"),
    "zh": re.compile(r"^(但|但是|不过|而是|只需|只要|所以|现在|放心)"),
    "ko": re.compile(r"^(하지만|다만|대신|그러니|그래서|지금|근데|그런데|그치만)"),
    "ja": re.compile(r"^(ただし|但し|でも|しかし|代わりに|なので|今)"),
}
# a clause that ends in "but" turns round the negation before it: "…注意していますが、確認には必要です"
_CONTRAST_END = re.compile(r"(\bbut|ますが|ですが|けど|けれど|けれども|지만|但是?)$")
# a clause that ends a reason or a contrast closes the scope of its negation: "ビデオが使えないので、私の LINE を…"
SCOPE_ENDS = re.compile(r"(\bbut|ますが|ですが|けど|けれど|けれども|지만|但是?|ので|から|니까|라서|어서|所以)$")
# approving a login prompt hands the session over, whatever the prompt was called
_APPROVE = {
    "en": re.compile(r"\b(tap|press|click|hit|select) \W?(approve|allow|yes, it's me)\b"),
    "zh": re.compile(r"(点击?|按)(一下)?\W?(批准|允许|确认登录|同意登录)"),
    "ko": re.compile(r"(승인|허용)\W?\s?(을|를)?\s?(눌러|탭|클릭)"),
    "ja": re.compile(r"(承認|許可)\W?\s?(を)?\s?(押|タップ|クリック)"),
}
_LATIN_WORD = re.compile(r"[a-z]{3,}")
# a clause that cuts the secret out of what is sent ("crop that part out before uploading")
_REDACTS = re.compile(
    r"\bcrop\w*|\bcut\w* (\w+ ){0,3}out\b|\bblur|\bredact|\bblack (it |them )?out\b|裁掉|截掉|剪掉|涂掉|打码|遮住|"
    r"切り取|切り抜|塗りつぶ|隠して|잘라|가려|가리고|지우고|모자이크"
)
# a clause that names its own thing to send: "just send a screenshot of the error" points back to no secret
_OWN_OBJECT = re.compile(
    r"\bscreenshots?\b|\btxid\b|\b(transaction|order|ticket) (id|hash|number)\b|\berror (message|code)\b|"
    r"截图|截屏|报错|订单号|工单号|スクショ|スクリーンショット|エラー|캡처|스크린샷|오류|에러"
)
_TYPING = {
    "en": re.compile(r"\b(enter|type|input|paste|fill( in| out)?|key in|put)\b"),
    "zh": re.compile(r"输入|填写|填入|粘贴|填进|输进|打在|贴在|提交"),
    "ko": re.compile(r"입력|붙여|기입|적어\s?주|써\s?주"),
    "ja": re.compile(r"入力|貼り付け|貼って|入れて|記入"),
}
_QUOTED_WORD = re.compile(r"[\"“'‘「『]\s*[a-z]{3,12}\s*[\"”'’」』]")
_YES_NO = re.compile(
    r"\?|\byes\b|\bno\b|吗|是不是|有没有|对不对|맞나요|인가요|있나요|예|아니요|ですか|でしょうか|はい|いいえ"
)
# a QR code that signs someone else in: "scan this QR with the app, it connects me to your account"
QR_CODE = re.compile(r"(?i)(?<![a-z])qr ?(codes?)?(?![a-z])|二维码|二維碼|qr\s?코드|큐알|qrコード")
SCAN = re.compile(r"(?i)\bscan|扫|스캔|スキャン")
_SCAN_JA = re.compile(r"読み取|読み込")  # "QRコードを読み取って": the camera's word for a scan
_SIGNS_IN = re.compile(
    r"\b(connects? (me|us|our)|logs? (me|us|our \w+) in|log (me|us) in|login (our|me|us)|sign (me|us|our \w+) in|gives? (me|us) access)\b|"
    r"(我|我们|技术员?|客服|工程师)(就|才)?(能|可以|会)?(登录|登入|连接|接入|登上)(到)?(您|你)的|(登录|连接)(到)?(您|你)的(账户|账号)|"
    r"(私|担当者?|技術者|こちら)(が|は)?(お客様の)?(アカウントに)?(ログイン|接続)|"
    r"(저|저희|기술자|상담원|담당자)(가|이)?\s?(고객님\s?)?(계정에\s?)?(로그인|연결|접속)"
)
_REMOTE_NAMED = re.compile(
    r"(?i)(?<![A-Za-z])(anydesk|teamviewer|rustdesk|ultraviewer|quick ?support|screenconnect|splashtop|"
    r"chrome remote desktop|todesk|supremo|zoho assist|logmein|aeroadmin|ammyy|remote utilities|"
    r"airdroid|vnc|remotepc|getscreen|quick assist|anyviewer|hoptodesk)(?![A-Za-z])|向日葵|todesk|애니데스크|팀뷰어|エニーデスク|チームビューワー|チームビューアー"
)


def remote_named(text: str) -> bool:
    """Does ``text`` name a remote-access app (AnyDesk, TeamViewer, 向日葵…)?"""
    return bool(_REMOTE_NAMED.search(text))


def negated(normalized: str, c: Cues) -> bool:
    return bool(c.negation.search(c.negation_ignore.sub(" ", normalized)))


def secret_findings(text: str, language: str, outside: frozenset[int] = frozenset()) -> list[Finding]:
    """Clauses of ``text`` that ask the customer to give away a secret.

    ``outside`` holds the offsets of unofficial links in ``text``: a sentence that carries one
    has an outside recipient ("enter the 12 words at wallet-sync.io")."""
    parts = spans(mask_reported(text))
    grouped = sentences(parts)
    found: list[Finding] = []
    topic: str | None = None
    topic_sentence = -10
    topic_start = 0
    previous = ""
    topic_negated = False
    gift_before = False
    for index, members in grouped.items():
        whole = " ".join(m.normalized for m in members)
        lang = span_language(" ".join(m.text for m in members), language)
        c = cues(lang)
        # "buy Apple cards and send the codes on the back": a card's codes and PINs pay someone (the
        # funds finding), they open no account
        gift_here = bool(c.gift_card.search(whole))
        gift, gift_before = gift_before or gift_here, gift_here
        warned = bool(c.warning.search(whole))
        excepted = bool(c.except_me.search(whole))  # "anyone except an agent like me"
        linked = any(members[0].start <= o < members[-1].end for o in outside)
        # where an entry goes may be named anywhere in the sentence or the one before:
        # "I've sent a secure form in this chat. Please type your phrase into it."
        # …but not from a clause that denies it: "不需要把任何信息发给我" names no recipient
        affirmed = " ".join(m.normalized for m in members if not negated(m.normalized, c))
        towards = linked or bool(c.to_us.search(affirmed) or c.to_us.search(previous))
        previous = affirmed
        self_service = bool(c.self_side.search(affirmed))
        if _REMOTE_NAMED.search(whole) or c.remote_app.search(whole):
            continue  # "install AnyDesk and give me the code": the tool's code is the remote finding
        if login_handover(whole, c):
            found.append(Finding("secret", "two_factor", text[members[0].start : members[-1].end],
                                 members[0].start, members[-1].end))
            continue
        if _yes_no_word(whole, c, lang):
            found.append(Finding("secret", "seed", text[members[0].start : members[-1].end],
                                 members[0].start, members[-1].end))
            topic, topic_sentence, topic_start = "seed", index, members[0].start
            continue
        negation_open = False
        pending: Span | None = None  # a move whose object follows after a comma: "list the first, fifth…"
        before = ""
        before_end = members[0].start
        for part in members:
            n = part.normalized
            if CONTRAST[lang].search(n) or _CONTRAST_END.search(before):
                negation_open = topic_negated = False
            before = n
            named = c.unnamed(n)  # "once you have reset your password" names no secret to give
            kinds = [] if _REDACTS.search(n) else [k for k, p in c.secrets if p.search(named)]
            if not kinds and lang != "en" and _LATIN_WORD.search(n) and not _REDACTS.search(n):  # "把钱包的seed phrase发给我"
                kinds = [k for k, p in cues("en").secrets if p.search(cues("en").unnamed(named))]
            if gift:
                kinds = [k for k in kinds if k not in ("two_factor", "password")]
            start = part.start
            inherited = False
            listed = lang == "zh" and _enumerated(text, part, members)  # Chinese 、 only lists
            if kinds:
                topic, topic_sentence, topic_start = kinds[0], index, part.start
                topic_negated = (negated(n, c) and not excepted) or listed
            elif topic and (topic_sentence == index or (
                    # "Never tell anyone the code. If you already did, contact us": a warning's object
                    # is not what the next sentence asks for
                    index - topic_sentence == 1 and not topic_negated and _points_back(n, c, lang))):
                # the clause goes on about the object just named (quote from there), unless it cuts
                # the secret out or names its own thing to send
                kinds = [] if _REDACTS.search(n) or _OWN_OBJECT.search(n) else [topic]
                start = topic_start if topic_sentence == index else part.start
                # "…never ask for your password, so rest assured": the denial covers what follows it
                inherited = topic_sentence == index and topic_negated and lang != "en"
            clause_negated = (negated(n, c) and not excepted) or inherited or listed
            if not kinds and clause_negated and topic_sentence == index and "、" in text[before_end:part.start]:
                topic_negated = True  # "cookie、token 这些我们不在聊天里要": the list's denial covers its first item
            reading = n
            if kinds and pending is not None and not _moves(n, c):
                reading, start = f"{pending.normalized} {n}", pending.start
            # the phrase or a key typed anywhere but the customer's own wallet is given away
            typed = kinds[:1] in (["seed"], ["private_key"]) and bool(_TYPING[lang].search(reading))
            towards_here = towards or typed
            if kinds and not (clause_negated or negation_open) and _asks(reading, c, lang, warned, linked, towards_here, self_service):
                found.append(Finding("secret", kinds[0], text[start : part.end], start, part.end))
            asking = not kinds and not clause_negated and not c.ours.search(n)  # "我这边已经重新提交了" is done
            pending = part if asking and (_moves(n, c) or c.need.search(n)) else None
            # English puts "never" before a list of moves ("never share, type or read out your
            # code"); the other languages negate inside the clause, so only English carries it
            negation_open = negation_open or (lang == "en" and clause_negated and not kinds)
            before_end = part.end
    return found


def login_handover(whole: str, c: Cues) -> bool:
    """A QR code to scan that signs the desk into the customer's account: the session is the secret."""
    scanned = SCAN.search(whole) or _SCAN_JA.search(whole)
    if not (QR_CODE.search(whole) and scanned and _SIGNS_IN.search(whole)):
        return False
    return not (negated(whole, c) or c.warning.search(whole))


def _enumerated(text: str, part: Span, members: list[Span]) -> bool:
    """A clause that continues a list ("助记词、私钥、密码或验证码") shares the negation of the
    clause the list began in."""
    at = members.index(part)
    if at == 0 or "、" not in text[members[at - 1].end : part.start]:
        return False
    return any(negated(m.normalized, cues("zh")) for m in members[:at])


def _moves(normalized: str, c: Cues) -> bool:
    return bool(c.disclose.search(normalized) or c.enter.search(normalized))


def _points_back(normalized: str, c: Cues, language: str) -> bool:
    if c.anaphor.search(normalized) or _APPROVE[language].search(normalized):
        return True
    if language == "zh":
        return bool(c.disclose.search(normalized) or c.enter.search(normalized)) and len(normalized) <= 14
    moves = bool(c.disclose.search(normalized) or c.enter.search(normalized))
    if language == "ko":
        return not re.search(r"[을를]", normalized) and moves
    if language == "ja":
        return "を" not in normalized and moves
    return False


def _yes_no_word(whole: str, c: Cues, language: str) -> bool:
    """A yes/no question on one word of the phrase: "is 'harvest' one of your recovery words?"."""
    if not _QUOTED_WORD.search(whole) or not any(p.search(whole) for k, p in c.secrets if k == "seed"):
        return False
    return bool(_YES_NO.search(whole)) and not negated(c.managed.sub(" ", whole), c)


def _asks(normalized: str, c: Cues, language: str, warned: bool, linked: bool, towards: bool = False,
          self_service: bool = False) -> bool:
    """Does this clause ask for the secret it names? ``self_service``: its sentence sends the
    customer to the official app or page with no recipient ("在App里完成人脸验证，然后重新输入资金
    密码提交即可"), so an entry there is theirs."""
    normalized = c.ours.sub(" ", normalized)
    disclose = bool(c.disclose.search(normalized) or _APPROVE[language].search(normalized))
    if c.conditional.search(normalized) and not c.please_if.search(normalized):
        return disclose and bool(c.to_me.search(normalized))  # "if you send me the code, I…"
    if warned and not c.to_me.search(normalized):
        return False
    bad_recipient = linked or bool(c.to_us.search(normalized))
    if disclose:
        return True  # give, tell, read out: whatever app the secret comes from, it goes to someone
    self_side = bool(c.self_side.search(normalized) or (self_service and not towards)) and not bad_recipient
    if self_side:
        return False  # enter it in the official app yourself
    entered_here = bool(c.enter.search(normalized)) and (bad_recipient or towards)
    if _TYPING[language].search(normalized) and not entered_here:
        return False  # "新设备登录需要输入邮箱验证码": typed with no one to receive it, the app asks
    return bool(c.need.search(normalized)) or entered_here


# a wallet address written out, whole or elided ("0x9a3F...cE21", "TNb4…8sQ")
_ADDRESS = re.compile(
    r"(?<![a-z0-9])(0x[0-9a-f]{6,}|bc1[0-9a-z]{6,}|t(?=[1-9a-z]*\d)[1-9a-z]{33}|"
    r"(0x[0-9a-f]{3,}|bc1[0-9a-z]{3,}|t(?=[1-9a-z]*\d)[1-9a-z]{3,})\s?(…|\.\.\.)\s?[0-9a-z]{2,})"
)
# "the deposit address changed in the upgrade": the desk announcing where deposits go from now on
_ADDRESS_CHANGED = {
    "en": re.compile(r"\b(new|changed|updated|different) (deposit |receiving |wallet |[a-z0-9]{3,5} )?address\b|"
                     r"\baddress(es)? (is |are |has |have |was |were )?(been |now )?(chang|switch|updat|mov|replac)\w*"),
    "zh": re.compile(r"新的?(充值|入金|收款|存款|转账)?地址|地址(已经?|已)?(换|变|更换|更新|改)|(换|改)了?新?地址|address\s?(换|变|改)"),
    "ja": re.compile(r"新しい(入金|受取|送金先|デポジット)?アドレス|新アドレス|アドレス(が|は)?\s?(変わ|変更|更新|切り替)"),
    "ko": re.compile(r"새\s?(입금\s?|수신\s?)?주소|주소(가|는)?\s?(바뀌|바꼈|바뀐|변경|교체)"),
}


def _address_given(members: list[Span], c: Cues) -> bool:
    """Does a clause of the sentence write out an address, not denied ("…0x44De...01aa です")?"""
    return any(_ADDRESS.search(m.normalized) and not negated(m.normalized, c) for m in members)


def funds_findings(text: str, language: str, channels: frozenset[int] = frozenset()) -> list[Finding]:
    """Sentences that ask to move funds to another wallet or to pay to unlock them."""
    found: list[Finding] = []
    before = ""
    changed_before = False  # "address is change after maintenance. you send again to this one 0x9a3F…"
    made_own = False  # the customer made a new wallet: "the new wallet" is theirs from then on
    for members in sentences(spans(text)).values():
        lang = span_language(" ".join(m.text for m in members), language)
        c = cues(lang)
        whole = " ".join(m.normalized for m in members)
        made_own = made_own or bool(c.new_wallet.search(whole) and c.funds_self.search(whole))
        said = whole
        if made_own:
            whole = c.new_wallet.sub(" ", whole)
        # the value may be named in the sentence before: "The unlock costs 0.03 ETH. Send it to the address
        # below." (Chinese, Japanese and Korean leave the "it" out)
        points_back = lang != "en" or c.anaphor.search(whole)
        valued = c.funds_value.search(whole) or (points_back and c.funds_value.search(before))
        before = whole
        changed = bool(_ADDRESS_CHANGED.get(lang, _ADDRESS_CHANGED["en"]).search(said))
        if (changed or changed_before) and _address_given(members, c) and not (
                c.warning.search(said) or customers_own_move(said, c)):
            changed_before = changed
            found.append(sentence_finding("funds", "new_address", text, members))
            continue  # a new address for deposits, written in the chat: deposits go where the desk says
        changed_before = changed
        strong = c.funds_strong.search(whole)  # "you'll get the safe wallet address there"
        elsewhere = any(members[0].start <= o < members[-1].end for o in channels)  # "move it as the group says"
        # a channel alone is a target only for a value named in the same sentence
        target = c.funds_target.search(whole) or (elsewhere and c.funds_value.search(whole))
        if not strong and not (c.funds_move.search(whole) and valued and target):
            continue
        if not strong and customers_own_move(said, c):
            continue
        # the ask comes last: "出金限度額が足りませんので、保証金を追加入金いただければ…"
        mover = next((m for m in reversed(members) if c.funds_move.search(m.normalized)), members[0])
        aimed = [m for m in members if c.funds_target.search(c.funds_self.sub(" ", m.normalized))]
        if aimed and all(negated(m.normalized, c) for m in aimed) and not strong:
            continue  # "withdraw to your own wallet; there is no need to move to any 'transit wallet'"
        if negated(mover.normalized, c) or c.warning.search(whole):
            continue  # a condition stays a request here: "once you have sent it, we lift the lock"
        if lang in ("ja", "ko") and negated(members[-1].normalized, c):
            continue  # the verb comes last: "…送金するもの、精算ウォレット、期限などは一切ありません"
        kind = "unlock_fee" if re.search(r"unlock|releas|activat|unfreez|解冻|解锁|激活|放行|해제|활성화|解除|有効化|fee|手续费|수수료|手数料|tax|税|세금", whole) else "safe_wallet"
        found.append(sentence_finding("funds", kind, text, members))
    return found + [g for g in gift_card_findings(text, language) if all(g.start != f.start for f in found)]


def gift_card_findings(text: str, language: str) -> list[Finding]:
    """Sentences that ask for the codes of gift or prepaid cards: paying a fee in cards (the
    card named in the sentence or the one before: "…accepted in Steam cards. Send the codes here.")."""
    found: list[Finding] = []
    named_before = False
    for members in sentences(spans(text)).values():
        whole = " ".join(m.normalized for m in members)
        c = cues(span_language(" ".join(m.text for m in members), language))
        named = bool(c.gift_card.search(whole))
        card = named or named_before
        named_before = named
        moves = c.disclose.search(whole) or c.enter.search(whole) or c.funds_move.search(whole)
        asked = any(c.card_code.search(m.normalized) and not negated(m.normalized, c) for m in members)
        if not (card and asked and moves) or c.warning.search(whole) or customers_own_move(whole, c):
            continue
        found.append(sentence_finding("funds", "gift_card", text, members))
    return found


def customers_own_move(words: str, c: Cues) -> bool:
    """A move of funds that is the customer's own business, not the desk's request: reported
    done ("your deposit to 0x… was credited"), the customer's choice ("if you want to move assets
    to cold storage…"), or towards their own wallet ("withdraw to any external wallet you own")."""
    if c.funds_done.search(words) or c.funds_choice.search(words) or c.owned.search(words):
        return True
    return bool(c.funds_self.search(words)) and not c.funds_target.search(c.funds_self.sub(" ", words))


def remote_findings(text: str, language: str) -> list[Finding]:
    """Sentences that have the customer install or open a remote-access app."""
    found: list[Finding] = []
    for members in sentences(spans(text)).values():
        raw = text[members[0].start : members[-1].end]
        whole = " ".join(m.normalized for m in members)
        lang = span_language(raw, language)
        c = cues(lang)
        named = _REMOTE_NAMED.search(raw)
        if not ((named or c.remote_app.search(whole)) and c.remote_move.search(whole)):
            continue  # a named app alone is a mention; with install / open / its ID it is a move
        if c.warning.search(whole) or not _moved_here(members, c, lang) or not _app_kept(members, c):
            continue
        if named:  # quote the app itself: the words a reader looks for
            start = members[0].start + named.start()
            found.append(Finding("remote", "remote_app", text[start : start + len(named.group(0))],
                                 start, start + len(named.group(0))))
        else:
            found.append(sentence_finding("remote", "screen_share", text, members))
    return found


_NO_NEED = re.compile(r"^(there's |there is |you have |you've )?no need\b|^(you )?(don't|do not) need\b")
_COMPARED = re.compile(r"\b(rather than|instead of|than any)\b|比起|而不是|よりも|より(?=[、,])|보다(?!\s?(더|빠|쉽|안전))")


def _app_kept(members: list[Span], c: Cues) -> bool:
    """Is the remote tool named in a clause that neither refuses it nor sets it aside?
    ("我们不做远程协助，不过…→导出诊断信息": the arrows that follow are the log's steps)"""
    naming = [m for m in members if _REMOTE_NAMED.search(m.text) or c.remote_app.search(m.normalized)]
    return not naming or any(not (negated(m.normalized, c) or _COMPARED.search(m.normalized)) for m in naming)


def _moved_here(members: list[Span], c: Cues, language: str) -> bool:
    """Is a move in this sentence asked for: in a clause neither negated nor a condition?
    Per clause, so that "…install it from the link, and don't close the page" still asks, while
    "if you already added it, remove it" does not; English carries a negation on to the clauses
    that follow it ("we never ask you to share your screen, install AnyDesk or…")."""
    carried = False
    for member in members:
        n = member.normalized
        if CONTRAST[language].search(n):
            carried = False  # "We don't have video on this chat, so … share the screen"
        refused = negated(n, c)
        condition = c.conditional.search(n) and not c.please_if.search(n)  # 설치해 주시면: please install
        if c.remote_move.search(n) and not (refused or carried or condition):
            return True
        # "No need to download anything — press Windows + Ctrl + Q" does not carry
        carried = carried or (language == "en" and refused and not _NO_NEED.match(n))
    return False


def sentence_finding(label: str, kind: str, text: str, members: list[Span]) -> Finding:
    start, end = members[0].start, members[-1].end
    return Finding(label, kind, text[start:end], start, end)  # type: ignore[arg-type]
