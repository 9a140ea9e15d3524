"""The key terms of a message, so a reply can be seen to talk about *this* customer's problem.

A reply that names the customer's coin, amount, feature or trouble shares terms with the
message it answers; a greeting, a receipt or a generic apology shares none. Terms are
language-aware: Latin words (lower-cased, lightly stemmed, any script's ``BTC`` or ``2FA``),
Han and Katakana bigrams for Chinese and Japanese (Hiragana is grammar, left out), and the first
two syllables of each Korean word (the stem without its particles). A few synonyms are folded
into one concept (``withdrawal`` / ``提币`` / ``출금`` / ``出金``) and words every support chat
shares (``help``, ``support``, ``您好``, ``안녕``) are not terms.
"""

from __future__ import annotations

import re
from functools import lru_cache

from shopper.scoring.text import norm

_LATIN = re.compile(r"[a-z0-9][a-z0-9.+]*[a-z0-9]")  # two characters at least: "can't" has no term "t"
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_JA_CONTENT = re.compile(r"[\u4e00-\u9fff]+|[\u30a0-\u30ff]+")
_HANGUL = re.compile(r"[\uac00-\ud7a3]+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_EN_STOP = _words("""
a an the and or but if of to in on at by for from with about as into over after before up out off so than too very
i me my mine we us our ours you your yours he she it its they them their this that these those there here
is are was were be been being am do does did done have has had having can could will would shall should may might must
not no nor yes just only also still yet already now then when where why how what which who whom whose
hi hello hey dear thanks thank please sorry help support team today yesterday tomorrow morning
harbor exchange message request contact contacting get got go going want need like know see let make
some any all more most other such own same each few much many again once here there
one two three four five six seven eight nine ten hour hours minute minutes day days time
""")
_ZH_STOP = _words("""
您好 你好 我们 你们 他们 谢谢 感谢 请问 什么 可以 帮您 客服 一下 没有 已经 怎么 为什么 这么 现在 今天 昨天
小时 分钟 时间 以内 问题 情况 这个 那个 如果 因为 所以 但是 还是 需要 我的 您的 一直 还没 出现 处理 团队
""")
_JA_STOP = _words("""
本日 今日 昨日 時間 以内 場合 当社 担当 確認 対応 連絡 ご連絡 お問 問い 合わせ 申し 訳ご 内容 サポ ポー ート
""")
_KO_STOP = _words("""
안녕 감사 고객 저희 문의 도와 무엇 어떤 지금 오늘 어제 시간 이내 있습 합니 드리 주세 확인 죄송 불편 혹시 아직
그리 그런 이런 때문 경우 정도 제가 저는 고객님 님께 어떻 얼마 하고 해서 했는 하는 하시 하실 있는 없는 되었 됐어 됩니
""")

# Synonyms folded into one concept: what the customer calls it and what support calls it.
_CONCEPTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((name, re.compile(pattern)) for name, pattern in (
    ("withdrawal", r"withdr[ae]w\w*|cash(ed|ing)? out|payout|提币|提现|出金|출금"),
    ("deposit", r"deposit\w*|top(ped)? up|充值|充币|入金|입금"),
    ("2fa", r"\b2fa\b|two[- ]factor|authenticator|\botp\b|验证器|谷歌验证|二次验证|双重验证|認証アプリ|二段階認証|2段階認証|인증 ?앱|otp|2단계 인증"),
    ("kyc", r"\bkyc\b|identity|verification|身份认证|实名|本人確認|신원 ?인증|본인 ?인증"),
    ("locked", r"\block(ed|out)?\b|frozen|freez\w*|suspend\w*|锁|冻结|ロック|凍結|잠겼|잠금|잠긴|동결"),
    ("complaint", r"complain\w*|投诉|苦情|민원|항의"),
    ("human", r"real person|human|agent|人工|真人|担当者|人間|オペレーター|상담원|사람"),
    ("p2p", r"\bp2p\b|escrow|托管|エスクロー|에스크로"),
    ("memo", r"\bmemo\b|\btag\b|メモ|タグ|메모|태그|备注"),
    ("network", r"network|chain|bep20|trc20|erc20|网络|ネットワーク|네트워크"),
    ("fee", r"\bfees?\b|charged|手续费|手数料|수수료"),
    ("seed", r"seed|recovery phrase|助记词|シードフレーズ|시드"),
    ("telegram", r"telegram|电报|텔레그램"),
    ("card", r"\bcard\b|银行卡|カード|카드"),
    ("price", r"price|价格|価格|가격"),
))


def _stem(word: str) -> str:
    if len(word) <= 4 or not word.isalpha():
        return word
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("er", ""), ("ly", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: len(word) - len(suffix)] + keep
    return word


# Grammar inside a Han or Katakana run ("我们的团队" holds "们的"), and the long-vowel mark: not terms.
_FUNCTION_CHARS = frozenset("的了是在我你您他她它们这那有和与也就都而及或被把将给吗呢吧啊ー")


def _bigrams(run: str) -> set[str]:
    pairs = {run[i : i + 2] for i in range(len(run) - 1)} if len(run) > 1 else set()
    return {pair for pair in pairs if not _FUNCTION_CHARS & set(pair)}


@lru_cache(maxsize=4096)
def key_terms(text: str) -> frozenset[str]:
    """The message's terms: concepts, Latin stems, CJK bigrams and Korean stems."""
    folded = norm(text)
    terms: set[str] = {f"<{name}>" for name, pattern in _CONCEPTS if pattern.search(folded)}
    for word in _LATIN.findall(folded):
        if word in _EN_STOP or (word.isdigit() and len(word) < 2):
            continue
        terms.add(_stem(word))
    for run in _HAN.findall(folded):
        terms |= {b for b in _bigrams(run) if b not in _ZH_STOP}
    for run in _JA_CONTENT.findall(folded):
        terms |= {b for b in _bigrams(run) if b not in _JA_STOP}
    for word in _HANGUL.findall(folded):
        if len(word) >= 2 and word[:2] not in _KO_STOP:
            terms.add(word[:2])
    return frozenset(terms)


def shared_terms(customer: str, reply: str) -> list[str]:
    """The customer's terms the reply uses too (concepts first, then by length)."""
    common = key_terms(customer) & key_terms(reply)
    concepts = [pattern for name, pattern in _CONCEPTS if f"<{name}>" in common]
    # a word that only spells out a shared concept is not a second term ("withdrawal" and <withdrawal>)
    kept = {t for t in common if t.startswith("<") or not any(p.search(t) for p in concepts)}
    return sorted(kept, key=lambda t: (not t.startswith("<"), -len(t), t))
