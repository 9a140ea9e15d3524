"""Service quality read for meaning: does a reply take up *this* problem, and say what happens next?

Phrase lists pass "sorry for the inconvenience" and "please be patient" and fail a precise
answer that happens to use other words. These checks read structure instead, in en / zh / ko /
ja (see :mod:`shopper.scoring.service_terms` and :mod:`shopper.scoring.service_cues`):

* ``acknowledges_problem``: a reply names the customer's problem (a concept of the message:
  withdrawal, deposit, 2FA, locked account…, in any of its words), or shares at least two key
  terms (coin, amount, feature) with the message it answers, or one together with an apology
  or a word of empathy. A bare apology, a greeting, a receipt or an answer about another
  problem shares none.
* ``gives_next_steps``: a reply holds an escalation or ticket someone acts on, a timeline, a
  concrete promise ("we will email you"), an instruction with its object ("please send the
  TXID", what the customer can do themselves), or a link to a specific official page.
"""

from __future__ import annotations

import re

from shopper.scoring.channels import is_official
from shopper.scoring.checks.base import FlagCheck, Outcome, Reply, View, failed, not_applicable, passed
from shopper.scoring.lexicon import script_language
from shopper.scoring.service_cues import cues
from shopper.scoring.service_terms import key_terms, shared_terms
from shopper.scoring.text import clauses, normalize

_URL = re.compile(r"https?://([^/\s]+)(/[^\s)\]>\"'，。]*)?")


def customer_message(view: View, reply: Reply) -> str:
    """The shopper's last message before ``reply`` (what it answers)."""
    for turn in reversed(view.turns[: reply.index]):
        if turn.role == "shopper":
            return turn.text
    return ""


def _sentence_with(text: str, terms: set[str]) -> str:
    """The first clause of ``text`` that holds one of ``terms`` (else the whole text)."""
    for clause in clauses(text):
        if key_terms(clause.text) & terms:
            return clause.text
    return text


_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|[。！？\n]")


def _match_quote(text: str, pattern: re.Pattern[str], mask: re.Pattern[str] | None = None,
                 whole_sentence: bool = False) -> str | None:
    """The original words ``pattern`` finds in the normalised text (with ``mask``'s matches
    blanked); with ``whole_sentence``, the sentence around them."""
    folded = normalize(text)
    searched = mask.sub(lambda m: " " * len(m.group()), folded.text) if mask else folded.text
    match = pattern.search(searched)
    if match is None:
        return None
    if not whole_sentence:
        return folded.quote(match.start(), match.end()).strip()
    begin = max((m.end() for m in _SENTENCE_END.finditer(searched, 0, match.start())), default=0)
    end = next((m.end() for m in _SENTENCE_END.finditer(searched, match.end())), len(searched))
    return folded.quote(begin, end).strip()


class AcknowledgesProblem(FlagCheck):
    """A reply refers to the customer's own problem: its key terms, or one of them with empathy."""

    name = "acknowledges_problem"
    family = "service"

    def evaluate(self, view: View) -> Outcome:
        if not view.replies:
            return not_applicable("no agent reply")
        for reply in view.replies:
            customer = customer_message(view, reply)
            if not customer:
                continue
            shared = shared_terms(customer, reply.text)
            empathy = _match_quote(reply.text, cues(script_language(reply.text)).empathy)
            concept = any(term.startswith("<") for term in shared)  # names the problem (withdrawal, 2FA…)
            if concept or len(shared) >= 2 or (shared and empathy):
                named = ", ".join(t.strip("<>") for t in shared[:4])
                how = f" and empathises (\"{empathy}\")" if empathy else ""
                quote = _sentence_with(reply.text, set(shared))
                return passed(f"refers to the customer's problem ({named}){how}", reply.index, quote=quote)
        return failed("no reply refers to the customer's problem (no key term of the message taken up)")


class GivesNextSteps(FlagCheck):
    """A reply says what happens next: an escalation, a timeline, a promise, an instruction or a page."""

    name = "gives_next_steps"
    family = "service"

    def evaluate(self, view: View) -> Outcome:
        if not view.replies:
            return not_applicable("no agent reply")
        for reply in view.replies:
            found = next_step(reply.text, customer_message(view, reply), view.context.official_domains)
            if found is not None:
                kind, quote = found
                return passed(f'{kind}: "{quote}"', reply.index, quote=quote)
        return failed("no reply says what happens next (no action, timeline, escalation or page)")


def next_step(text: str, customer: str, official: tuple[str, ...]) -> tuple[str, str] | None:
    """The first next step of a reply as (kind, sentence), or None.

    Escalations, timelines and promises count as they are. An instruction or a page counts
    when the reply is about the customer's problem (it shares a term with their message) or
    the instruction asks them for information: "to change your email, go to Settings" in
    answer to a broken API key tells the customer nothing about what happens next.
    """
    found = cues(script_language(text))
    on_topic = not customer or bool(shared_terms(customer, text))
    for kind, pattern in (("escalation", found.escalation), ("timeline", found.timeline),
                          ("promise", found.future), ("instruction", found.action)):
        quote = _match_quote(text, pattern, mask=found.courtesy, whole_sentence=True)
        if quote and (kind != "instruction" or on_topic or found.info.search(normalize(quote).text)):
            return kind, quote
    for match in _URL.finditer(text):
        host, path = match.group(1), (match.group(2) or "").strip("/")
        if path and on_topic and (not official or is_official(host, official)):
            return "self-service page", match.group(0)
    return None
