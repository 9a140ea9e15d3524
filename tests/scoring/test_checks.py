"""Check specs, composition, scopes and the optional similarity / LLM-judge checks."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from pydantic import ValidationError
from scoring_helpers import HARBOR, conversation

from shopper.results import Turn
from shopper.scoring.checks.base import CheckSpecError
from shopper.scoring.checks.registry import compile_check, registry
from shopper.scoring.context import ScoringContext
from shopper.scoring.engine import score_conversation
from shopper.scoring.model import Rubric
from shopper.scoring.text import normalize


def rubric(*criteria: dict[str, object]) -> Rubric:
    return Rubric.model_validate({"rubric": "t", "criteria": list(criteria)})


def test_every_registered_check_has_a_description_and_a_valid_example() -> None:
    checks = registry()
    assert {"mentions_any", "mentions_all", "regex", "asks_for_secret", "asks_to_move_funds", "remote_access_app",
            "links_within", "warns_about_impersonation", "first_response_within", "each_response_within",
            "language", "length", "ticket_number", "handoff", "asks_clarifying_question", "similar_to",
            "llm_judge"} <= set(checks)
    for name, cls in checks.items():
        assert cls.description(), name
        compile_check({name: cls.example})


def test_unknown_check_suggests_the_closest_name() -> None:
    with pytest.raises(ValidationError) as caught:
        rubric({"id": "x", "check": {"mentions_anyy": {"en": ["hi"]}}})
    error = caught.value.errors()[0]
    assert error["loc"] == ("criteria", 0, "check")
    assert error["msg"] == "check: unknown check 'mentions_anyy' — did you mean 'mentions_any'?"


def test_bad_parameters_name_the_path_inside_the_check() -> None:
    with pytest.raises(CheckSpecError) as caught:
        compile_check({"not": {"first_response_within": "soon"}})
    assert str(caught.value) == "check.not.first_response_within: expected a duration like 60s, or sla (the audit's SLA)"
    with pytest.raises(CheckSpecError, match=r"check\.all\[1\]\.asks_for_secret\.kinds: expected some of"):
        compile_check({"all": [{"regex": "x"}, {"asks_for_secret": {"kinds": ["seeds"]}}]})


def test_phrases_fold_case_width_and_accents_without_word_boundaries_in_cjk() -> None:
    result = score_conversation(
        conversation("ＳＯＲＲＹ for the délay. 我们已经收到您的请求。"),
        [rubric({"id": "ack", "check": {"mentions_all": {"en": ["sorry", "delay"]}}},
                {"id": "zh", "check": {"mentions_any": {"en": ["收到"]}}})],
        HARBOR,
    )
    assert result.criteria[0].result == "pass" and '"ＳＯＲＲＹ"' in result.criteria[0].evidence.line()
    assert '"délay"' in result.criteria[0].evidence.line()
    assert result.criteria[1].result == "pass" and '"收到"' in result.criteria[1].evidence.line()


def test_normalize_keeps_a_map_to_the_original_words() -> None:
    text = "Ｈｅｌｌｏ ﾊﾟｽﾜｰﾄﾞ Café"
    folded = normalize(text)
    assert folded.text == "hello パスワード cafe"
    start = folded.text.index("パスワード")
    assert folded.quote(start, start + 5) == "ﾊﾟｽﾜｰﾄﾞ"


def test_any_and_not_compose() -> None:
    spec = {"any": [{"regex": "ticket"}, {"not": {"mentions_any": {"en": ["sorry"]}}}]}
    result = score_conversation(conversation("Sorry about that."), [rubric({"id": "c", "check": spec})], HARBOR)
    assert result.criteria[0].result == "fail"


def test_all_and_any_keep_every_parts_evidence_with_the_deciding_one_on_top() -> None:
    spec = {"all": [{"regex": "ticket (HB-\\d+)"}, {"mentions_any": {"en": ["sorry"]}}, {"regex": "refund"}]}
    result = score_conversation(conversation("Sorry, ticket HB-12 is open."), [rubric({"id": "c", "check": spec})], HARBOR)
    evidence = result.criteria[0].evidence
    assert result.criteria[0].result == "fail"
    assert (evidence.text, evidence.turn) == ("no reply matches /refund/", None), "the failing part decides"
    assert [(p.text, p.turn, p.quote) for p in evidence.parts] == [
        ('"ticket HB-12"', 1, "ticket HB-12"), ('"Sorry"', 1, "Sorry"), ("no reply matches /refund/", None, None)]
    assert evidence.quotes() == ["ticket HB-12", "Sorry"]
    either = {"any": [{"regex": "refund"}, {"mentions_any": {"en": ["sorry"]}}]}
    found = score_conversation(conversation("Sorry!"), [rubric({"id": "c", "check": either})], HARBOR).criteria[0]
    assert found.result == "pass" and (found.evidence.turn, found.evidence.quote) == (1, "Sorry")
    assert len(found.evidence.parts) == 2 and found.evidence.parts[0].text == "no reply matches /refund/"


def test_turn_scope_needs_every_reply_and_step_scope_only_named_steps() -> None:
    result = conversation("Sorry about that, checking.", "Done.")
    result.turns[2] = result.turns[2].model_copy(update={"step": 1})
    result.turns[3] = result.turns[3].model_copy(update={"step": 1})
    every = rubric({"id": "ack", "scope": "turn", "check": {"mentions_any": {"en": ["sorry"]}}})
    scored = score_conversation(result, [every], HARBOR)
    assert scored.criteria[0].result == "fail" and scored.criteria[0].evidence.line().startswith("none of")
    step = rubric({"id": "done", "scope": "step", "check": {"mentions_any": {"en": ["done"]}}})
    assert score_conversation(result, [step], HARBOR).criteria[0].result == "na", "no step asks for it"
    asked = result.turns[2].model_copy(update={"meta": {"expect_criteria": ["done"]}})  # as the driver records it
    result.turns[2] = asked
    scored = score_conversation(result, [step], HARBOR)
    assert scored.criteria[0].result == "pass" and scored.criteria[0].evidence.line() == 'turn 3: "Done"'


def test_each_response_within_fails_on_a_message_left_unanswered() -> None:
    result = conversation("Sorry, checking.", latency_s=10, status="no_reply")
    result.turns.append(Turn(role="shopper", text="Any news?", at_ms=2_000_000.0))
    scored = score_conversation(result, [rubric({"id": "each", "check": {"each_response_within": "2m"}})], HARBOR)
    assert scored.criteria[0].result == "fail" and scored.criteria[0].evidence.line().startswith("turn 2: a message got no reply")


class BagOfCharacters:
    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        alphabet = sorted({c for t in texts for c in t.lower()})
        return [[float(t.lower().count(c)) for c in alphabet] for t in texts]


def test_similar_to_is_na_without_a_model_and_judged_with_one() -> None:
    spec = {"similar_to": {"reference": {"en": "Your withdrawal is waiting for confirmations."}, "min": 0.9}}
    criteria = [rubric({"id": "sim", "check": spec})]
    reply = conversation("Your withdrawal is waiting for network confirmations.")
    assert score_conversation(reply, criteria, HARBOR).criteria[0].result == "na"
    with_model = ScoringContext(embedder=BagOfCharacters())
    assert score_conversation(reply, criteria, with_model).criteria[0].result == "pass"
    other = conversation("Please contact the bank.")
    assert score_conversation(other, criteria, with_model).criteria[0].result == "fail"
