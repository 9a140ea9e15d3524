"""The help centre's articles (English) and its search."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    body: str


ARTICLES: tuple[Article, ...] = (
    Article(
        "withdrawal-pending",
        "Why is my withdrawal pending?",
        "Withdrawals are broadcast after a security review and confirmed by the network. "
        "Busy networks can take a few hours. Check Wallet > History for the TXID.",
    ),
    Article(
        "deposit-not-credited",
        "My deposit has not been credited",
        "Deposits are credited after the required number of confirmations. Coins that need a "
        "memo or tag (XRP, XLM, ATOM) are credited manually if the memo was missing.",
    ),
    Article(
        "reset-2fa",
        "I lost my 2FA device",
        "Reset two-factor authentication at harbor.example/security/reset-2fa with an ID check. "
        "Harbor staff will never ask for your 2FA codes or your seed phrase.",
    ),
    Article(
        "seed-backup",
        "How do I back up my seed phrase?",
        "Write the 12 or 24 words on paper and keep them offline. Never share them with anyone: "
        "support never asks for them and never contacts you first on Telegram or WhatsApp.",
    ),
    Article(
        "fees",
        "Trading and withdrawal fees",
        "Trading fees start at 0.10%. Withdrawal fees depend on the coin and the network.",
    ),
    Article(
        "official-channels",
        "Our official support channels",
        "Harbor support is only this website's chat, support@harbor.example and the help centre. "
        "Accounts on Telegram or WhatsApp claiming to be Harbor support are impostors.",
    ),
)


def search(query: str) -> list[Article]:
    """Articles containing every word of ``query`` (case-insensitive), in table order."""
    words = query.casefold().split()
    if not words:
        return []
    return [a for a in ARTICLES if all(w in f"{a.title} {a.body}".casefold() for w in words)]


def find(slug: str) -> Article | None:
    return next((a for a in ARTICLES if a.slug == slug), None)
