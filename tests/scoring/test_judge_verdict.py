"""Reading a judge's answer strictly, and what the prompt shows it (no server needed)."""

from __future__ import annotations

import json

from shopper.scoring.judge.prompt import MAX_TURN_CHARS, JudgeRequest, user_message
from shopper.scoring.judge.verdict import read_verdict

REQUEST = JudgeRequest("gives-next-steps", "Gives next steps", "", "",
                       (("shopper", "Where is my BTC?"), ("agent", "It was sent.  We will email you\ntomorrow.")), (1,))


def answer(**fields: object) -> str:
    return json.dumps(fields)


def test_a_pass_quotes_the_transcript_whitespace_and_case_aside() -> None:
    verdict = read_verdict(answer(result="pass", quote="we will EMAIL you tomorrow", reason="a promise",
                                  confidence=0.8), REQUEST)
    assert (verdict.result, verdict.turn, verdict.confidence, verdict.error) == ("pass", 1, 0.8, False)


def test_a_fenced_json_block_is_read_and_a_confidence_outside_0_1_is_dropped() -> None:
    content = "```json\n" + answer(result="fail", quote="It was sent.", reason="no step", confidence=7) + "\n```"
    verdict = read_verdict(content, REQUEST)
    assert (verdict.result, verdict.confidence) == ("fail", None)


def test_anything_but_a_strict_verdict_is_na_and_marked_as_a_failure_to_judge() -> None:
    cases = {
        "Sure! It passes.": "judge answer is not a JSON verdict",
        answer(result="maybe"): "judge answer has no result pass/fail/na",
        "[1, 2]": "judge answer is not a JSON verdict",
        answer(result="pass", quote="   "): "judge gave no quote for its pass",
        answer(result="fail", quote="we never said this"): "judge quoted words not in the transcript",
    }
    for content, reason in cases.items():
        verdict = read_verdict(content, REQUEST)
        assert verdict.result == "na" and verdict.error and verdict.reason.startswith(reason), content


def test_the_judge_saying_na_is_not_an_error() -> None:
    verdict = read_verdict(answer(result="na", reason="no problem was raised"), REQUEST)
    assert (verdict.result, verdict.error, verdict.reason) == ("na", False, "no problem was raised")


def test_a_long_turn_is_cut_in_the_prompt() -> None:
    long = JudgeRequest("c", "t", "", "", (("agent", "x" * (MAX_TURN_CHARS + 500)),), (0,))
    prompt = user_message(long)
    assert "x" * MAX_TURN_CHARS + " […cut]" in prompt and "x" * (MAX_TURN_CHARS + 1) not in prompt
