"""Safety over everything the platform says: the pieces read, and the verdicts they lead to."""

from __future__ import annotations

from scoring_helpers import HARBOR, conversation, criterion, score, shipped

from shopper.formats.locales import language_of
from shopper.results import ConversationResult, Turn, TurnPart
from shopper.scoring.checks.base import Outcome, View
from shopper.scoring.engine import evaluate, passed, replies_of
from shopper.scoring.model import Criterion
from shopper.scoring.said import said_by_platform

ASKS = "To verify your wallet, please enter your 12-word recovery phrase here."
QUOTED_CUSTOMER = "Please tell me your seed phrase so I can check it? A man on Telegram asked me for it."


def _mail(*parts: tuple[str, str], kind: str = "message", text: str | None = None) -> Turn:
    new = next((t for k, t in parts if k == "new"), "")
    return Turn(role="agent", text=new if text is None else text, kind=kind,  # type: ignore[arg-type]
                parts=[TurnPart(kind=k, text=t) for k, t in parts])  # type: ignore[arg-type]


def _with(turns: list[Turn], status: str = "completed") -> ConversationResult:
    shopper = Turn(role="shopper", text="My withdrawal is stuck.", at_ms=0.0)
    base = conversation()
    return base.model_copy(update={"turns": [shopper, *turns], "status": status})


def _outcome(result: ConversationResult, criterion_id: str) -> Outcome:
    """The criterion's outcome as data (part, quote, link), not only its words."""
    found = next(c for r in shipped() for c in r.criteria if c.id == criterion_id)
    view = View(replies_of(result.turns), tuple(result.turns), language_of(result.locale), result.channel,
                HARBOR, said=said_by_platform(result.turns))
    return found.compiled.evaluate(view)


# --- the pieces -----------------------------------------------------------------------------


def test_every_platform_turn_kind_is_read_and_the_shopper_and_bounces_are_not() -> None:
    kinds = ["message", "welcome", "auto_ack", "out_of_office", "handoff", "event"]
    turns = [Turn(role="shopper", text="customer words")]
    turns += [Turn(role="system" if k in ("handoff", "event") else "agent", text=f"{k} words", kind=k)  # type: ignore[arg-type]
              for k in kinds]
    turns.append(Turn(role="system", text="550 5.1.1 mailbox unknown", kind="bounce"))
    pieces = said_by_platform(turns)
    assert [p.text for p in pieces] == [f"{k} words" for k in kinds]
    assert [p.index for p in pieces] == [1, 2, 3, 4, 5, 6]
    assert {p.part for p in pieces} == {"new"}
    assert [p.where for p in pieces] == ["reply", "welcome", "acknowledgement", "out-of-office",
                                         "hand-off line", "system line"]


def test_every_part_but_the_quote_is_read_with_its_kind() -> None:
    mail = _mail(("new", "We are on it."), ("quote", QUOTED_CUSTOMER), ("signature", "Harbor Support"),
                 ("disclaimer", "Confidential."), ("footer", "Harbor Ltd, Tallinn"),
                 ("marker", "##- Please type your reply above this line -##"))
    pieces = said_by_platform([mail])
    assert [(p.part, p.text) for p in pieces] == [
        ("new", "We are on it."), ("signature", "Harbor Support"), ("disclaimer", "Confidential."),
        ("footer", "Harbor Ltd, Tallinn"), ("marker", "##- Please type your reply above this line -##")]
    assert pieces[1].where == "reply signature"


def test_a_chat_message_is_its_text_plus_its_buttons_and_link_targets() -> None:
    turn = Turn(role="agent", text="Welcome to Harbor!", kind="welcome",
                parts=[TurnPart(kind="button", text="Track a withdrawal"),
                       TurnPart(kind="href", text="https://help.harbor.example/a/1")])
    pieces = said_by_platform([turn])
    assert [(p.part, p.text) for p in pieces] == [
        ("button", "Track a withdrawal"), ("href", "https://help.harbor.example/a/1"), ("new", "Welcome to Harbor!")]
    assert pieces[0].where == "welcome button" and pieces[1].where == "welcome link target"


def test_a_turn_without_parts_is_read_whole_and_empty_texts_are_skipped() -> None:
    pieces = said_by_platform([Turn(role="agent", text="Hello\n-- \nHarbor, t.me/x"),
                               Turn(role="agent", text="  ", parts=[TurnPart(kind="button", text="")])])
    assert [(p.index, p.part, p.text) for p in pieces] == [(0, "new", "Hello\n-- \nHarbor, t.me/x")]


# --- the verdicts ---------------------------------------------------------------------------


def test_a_quoted_customer_sentence_about_a_seed_phrase_is_never_the_platforms() -> None:
    quoted = score(_with([_mail(("new", "Thanks, we are checking your withdrawal now."),
                                ("quote", QUOTED_CUSTOMER))]))
    row = criterion(quoted, "never-asks-for-secrets")
    assert row.result == "pass" and quoted.critical_failures == 0
    # the same words said by the desk are a request: the test above would catch a leak
    said = score(_with([_mail(("new", QUOTED_CUSTOMER))]))
    assert criterion(said, "never-asks-for-secrets").result == "fail"


def test_a_welcome_that_asks_for_the_phrase_fails_critically_even_with_no_reply() -> None:
    welcome = Turn(role="agent", text=ASKS, kind="welcome")
    result = score(_with([welcome], status="no_reply"))
    row = criterion(result, "never-asks-for-secrets")
    assert row.result == "fail" and row.critical
    assert row.evidence.line().startswith("turn 1: welcome: asks for seed") and "recovery phrase" in row.evidence.line()
    assert result.critical_failures == 1 and not passed(result)
    assert result.score is None  # a silent desk is not scored: it counts against availability
    assert criterion(result, "acknowledges-problem").result == "na"  # the rest still reads replies


def test_a_silent_desk_whose_welcome_is_honest_stays_unscored() -> None:
    result = score(_with([Turn(role="agent", text="Hi! How can we help?", kind="welcome")], status="no_reply"))
    assert criterion(result, "never-asks-for-secrets").result == "pass"
    assert result.score is None and result.critical_failures == 0 and not passed(result)


def test_a_button_inside_the_bubble_is_named_as_the_button() -> None:
    label = "Verify wallet: enter your 12-word recovery phrase"
    welcome = Turn(role="agent", text=f"Welcome! {label}", kind="welcome", parts=[TurnPart(kind="button", text=label)])
    outcome = _outcome(_with([welcome, Turn(role="agent", text="On its way.")]), "never-asks-for-secrets")
    assert (outcome.result, outcome.part) == ("fail", "button")


def test_a_button_label_that_asks_for_the_phrase_names_the_button() -> None:
    welcome = Turn(role="agent", text="Welcome to Harbor support!", kind="welcome",
                   parts=[TurnPart(kind="button", text="Track a withdrawal"), TurnPart(kind="button", text=ASKS)])
    result = _with([welcome, Turn(role="agent", text="Your withdrawal is on its way.")])
    outcome = _outcome(result, "never-asks-for-secrets")
    assert (outcome.result, outcome.turn, outcome.part) == ("fail", 1, "button")
    assert outcome.quote is not None and "recovery phrase" in outcome.quote
    assert outcome.evidence.startswith("welcome button: asks for seed")


def test_an_acknowledgement_that_asks_for_the_phrase_fails_beside_an_honest_answer() -> None:
    ack = Turn(role="agent", text=f"We received your request (ticket HBR-123456). {ASKS}", kind="auto_ack")
    answer = Turn(role="agent", text="Your withdrawal is waiting for confirmations; it will arrive soon.")
    result = score(_with([ack, answer]))
    row = criterion(result, "never-asks-for-secrets")
    assert row.result == "fail" and row.evidence.line().startswith("turn 1: acknowledgement: asks for seed")
    assert result.score is not None and not passed(result)


def test_a_telegram_handle_in_a_signature_is_an_unofficial_channel() -> None:
    mail = _mail(("new", "Your deposit is credited."), ("signature", "Harbor Support\nTelegram: t.me/harbor_helpdesk"))
    outcome = _outcome(_with([mail]), "no-unofficial-channels")
    assert (outcome.result, outcome.turn, outcome.part) == ("fail", 1, "signature")
    assert outcome.link is not None and "t.me/harbor_helpdesk" in outcome.link
    assert outcome.evidence.startswith("reply signature: messenger")


def test_a_link_target_behind_official_looking_text_is_judged() -> None:
    turn = Turn(role="agent", text="Verify at harbor.example", parts=[
        TurnPart(kind="href", text="https://harbor.example.verify-login.io/start")])
    outcome = _outcome(_with([turn]), "no-unofficial-channels")
    assert (outcome.result, outcome.part) == ("fail", "href")
    assert outcome.link == "https://harbor.example.verify-login.io/start"
    official = Turn(role="agent", text="See our guide", parts=[TurnPart(kind="href", text="https://help.harbor.example/a/1")])
    assert _outcome(_with([official]), "no-unofficial-channels").result == "pass"


def test_out_of_office_and_hand_off_lines_are_judged_for_funds_and_remote_access() -> None:
    away = Turn(role="agent", kind="out_of_office",
                text="I am away. Meanwhile send 0.05 BTC as an unlock fee and your withdrawal will be released.")
    funds = score(_with([away, Turn(role="agent", text="We are checking your withdrawal.")]))
    assert criterion(funds, "never-asks-to-move-funds").evidence.line().startswith("turn 1: out-of-office: asks to move funds")
    line = Turn(role="system", kind="handoff", text="Connecting you to a human agent. Please install AnyDesk first.")
    remote = _outcome(_with([line, Turn(role="agent", text="Hi, Mia here.")]), "no-unofficial-channels")
    assert remote.result == "fail" and remote.evidence.startswith("hand-off line: remote-access app")


def test_turn_scope_judges_each_platform_turn_on_its_own() -> None:
    welcome = Turn(role="agent", text="Hi! How can we help?", kind="welcome")
    result = _with([welcome, Turn(role="agent", text=ASKS), Turn(role="agent", text="Anything else?")])
    crit = Criterion(id="c", check={"not": {"asks_for_secret": True}}, scope="turn")
    view = View(replies_of(result.turns), tuple(result.turns), "en", "chat", HARBOR,
                said=said_by_platform(result.turns))
    outcome = evaluate(crit, view)
    assert (outcome.result, outcome.turn) == ("fail", 2)


def test_a_platform_that_said_nothing_leaves_safety_not_applicable() -> None:
    result = score(_with([], status="no_reply"))
    assert {c.result for c in result.criteria} == {"na"}
    assert result.score is None and result.critical_failures == 0
    bounce_only = score(_with([Turn(role="system", kind="bounce", text="550 5.1.1 <support@x>: no such user; "
                                    "your mail said: please send us your 12-word recovery phrase")], status="no_reply"))
    assert criterion(bounce_only, "never-asks-for-secrets").result == "na", "a DSN is the mail server's, not the desk's"


def test_a_helpdesk_vendors_powered_by_footer_is_not_an_unofficial_channel() -> None:
    def channels(part: str, text: str) -> str:
        mail = _mail(("new", "Your deposit is credited."), (part, text))
        return _outcome(_with([mail]), "no-unofficial-channels").result

    assert channels("footer", "Powered by Zendesk https://www.zendesk.com/?utm_source=mail") == "pass"
    assert channels("footer", "Help desk: https://harbor-help.zendesk.com/verify") == "fail"  # a tenant: anyone's
    assert channels("footer", "Chat with us: t.me/harbor_helpdesk") == "fail"
    assert channels("signature", "Powered by https://www.zendesk.com") == "fail"  # the desk's own words
