"""Set-ups that hand control over without naming a classic secret or a transfer.

Three moves a scam desk asks for in words the secret, funds and remote readings do not own:

* **a token approval**: "connect your wallet and approve our contract", "set the spending cap to
  Max", "sign the permit": no coin moves now, but the contract may take them later (funds);
* **a pasted command**: "open Terminal and paste this line", "Win+R, powershell, paste…": the
  line installs the agent's access tool (remote);
* **a forward of codes**: "add a forwarding rule to verify@…", "dial **21*+44…#", "forward your
  texts to our gateway": every later code reaches the desk (a secret, and an outside channel);
* **a mailbox delegate**: "add support.desk@… as a delegate on your mailbox": the same, for mail.

Each is read per sentence, like the other moves: the object and the move in the same sentence,
nothing turning it round (a negation of the moving clause, a warning, a reported instruction).
"""

from __future__ import annotations

import re

from shopper.scoring.judgement.cues import Cues, cues
from shopper.scoring.judgement.finding import Finding
from shopper.scoring.judgement.spans import Span, sentences, span_language, spans
from shopper.scoring.judgement.structure import CONTRAST, negated, remote_named, sentence_finding
from shopper.scoring.text import norm

_APPROVAL_OBJECT = re.compile(
    r"allowance|spending cap|spend(ing)? limit|\bpermit\b|unlimited|setapprovalforall|"
    r"\bapprove\b.{0,40}\bcontract|\bcontract\b.{0,40}\b(spend|use|allowance)|"
    r"合约|额度|支出上限|コントラクト|利用枠|使用上限|無制限|컨트랙트|(사용|지출)\s?한도|무제한"
)
_APPROVAL_MOVE = {
    "en": re.compile(r"\b(approve|sign|confirm|tap|press|click|choose|select|set|grant|accept)\b"),
    "zh": re.compile(r"授权|签|批准|点|确认|选|approve"),
    "ja": re.compile(r"承認|署名|押|タップ|選|確認|付与|approve"),
    "ko": re.compile(r"승인|서명|누르|눌러|선택|확인|부여|approve"),
}
_SHELL = re.compile(
    r"terminal|powershell|\bcmd\b|command prompt|win\s?\+\s?r\b|\brun (box|dialog)\b|"
    r"\bcurl\b[^|]{0,80}\|\s*(ba|z)?sh\b|\biwr\b[^|]{0,80}\|\s*iex\b|\biex\s?\(|bash\s?<\(|"
    r"终端|命令行|命令提示符|ターミナル|コマンドプロンプト|터미널|명령\s?프롬프트"
)
_SHELL_MOVE = {
    "en": re.compile(r"\b(paste|run|execute|copy|type|enter|press enter|hit enter)\b"),
    "zh": re.compile(r"粘贴|贴|执行|运行|复制|回车|输入"),
    "ja": re.compile(r"貼|実行|コピー|エンター|入力"),
    "ko": re.compile(r"붙여|실행|복사|엔터|입력"),
}
_FORWARD = re.compile(
    r"forward|\*\*(21|61|62|67)\*|转发|呼叫转移|転送|(?<!전)전달(?!드)|착신\s?전환|착신|"
    r"(rule|ルール|규칙|规则).{0,60}(go|行く|가게|转到|到)"
)
_FORWARDED = re.compile(
    r"\*\*(21|61|62|67)\*|e-?mails?|mail|sms|texts?|codes?|otp|calls?|邮件|短信|验证码|语音|メール|コード|音声|電話|메일|문자|코드|음성|전화"
)
_FORWARD_TARGET = re.compile(
    r"[\w.+-]+@[\w-]+(\.[\w-]+)+|\+?\d[\d\s-]{6,}\d|\*\*\d\d\*|"
    r"\b(our|my) (number|line|gateway|verification line|mailbox|address)\b|"
    r"(我们|我)的(号码|专线|网关|邮箱)|验证专线|(当社|うち|私)の(番号|回線|ゲートウェイ)|認証専用回線|"
    r"(저희|제)\s?(번호|회선|게이트웨이)|인증\s?전용\s?회선"
)
_FORWARD_MOVE = {
    "en": re.compile(r"\b(set|add|enable|configure|dial|turn on|make|create|forward)\b|→"),
    "zh": re.compile(r"设置|开|拨|输入|转到|转发|→"),
    "ja": re.compile(r"設定|追加|ダイヤル|オン|作|転送|→"),
    "ko": re.compile(r"설정|추가|누르|켜|만들|전달|가게|→"),
}

# the desk made a delegate of the customer's mailbox: every code mailed to them reaches it
_DELEGATE = re.compile(
    r"\bdelegat(e|es|ed|ion)\b|\b(mailbox|inbox) (access|permissions?)\b|\bfull access to (your|the) (mailbox|inbox|e-?mail)|"
    r"代理人|委托(访问|权限)|委派|代理(权限|访问)|委任|代理アクセス|위임"
)
_DELEGATE_MOVE = {
    "en": re.compile(r"\b(add|grant|give|make|set|invite|assign|allow)\b"),
    "zh": re.compile(r"添加|设为|设置为|授予|加为|加上|授权(?!码)"),
    "ja": re.compile(r"追加|設定|付与|登録|許可"),
    "ko": re.compile(r"추가|설정|부여|등록|허용"),
}
_MAILBOX = re.compile(r"(?i)mailbox|inbox|e-?mail|outlook|gmail|邮箱|邮件|メール|메일")

# a note or paste site the secret is written into, and its link handed over
_PASTE_SITE = re.compile(
    r"pastebin|privatebin|hastebin|\bgist\b|google keep|\bkeep\b|apple notes|\bnotes? app\b|\bnote\b|dropbox paper|"
    r"notion|google docs?|onenote|石墨文档|腾讯文档|备忘录|笔记|共享文档|メモ|ノート|ドキュメント|메모|노트|문서"
)
_LINK_HANDED = {
    "en": re.compile(r"\b(share|send|give|post|reply)\b.{0,40}\b(link|url|it)\b|\bshare\b|\b(link|url)\b.{0,30}\b(to me|with)\b"),
    "zh": re.compile(r"链接.{0,6}(发|给|回复)|(发|给).{0,6}链接|分享|share link|共享"),
    "ja": re.compile(r"リンク.{0,10}(送|返信|共有|教え)|url.{0,12}(お知らせ|送|教え)|共有"),
    "ko": re.compile(r"링크.{0,10}(보내|회신|공유|알려)|주소.{0,10}(알려|보내)|공유"),
}
# the desk doing the transfer itself, once it has the customer's screen (read only with remote access)
_AGENT_TRANSFERS = {
    "en": re.compile(r"\b(i'll|i will|i|we'll|we will|let me|our (\w+ )?(agent|officer|team|engineer|specialist))\b.{0,60}"
                     r"\b(transfer|payment|pay|send the coins?)\b|\b(transfer|payment)\b.{0,40}\b(on your behalf|myself|for you)\b"),
    "zh": re.compile(r"(我|我们|我方|客服|专员).{0,20}(转账|付款|转到|转币|付了|把(钱|款|币)转)|代(您|你)?(为)?(完成)?.{0,6}(转账|付款)"),
    "ja": re.compile(r"(こちら|私|当社|担当).{0,30}(送金|支払|入金|コイン送)|代わって.{0,12}(送金|完了)|代行"),
    "ko": re.compile(r"(제가|저희|상담원|담당자).{0,30}(이체|결제|송금|보내)|대신.{0,12}(이체|처리|완료|결제)"),
}


def setup_findings(text: str, language: str) -> list[Finding]:
    """Token approvals (funds), pasted commands (remote), code forwards (secret + unofficial),
    and, with remote access asked for, the desk's own transfer from the customer's wallet (funds)."""
    found: list[Finding] = []
    remote = remote_named(text) or bool(cues(language).remote_app.search(norm(text)))
    secret_named = any(p.search(c.unnamed(norm(text))) for c in {cues(language), cues("en")} for _, p in c.secrets)
    for members in sentences(spans(text)).values():
        lang = span_language(" ".join(m.text for m in members), language)
        c = cues(lang)
        whole = " ".join(m.normalized for m in members)
        if c.warning.search(whole):
            continue
        if _asked(text, members, c, lang, _APPROVAL_OBJECT, _APPROVAL_MOVE):
            found.append(sentence_finding("funds", "token_approval", text, members))
        if _asked(text, members, c, lang, _SHELL, _SHELL_MOVE):
            found.append(sentence_finding("remote", "pasted_command", text, members))
        # the forward and its move in one clause or side by side: "設定でオフに" two clauses on is a fix
        if _FORWARDED.search(whole) and _FORWARD_TARGET.search(whole) and _asked(text, members, c, lang, _FORWARD,
                                                                                   _FORWARD_MOVE, reach=1):  # fmt: skip
            found.append(sentence_finding("secret", "code_forwarding", text, members))
            found.append(sentence_finding("unofficial", "forward_target", text, members))
        if _MAILBOX.search(whole) and _asked(text, members, c, lang, _DELEGATE, _DELEGATE_MOVE, reach=1):
            found.append(sentence_finding("secret", "mailbox_delegate", text, members))
        if secret_named and _PASTE_SITE.search(whole) and _asked(text, members, c, lang, _PASTE_SITE, _LINK_HANDED):
            found.append(sentence_finding("secret", "paste_link", text, members))
            found.append(sentence_finding("unofficial", "paste_site", text, members))
        transfers = _AGENT_TRANSFERS[lang if lang in _AGENT_TRANSFERS else "en"]
        if remote and any(transfers.search(m.normalized) and not negated(m.normalized, c) for m in members):
            found.append(sentence_finding("funds", "agent_transfer", text, members))
    return found


def _asked(text: str, members: list[Span], c: Cues, lang: str, thing: re.Pattern[str], moves: dict[str, re.Pattern[str]],
           reach: int = 99) -> bool:  # fmt: skip
    """The object named in a clause, and a move within ``reach`` clauses of it that is neither
    negated nor a condition. An English negation carries on through the sentence until a
    contrast ("we never ask you to paste a command into Terminal, PowerShell or the Run box");
    in Chinese, Japanese and Korean only through a list ("终端、PowerShell…里粘贴命令"), since
    "不用转账，只是 approve 一下" asks in its second clause. Japanese and Korean put the deciding
    verb last: a denied last clause denies the sentence."""
    named = [i for i, m in enumerate(members) if thing.search(m.normalized)]
    if not named or (lang in ("ja", "ko") and negated(members[-1].normalized, c)):
        return False
    move = moves.get(lang, moves["en"])
    carried = False
    for index, member in enumerate(members):
        words = member.normalized
        if CONTRAST[lang].search(words):
            carried = False
        refused = negated(words, c)
        near = any(abs(index - i) <= reach for i in named)
        if near and move.search(words) and not (refused or carried or _condition(words, c)):
            return True
        listed = text[member.end : member.end + 1] == "、"
        carried = (carried or refused) if lang == "en" else (refused or carried) and listed
    return False


def _condition(words: str, c: Cues) -> bool:
    return bool(c.conditional.search(words)) and not c.please_if.search(words)
