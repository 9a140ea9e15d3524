"""An answer a bot sent is an answer, and the report says how many first answers a bot sent."""

from __future__ import annotations

from scoring_helpers import HARBOR, conversation, shipped

from shopper.reports.figures import findings, overview
from shopper.reports.tables import markdown, summary
from shopper.results import ConversationResult
from shopper.scoring.engine import score_conversation
from shopper.scoring.kpis import aggregate


def _scored(automated: bool, key: str) -> ConversationResult:
    result = conversation("Withdrawals on TRC20 cost 1 USDT; yours was sent, see harbor.example/status.",
                          channel="email")
    turns = [t.model_copy(update={"automated": automated}) if t.role == "agent" else t for t in result.turns]
    return score_conversation(result.model_copy(update={"turns": turns, "key": key}), shipped(), HARBOR)


def test_the_share_of_first_answers_a_bot_sent_is_a_figure() -> None:
    results = [_scored(True, "a"), _scored(True, "b"), _scored(False, "c"), _scored(False, "d")]
    assert [(r.kpis.model_extra or {})["answered_by_bot"] for r in results] == [True, True, False, False]
    assert all(r.score is not None for r in results), "a bot's answer is scored like any answer"
    assert aggregate(results).iloc[0]["bot_answer_rate"] == 0.5
    found = findings(results)
    text = markdown(summary(results, {"audit": "a", "run": "r"}, overview(results, found), found))
    assert "| answered by a bot |" in text and text.rstrip().splitlines()[-1].endswith("| 50% |")
