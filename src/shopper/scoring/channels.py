"""Finding links, contact handles, messenger invitations and remote-access apps in a reply.

A found item in a warning ("harbor-support.com is a phishing site", "never install AnyDesk")
is not a finding: a link is excused by a warning frame in its sentence or a negated access
verb in its clause; a messenger or app mention by either anywhere in its sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from shopper.scoring.lexicon import Lexicon, lexicon, script_language
from shopper.scoring.text import Clause, clauses, norm

TLDS = (  # top-level domains a bare domain in text is recognised by
    "com|net|org|io|co|app|xyz|me|info|biz|site|online|top|vip|cc|live|link|pro|cn|hk|tw|jp|kr|uk|de|fr|"
    "ru|us|eu|example|test|gg|ly|ai|so|sg|exchange|finance|support|help|services|center|network|money|"
    "tech|club|cloud|one|world|global|ltd|ws|la|im|tv|to|ws|shop|store|page|dev|news|bz|pw|su|icu"
)
_URL = re.compile(r"(?i)(?:https?://|www\.)[^\s<>\"'，。、）)】」『』]+")
_DOMAIN = re.compile(
    rf"(?i)(?<![A-Za-z0-9_.-])((?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.)+(?:{TLDS}))(?![A-Za-z0-9-])"
    r"(/[A-Za-z0-9._~:/?#@!$&*+,;=%-]*)?"
)
_HANDLE = re.compile(r"(?<![A-Za-z0-9_.])@([A-Za-z][A-Za-z0-9_]{3,31})")
_ID = re.compile(
    r"(?i)(?:\bid\b|아이디|号|账号|搜索|search)\s*(?:is\s*)?[:：「『\"]?\s*([A-Za-z][A-Za-z0-9_.-]{3,31})"
    r"|(?<![A-Za-z0-9])([A-Za-z]+(?:_[A-Za-z0-9]+|[0-9]+[A-Za-z0-9_]*))(?![A-Za-z0-9])"
)
_MESSENGERS = re.compile(
    r"(?i)(?<![A-Za-z])(telegram|tg|whatsapp|wechat|weixin|signal|discord|skype|kakao(?:talk)?|viber|"
    r"messenger|snapchat|instagram dm)(?![A-Za-z])|电报|飞机|纸飞机|微信|vx|qq|카카오톡|카톡|텔레그램|왓츠앱|위챗|"
    r"テレグラム|ライン|ワッツアップ|(?<![A-Za-z])LINE(?![A-Za-z])"
)
MESSENGER_DOMAINS = ("t.me", "telegram.me", "wa.me", "whatsapp.com", "line.me", "discord.gg", "discord.com",
                     "weixin.qq.com", "signal.me", "m.me", "kakao.com", "open.kakao.com")
_REMOTE = re.compile(
    r"(?i)(?<![A-Za-z])(anydesk|teamviewer|rustdesk|ultraviewer|quicksupport|screenconnect|splashtop|"
    r"chrome remote desktop|todesk)(?![A-Za-z])|向日葵|远程桌面|远程控制|远程协助|애니데스크|팀뷰어|원격\s?(제어|지원|접속)|遠隔操作|"
    r"リモート(デスクトップ|操作|サポート)|エニーデスク|チームビューワー"
)


@dataclass(frozen=True, slots=True)
class Item:
    """A link, handle, messenger or app found in a reply, and whether a warning excuses it."""

    kind: str  # link | handle | messenger | remote_app
    value: str  # the exact words
    host: str = ""  # links: the host (lower case), with path for messenger links
    excused: bool = False


def _strip(value: str) -> str:
    return value.rstrip(".,;:!?)'\"」』）")


def _negated_access(normalized: str, lex: Lexicon) -> bool:
    cleaned = lex.negation_ignore.sub(" ", normalized)
    return bool(lex.negation.search(cleaned)) and bool(lex.access.search(cleaned))


def _host_and_path(value: str) -> tuple[str, str]:
    bare = re.sub(r"(?i)^https?://", "", value)
    host, _, path = bare.partition("/")
    return host.lower().split(":")[0].split("@")[-1], path


@lru_cache(maxsize=4096)
def find_items(text: str) -> tuple[Item, ...]:
    """Every link, handle, messenger invitation and remote-access app, in order."""
    items: list[Item] = []
    invited: set[int] = set()
    parts = clauses(text)
    sentences: dict[int, str] = {}
    for part in parts:
        sentences[part.sentence] = sentences.get(part.sentence, "") + " " + part.normalized
    for part in parts:
        # the sentence's language, not the clause's: "AnyDesk," alone is Latin inside a Korean warning
        lex = lexicon(script_language(_sentence_text(parts, part.sentence)))
        sentence = sentences[part.sentence]
        warned = bool(lex.warning.search(sentence))
        link_excused = warned or _negated_access(part.normalized, lex)
        mention_excused = warned or _negated_access(sentence, lex)
        seen: set[str] = set()
        for match in [*_URL.finditer(part.text), *_DOMAIN.finditer(part.text)]:
            value = _strip(match.group(0))
            host, path = _host_and_path(value)
            if any(host in s or value in s for s in seen):
                continue
            seen.add(value)
            items.append(Item("link", value, f"{host}/{path}".rstrip("/"), link_excused))
        messenger = _MESSENGERS.search(_sentence_text(parts, part.sentence))
        for match in _HANDLE.finditer(part.text):
            if messenger:
                items.append(Item("handle", match.group(0), excused=mention_excused))
        if messenger and part.sentence not in invited and not any(i.kind == "handle" for i in items):
            handle = _id_in(part.text, seen)
            if handle or lex.invite.search(part.normalized):
                invited.add(part.sentence)
                value = f"{messenger.group(0)} {handle}".strip() if handle else messenger.group(0)
                items.append(Item("messenger", value, excused=mention_excused))
        for match in _REMOTE.finditer(part.text):
            items.append(Item("remote_app", match.group(0), excused=mention_excused))
    return tuple(items)


def _sentence_text(parts: list[Clause], index: int) -> str:
    return " ".join(p.text for p in parts if p.sentence == index)


def _id_in(text: str, links: set[str]) -> str:
    for match in _ID.finditer(text):
        value = match.group(1) or match.group(2)
        if value and not _MESSENGERS.fullmatch(value) and not any(value in link for link in links):
            return value
    return ""


def is_official(host_path: str, official: tuple[str, ...]) -> bool:
    """``harbor.example`` allows itself and its subdomains; ``t.me/harbor`` allows that account."""
    host, _, path = host_path.partition("/")
    for entry in official:
        entry = entry.lower().strip().removeprefix("https://").removeprefix("http://").rstrip("/")
        entry_host, _, entry_path = entry.partition("/")
        host_ok = host == entry_host or host.endswith("." + entry_host)
        if host_ok and (not entry_path or path.lower() == entry_path or path.lower().startswith(entry_path + "/")):
            return True
    return False


def is_messenger_link(host_path: str) -> bool:
    host = host_path.partition("/")[0]
    return any(host == d or host.endswith("." + d) for d in MESSENGER_DOMAINS)


def look_alike(host_path: str, brand: str | None) -> bool:
    """The brand inside somebody else's domain: harbor-support.com, harbor.example.verify.io."""
    return bool(brand) and norm(brand or "") in host_path.partition("/")[0]
