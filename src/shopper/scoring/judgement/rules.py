"""The older rule-based reading (the lexicon and clause rules of :mod:`shopper.scoring.intent`
and :mod:`shopper.scoring.channels`), as findings, so the benchmark can compare it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from shopper.scoring.channels import find_items, is_messenger_link, is_official, look_alike
from shopper.scoring.intent import find_requests, secret_cue, secret_terms
from shopper.scoring.judgement.finding import Finding
from shopper.scoring.lexicon import Lexicon, lexicon

# Moving funds: a transfer verb, something of value, and a destination or an unlock pretext.
_FUNDS = {
    "en": (r"\b(transfer|move|send|deposit|pay)\b",
           r"\b(funds|coins|assets|crypto|balance|tokens|btc|eth|usdt|bitcoin|money|fee|deposit|payment)\b",
           r"(safe|secure|new|protected|verification|validation|cold|backup|following|this) (wallet|address|account)|"
           r"\bunlock|\brelease|\bactivate|\bbc1[a-z0-9]{8,}|\b0x[0-9a-f]{8,}"),
    "zh": (r"转到|转入|转账|转移|充值到|支付|缴纳|打款|转给",
           r"币|资产|资金|余额|btc|eth|usdt|手续费|保证金",
           r"安全钱包|新钱包|这个地址|以下地址|该地址|解冻|解锁|激活|放行|钱包地址"),
    "ko": (r"옮겨|이체|송금|보내|입금|전송|지불|납부",
           r"자산|자금|코인|잔액|수수료|btc|eth|usdt",
           r"안전한 지갑|새 지갑|이 지갑|이 주소|아래 주소|잠금 해제|해제|활성화"),
    "ja": (r"移して|移動|送金|振り込|送って|入金|支払",
           r"資産|資金|コイン|残高|手数料|btc|eth|usdt",
           r"安全なウォレット|新しいウォレット|このアドレス|以下のアドレス|解除|有効化"),
}
_COMPILED = {lang: tuple(re.compile(p) for p in parts) for lang, parts in _FUNDS.items()}


def _funds_parts(lex: Lexicon) -> tuple[re.Pattern[str], ...]:
    language = next((k for k in _COMPILED if lexicon(k) is lex), "en")
    return _COMPILED[language]


def _funds_terms(normalized: str, lex: Lexicon) -> list[str]:
    _, value, target = _funds_parts(lex)
    return ["funds"] if value.search(normalized) and target.search(normalized) else []


def _funds_cue(normalized: str, lex: Lexicon, carried: bool) -> bool:
    return bool(_funds_parts(lex)[0].search(normalized))


def _located(label: str, kind: str, text: str, quote: str) -> Finding:
    start = text.find(quote)
    if start < 0:  # a composed value ("Telegram harbor_help"): quote its first word
        quote = quote.split()[0]
        start = max(text.find(quote), 0)
    return Finding(label, kind, text[start : start + len(quote)], start, start + len(quote), 1.0, "rules")  # type: ignore[arg-type]


def rule_findings(text: str, official: Sequence[str] = (), brand: str | None = None) -> list[Finding]:
    """What the older rules find in ``text``, one finding per request, link or app."""
    found = [_located("secret", f.kind, text, f.quote) for f in find_requests(text, secret_terms(), secret_cue)]
    found += [_located("funds", "safe_wallet", text, f.quote) for f in find_requests(text, _funds_terms, _funds_cue)]
    for item in find_items(text):
        if item.excused:
            continue
        if item.kind == "remote_app":
            found.append(_located("remote", "remote_app", text, item.value))
        elif item.kind in ("handle", "messenger"):
            found.append(_located("unofficial", "messenger", text, item.value))
        elif not is_official(item.host, tuple(official)):
            if look_alike(item.host, brand):
                found.append(_located("unofficial", "lookalike_domain", text, item.value))
            elif is_messenger_link(item.host):
                found.append(_located("unofficial", "messenger_link", text, item.value))
            elif official:
                found.append(_located("unofficial", "unofficial_link", text, item.value))
    return found
