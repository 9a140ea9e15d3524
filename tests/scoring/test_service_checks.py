"""The structural readings of acknowledges_problem and gives_next_steps: what decides, what is quoted."""

from __future__ import annotations

from shopper.results import Turn
from shopper.scoring.checks.base import Outcome, Reply, View
from shopper.scoring.checks.registry import compile_check
from shopper.scoring.context import ScoringContext


def judge(check: str, customer: str, reply: str, domains: tuple[str, ...] = ()) -> Outcome:
    turns = (Turn(role="shopper", text=customer, at_ms=0.0), Turn(role="agent", text=reply, at_ms=1.0))
    view = View((Reply(1, turns[1], 1.0),), turns, "en", "chat", ScoringContext(official_domains=domains))
    return compile_check({check: True}).evaluate(view)


def test_a_next_step_quotes_its_whole_sentence_and_names_the_turn() -> None:
    outcome = judge("gives_next_steps", "My 0.35 BTC withdrawal is late.",
                    "Hello. The 0.35 BTC withdrawal is queued, please check Wallet > History. Thanks!")
    assert (outcome.result, outcome.turn) == ("pass", 1)
    assert outcome.quote == "The 0.35 BTC withdrawal is queued, please check Wallet > History."
    assert outcome.evidence == f'instruction: "{outcome.quote}"'


def test_a_page_counts_only_when_specific_and_official() -> None:
    customer = "My deposit is missing."
    assert judge("gives_next_steps", customer, "See https://help.harbor.example/deposits", ("harbor.example",)).result == "pass"
    assert judge("gives_next_steps", customer, "See https://help.harbor.example/", ("harbor.example",)).result == "fail"
    assert judge("gives_next_steps", customer, "See https://harbor-help.io/deposits", ("harbor.example",)).result == "fail"


def test_acknowledging_needs_this_customers_problem_not_any_apology() -> None:
    customer = "I can't log in since my account was locked this morning."
    named = judge("acknowledges_problem", customer, "Your account was locked after five wrong passwords.")
    assert named.result == "pass" and named.quote == "Your account was locked after five wrong passwords."
    assert "locked" in named.evidence
    assert judge("acknowledges_problem", customer, "Sorry, we can't help with that.").result == "fail"
    other = judge("acknowledges_problem", customer, "Sorry, KYC reviews take 1-3 business days.")
    assert other.result == "fail" and other.evidence.startswith("no reply refers to the customer's problem")


def test_a_reply_with_no_customer_message_before_it_is_not_judged_as_acknowledging() -> None:
    turns = (Turn(role="agent", text="Your withdrawal is delayed, sorry.", at_ms=0.0),)
    view = View((Reply(0, turns[0], None),), turns, "en", "chat", ScoringContext())
    assert compile_check({"acknowledges_problem": True}).evaluate(view).result == "fail"
