"""Words that tell a request from a warning, per language (en, zh, ko, ja).

Patterns run on normalised text (see :mod:`shopper.scoring.text`): lower case, full-width
folded. Chinese, Korean and Japanese put negation inside the clause (often after the verb),
so for them a negation anywhere in the clause counts; English does the same per comma clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from shopper.formats.locales import script_language as detect_script


def script_language(text: str) -> str:
    """en / zh / ko / ja from the script alone (English when the script says nothing)."""
    return detect_script(text) or "en"


@dataclass(frozen=True)
class Lexicon:
    """The compiled cues of one language."""

    secrets: tuple[tuple[str, re.Pattern[str]], ...]  # (kind, pattern)
    request: re.Pattern[str]  # disclosure verbs: send, tell, provide, what is your…
    need: re.Pattern[str]  # "we need", "is required"
    proximal: re.Pattern[str]  # enter / type / confirm: only with the secret right there
    negation: re.Pattern[str]
    negation_ignore: re.Pattern[str]  # "don't worry", "申し訳ございません"
    warning: re.Pattern[str]  # scam, anyone who asks, report it
    to_me: re.Pattern[str]  # "to me", "给我", "저에게", "私に"
    here: re.Pattern[str]  # into this channel: here, this chat, below
    self_service: re.Pattern[str]  # in the app, on the login page, yourself
    except_me: re.Pattern[str]  # "anyone except me"
    anaphor: re.Pattern[str]  # a clause that points back to the secret of the last one
    filler: re.Pattern[str]  # words left out when deciding a clause has no object of its own
    access: re.Pattern[str]  # click, visit, contact, install, add
    invite: re.Pattern[str]  # add me, contact us on, continue on
    conditional: re.Pattern[str] | None = None  # a clause that only sets a condition


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_EN = Lexicon(
    secrets=(
        (
            "seed",
            _c(
                r"seed ?phrases?|seed words?|\byour (wallet )?seed\b|recovery (phrase|words?|seed|sheet|card|key)|"
                r"secret (recovery )?phrase|backup (phrase|words?|seed|sheet|card)|mnemonic|"
                r"\b(12|18|24|twelve|eighteen|twenty[- ]four)[- ]?words?\b|word (phrase|list)"
            ),
        ),
        ("private_key", _c(r"private ?keys?|secret keys?|keystore|wallet keys?")),
        ("password", _c(r"passwords?|passcode|\bpin( code)?\b|passphrase")),
        (
            "two_factor",
            _c(
                r"\b2fa\b|two[- ]factor|authenticator code|google authenticator|\botp\b|one[- ]time (code|password)|"
                r"(sms|text|verification|security|auth|login|email|confirmation) codes?|\b\d[- ]digit code|"
                r"\bcodes? (from|in|on) (your|the) (authenticator|phone|sms|email|text)"
            ),
        ),
    ),
    request=_c(
        r"\b(send|provide|share|give|tell|reveal|disclose|forward|submit|dm|pm|upload|hand over|"
        r"reply with|respond with|read (me|out|it|them)|write (it|them) (here|below|down here))\b|"
        r"\bwhat('s| is| are) your\b|\b(ask|asks|asking|request|requests|requested|requesting)\b"
    ),
    need=_c(
        r"(?<!you )(?<!you'll )(?<!you will )\b(need|needs|require|requires)\b|\b(required|needed|necessary)\b"
    ),
    proximal=_c(r"\b(enter|type|input|paste|fill in|confirm|verify|validate)\b(?! (that )?you\b)"),
    negation=_c(r"\b(never|not|no|nobody|no one|none|neither|nor|cannot|without)\b|n't\b"),
    negation_ignore=_c(
        r"\b(don't|do not|never) (worry|hesitate)\b|\bno (problem|worries)\b|\bnot (sure|only)\b|"
        r"\bif (you )?(can't|cannot|don't|do not|did not|didn't|haven't)\b[^,]*"
    ),
    warning=_c(
        r"\bscam|fraud|phishing|impersonat|\bfake\b|\b(anyone|someone|somebody|people|whoever|anybody) "
        r"(\w+ ){0,4}(ask|asks|asking|request|requests|claims?|claiming)\b|\bclaiming to be\b|\breport (it|them|this)\b|"
        r"\bnot (ours|us|official|affiliated)\b|\bnot our\b"
    ),
    to_me=_c(r"\b(to|with|for) (me|us)\b|\b(send|give|tell|dm|forward|show) (me|us)\b"),
    here=_c(r"\bhere\b|\bbelow\b|\b(this|the) chat\b|\b(to|with) (me|us)\b|\b(send|give|tell|dm) (me|us)\b"),
    self_service=_c(
        r"\b(app|application|login page|sign-in page|when prompted|prompts you|yourself|your own|"
        r"new (phone|device)|on your (phone|device))\b"
    ),
    except_me=_c(
        r"\b(except|other than|apart from|besides|but)\b[^.]{0,40}\b(me|us|agent|support|staff|official)\b"
    ),
    anaphor=_c(r"\b(it|them|those|these|that|the code|the words|the phrase|the key)\b"),
    filler=_c(r"x^"),
    access=_c(
        r"\b(click|visit|open|use|trust|contact|install|add|download|go to|message|reply|follow|join|log in|reach(?: out)?|dm)(?:s|es|ed|ing)?\b"
    ),
    invite=_c(
        r"\b(add|contact|message|dm|join|chat|reach|search|find|continue|talk|write|text|ping|move|switch|"
        r"connect)\b"
    ),
    conditional=_c(r"^(if|when|whenever|should) "),
)

_ZH = Lexicon(
    secrets=(
        (
            "seed",
            _c(
                r"助记词|助記詞|恢复短语|恢復短語|种子短语|种子词|备份短语|恢复词|(12|24|十二|二十四)个(英文)?(单词|词)"
            ),
        ),
        ("private_key", _c(r"私钥|私鑰|密钥")),
        ("password", _c(r"密码|密碼|口令|pin码")),
        ("two_factor", _c(r"验证码|驗證碼|谷歌验证|google验证|二次验证|双重验证|2fa|otp|动态码|安全码")),
    ),
    request=_c(
        r"提供|发给|发送|发过来|发来|发我|告诉|报给|报一下|告知|回复|私信|填写|提交|拍照|念给|说一下|给我|"
        r"是多少|是什么|索要|索取|问您要|问你要|要求"
    ),
    need=_c(r"需要|才能|必须"),
    proximal=_c(r"输入|粘贴|核实|验证一下|确认一下"),
    negation=_c(r"不|勿|(?<![识区类级特个分告性差])别|禁止|无需|没有|绝非|从未"),
    negation_ignore=_c(
        r"不好意思|不便|不同|不断|不少|不仅|不错|不用担心|不要担心|别担心|不客气|没问题|不久|如果无法|若无法|无法登录"
    ),
    warning=_c(r"骗子|诈骗|冒充|假冒|仿冒|钓鱼|自称|举报|非官方|谨防|不是.{0,6}官方"),
    to_me=_c(r"给我|发我|告诉我|报给我|我这|给客服|发送给客服|私信给我"),
    here=_c(r"这里|此处|对话框|聊天|下方|给我|发我"),
    self_service=_c(r"app|应用|登录页|登录界面|自己|自行|新手机|设备上"),
    except_me=_c(r"除了(我|我们|官方|客服|本平台)"),
    anaphor=_c(r"它|这些|那些|这个"),
    filler=_c(
        r"请|麻烦|直接|现在|马上|立即|就|可以|了|吧|给|我们|我|把|它|这些|一下|您|你|即可|好|的|在|这里|就行|过来|行"
    ),
    access=_c(r"访问|点击|打开|相信|联系|安装|添加|下载|使用|登录|前往|加入"),
    invite=_c(r"加我|添加|联系|私聊|搜索|找|转到|加入|咨询|沟通"),
    conditional=_c(r"^(如果|若|一旦|假如)"),
)

_KO = Lexicon(
    secrets=(
        (
            "seed",
            _c(
                r"시드\s?(구문|문구|단어|프레이즈)|복구\s?(구문|문구|단어)|니모닉|백업\s?(구문|문구|단어)|\d+\s?개?\s?단어"
            ),
        ),
        ("private_key", _c(r"개인\s?키|프라이빗\s?키|비밀\s?키")),
        ("password", _c(r"비밀번호|패스워드|암호")),
        ("two_factor", _c(r"인증\s?(번호|코드)|otp|2fa|보안\s?코드|일회용\s?(비밀번호|코드)")),
    ),
    request=_c(r"보내|알려|말씀|공유해|제공해|전달해|불러\s?주|적어\s?주|주시겠|요청|요구|물어|묻"),
    need=_c(r"필요"),
    proximal=_c(r"입력|붙여|확인해|기입|작성해"),
    negation=_c(r"않|마세요|마십시오|말아|말고|못|절대|금지|없습니다|없어요|아닙니다"),
    negation_ignore=_c(r"걱정\s?(하지\s?)?(마시고|마세요|마)|죄송"),
    warning=_c(r"사기|사칭|가짜|피싱|신고|공식.{0,8}아닙니다"),
    to_me=_c(r"저에게|제게|저한테|저희에게|상담원에게"),
    here=_c(r"여기|채팅|아래|저에게|제게"),
    self_service=_c(r"앱|어플|로그인 화면|직접 입력|새 휴대폰|기기에서|본인이"),
    except_me=_c(r"(저|저희|상담원|공식|직원)[^.]{0,12}(외에는|외엔|말고는|제외하고)"),
    anaphor=_c(r"그것|그걸|이것|이걸"),
    filler=_c(r"x^"),
    access=_c(r"접속|클릭|방문|설치|추가|연락|믿|이용|다운"),
    invite=_c(r"추가|연락|문의|검색|상담|옮겨|이동"),
)

_JA = Lexicon(
    secrets=(
        (
            "seed",
            _c(
                r"シードフレーズ|シード|リカバリー?フレーズ|復元フレーズ|ニーモニック|バックアップフレーズ|\d+\s?(個の)?単語"
            ),
        ),
        ("private_key", _c(r"秘密鍵|プライベートキー|秘密キー")),
        ("password", _c(r"パスワード|暗証番号")),
        (
            "two_factor",
            _c(
                r"認証コード|確認コード|ワンタイムパスワード|二段階認証|2段階認証|2fa|otp|\d桁のコード|セキュリティコード"
            ),
        ),
    ),
    request=_c(
        r"教えて|送って|送信して|送付|転送|(は|が)何(です|でしょう)|お知らせ|伝えて|提供して|ご提供|共有して|記入|読み上げ|提示|返信|求め|要求|尋ね|聞い|聞き"
    ),
    need=_c(r"必要"),
    proximal=_c(r"入力|貼り付け|ご確認させ"),
    negation=_c(r"ない|ません|ず[、。に]|ことは(一切)?な|なく[、。]|決して|禁止|控えて|お控え"),
    negation_ignore=_c(
        r"ご心配なく|心配(しないで|なさらず|いりません)|申し訳(ありません|ございません)|すみません|かまいません|構いません|問題ありません"
    ),
    warning=_c(r"詐欺|なりすまし|偽|フィッシング|名乗る|公式.{0,10}ではありません"),
    to_me=_c(r"私に|こちらに|当方に|担当者に"),
    here=_c(r"ここ|こちら|チャット|下記|私に"),
    self_service=_c(r"アプリ|ログイン画面|ご自身で|ご自分で|新しいスマホ|端末で"),
    except_me=_c(r"(私|当社|弊社|サポート|スタッフ|担当者|公式)[^。]{0,10}以外"),
    anaphor=_c(r"それ|これ"),
    filler=_c(r"x^"),
    access=_c(r"アクセス|クリック|開|インストール|追加|連絡|信用|利用|ダウンロード"),
    invite=_c(r"追加|連絡|相談|検索|移動"),
)

_LEXICONS = {"en": _EN, "zh": _ZH, "ko": _KO, "ja": _JA}


@lru_cache(maxsize=8)
def lexicon(language: str) -> Lexicon:
    """The lexicon of a language (English for any other script)."""
    return _LEXICONS.get(language, _EN)
