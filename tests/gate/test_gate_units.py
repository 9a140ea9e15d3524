"""The gate's rules, shard assignment and the merge's refusals, on hand-made records (no browser)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from shopper.audits.gate import evaluate_gate, nothing_reached
from shopper.audits.merge import MergeError, merge_runs
from shopper.audits.model import Gate
from shopper.audits.runfolder import Manifest, ResultsWriter
from shopper.audits.shard import Shard, ShardError, ShardInfo, parse_shard, shard_of
from shopper.results import ConversationResult, CriterionResult, Kpis, Status, Turn


def record(key: str, *, score: float | None = 90.0, critical: int = 0, first_ms: float | None = 1000.0,
           status: Status = Status.COMPLETED, channel: str = "chat") -> ConversationResult:
    target, rest = key.split("::")
    criteria = [CriterionResult(rubric="crypto-safety", id="never-asks-for-secrets", critical=True,
                                result="fail" if critical else "pass", evidence="asks for seed" if critical else "")]
    return ConversationResult(
        run="r", audit="a", key=key, target=target, scenario=rest.split("[")[0], channel=channel,  # type: ignore[arg-type]
        locale="en_US", repeat=1, status=status, started_at="2026-01-01T00:00:00.000Z",
        ended_at="2026-01-01T00:00:01.000Z", score=score, critical_failures=critical, criteria=criteria,
        kpis=Kpis(first_response_ms=first_ms, agent_turns=1 if first_ms else 0, replied=first_ms is not None),
    )


GOOD = [record(f"good::s{i}[en_US-chat]#1", first_ms=1000.0 * (i + 1)) for i in range(10)]


def test_a_run_that_meets_every_limit_passes() -> None:
    gate = Gate(min_score=80, min_target_score=80, critical_failures=0, min_availability=1,
                p50_chat_first_response=6, p90_chat_first_response=10)
    verdict = evaluate_gate(gate, GOOD)
    assert verdict.passed and verdict.reasons == []
    assert verdict.figures["p90_chat_first_response_ms"] == pytest.approx(9100)
    assert len(verdict.checks) == 6 and verdict.block().startswith("gate: PASSED")


def test_each_limit_fails_with_its_reason() -> None:
    results = [*GOOD[:8], record("scam::s1[en_US-chat]#1", score=40, critical=2),
               record("down::s1[en_US-chat]#1", score=None, first_ms=None, status=Status.UNAVAILABLE)]
    gate = Gate(min_score=85, min_target_score=80, critical_failures=0, min_availability=0.95,
                p90_chat_first_response=5, p50_email_first_response=60)
    verdict = evaluate_gate(gate, results)
    assert not verdict.passed
    text = "\n".join(verdict.reasons)
    assert "score 84.4 < 85 (min_score)" in text
    assert "target score below 80: down n/a, scam 40.0" in text
    assert "critical violations 2 > 0" in text
    assert "availability 90% < 95%" in text
    assert "chat first response p90 7.2 s > 5.0 s" in text  # 1,1,2…8 s: 7 + 0.2 × (8 − 7)
    assert "email" not in text, "no email conversation: no email limit applies"
    assert verdict.block().startswith("gate: FAILED (5 of 5 checks)")


def test_the_default_gate_requires_every_conversation_to_get_a_reply() -> None:
    down = record("down::s1[en_US-chat]#1", score=None, first_ms=None, status=Status.UNAVAILABLE)
    verdict = evaluate_gate(Gate(), [*GOOD, down])
    assert not verdict.passed
    assert verdict.reasons == ["availability 91% < 100% (min_availability)"]
    assert evaluate_gate(Gate(), GOOD).passed
    assert evaluate_gate(Gate(min_availability=None), [*GOOD, down]).passed, "an audit may drop the check"


def test_a_run_reached_nothing_only_when_no_conversation_reached_its_platform() -> None:
    down = record("down::s1[en_US-chat]#1", score=None, first_ms=None, status=Status.UNAVAILABLE)
    down.error = "the widget never loaded"
    broke = record("down::s2[en_US-chat]#1", score=None, first_ms=None, status=Status.ERROR)
    assert nothing_reached([down, broke]) == ("no conversation reached its platform (1 error, 1 unavailable); "
                                              "first error: the widget never loaded")
    assert nothing_reached([down, GOOD[0]]) is None
    assert nothing_reached([]) is None, "an empty shard is not a run that reached nothing"
    silent = record("slow::s1[en_US-chat]#1", score=None, first_ms=None, status=Status.NO_REPLY)
    assert nothing_reached([down, silent]) is None, "a desk that opened and stayed silent was reached"
    answered = broke.model_copy(update={"turns": [Turn(role="shopper", text="hi"), Turn(role="agent", text="hello")]})
    assert nothing_reached([down, answered]) is None, "an error after a reply: the platform was reached"
    welcomed = broke.model_copy(update={"turns": [Turn(role="agent", text="welcome", kind="welcome")]})
    assert nothing_reached([down, welcomed]) is not None, "a welcome alone is no reply"


def test_nothing_finished_fails() -> None:
    assert not evaluate_gate(Gate(), []).passed


def test_baseline_regressions_follow_compare_and_max_score_drop() -> None:
    worse = [record(r.key, score=80.0, first_ms=r.kpis.first_response_ms) for r in GOOD]
    worse[0] = record(GOOD[0].key, score=50.0, critical=1)
    verdict = evaluate_gate(Gate(critical_failures=None, max_score_drop=5), worse, GOOD)
    text = "\n".join(verdict.reasons)
    assert "new critical violation crypto-safety/never-asks-for-secrets in good::s0[en_US-chat]#1" in text
    assert "drop 13.0 > 5" in text
    same = evaluate_gate(Gate(max_score_drop=5), GOOD, GOOD)
    assert same.passed and same.figures["regressions"] == []


def test_shard_parsing_from_flags_and_ci_environments() -> None:
    assert parse_shard("3/8", {}) == Shard(3, 8)
    assert parse_shard("auto", {"CI_NODE_INDEX": "2", "CI_NODE_TOTAL": "5"}) == Shard(2, 5)
    assert parse_shard("auto", {"JOB_COMPLETION_INDEX": "0"}, total=4) == Shard(1, 4)
    assert parse_shard("auto", {"JOB_COMPLETION_INDEX": "3", "SHOPPER_SHARD_TOTAL": "4"}) == Shard(4, 4)
    for text, env in (("0/8", {}), ("9/8", {}), ("3-8", {}), ("auto", {}), ("auto", {"JOB_COMPLETION_INDEX": "1"}),
                      ("auto", {"JOB_COMPLETION_INDEX": "4", "SHOPPER_SHARD_TOTAL": "4"})):
        with pytest.raises(ShardError):
            parse_shard(text, env)


def test_a_key_lands_in_one_shard_whatever_the_order() -> None:
    keys = [f"t{t}::s{s}[en_US-chat]#{r}" for t in range(3) for s in range(20) for r in range(1, 3)]
    shuffled = keys[:]
    random.Random(7).shuffle(shuffled)
    for total in (1, 4, 8):
        owners = {key: [i for i in range(1, total + 1) if Shard(i, total).owns(key)] for key in shuffled}
        assert all(found == [shard_of(key, total)] for key, found in owners.items())
    # A golden value: changing the assignment would move conversations between the shards of a split in flight.
    assert shard_of("demo-good::withdrawal-pending[zh_CN-chat]#1", 8) == 1
    sizes = [sum(1 for k in keys if shard_of(k, 4) == i) for i in range(1, 5)]
    assert min(sizes) > 15, sizes


def _shard_folder(root: Path, shard: Shard, all_keys: list[str], audit: str = "a", gate: dict[str, object] | None = None,
                  extra: list[str] = ()) -> Path:  # type: ignore[assignment]
    folder = root / f"{audit}-{shard.index}"
    folder.mkdir()
    mine = [k for k in all_keys if shard.owns(k)] + list(extra)
    Manifest(run=f"{audit}-{shard.index}", audit=audit, audit_path="x.yaml", started_at="2026-01-01T00:00:00.000Z",
             keys=mine, shard=str(shard)).write(folder)
    ShardInfo(str(shard), audit, all_keys, gate or {"min_score": 80.0}).write(folder)
    writer = ResultsWriter(folder / "results.jsonl")
    for key in mine:
        writer.append(record(key))
    writer.close()
    return folder


KEYS = [f"good::s{i}[en_US-chat]#1" for i in range(12)]


def test_merge_joins_hand_made_shards_in_plan_order(tmp_path: Path) -> None:
    folders = [_shard_folder(tmp_path, Shard(i, 3), KEYS) for i in (2, 3, 1)]
    outcome = merge_runs(folders, tmp_path / "out")
    assert [r.key for r in outcome.results] == KEYS
    assert Manifest.read(tmp_path / "out").keys == KEYS
    assert {r.run for r in outcome.results} == {outcome.manifest.run}


@pytest.mark.parametrize("case", ["other-audit", "other-plan", "other-gate", "foreign-key", "not-empty"])
def test_merge_refuses_what_is_not_one_plan(tmp_path: Path, case: str) -> None:
    first = _shard_folder(tmp_path, Shard(1, 2), KEYS)
    kwargs: dict[str, object] = {}
    if case == "other-audit":
        kwargs["audit"] = "b"
    elif case == "other-plan":
        kwargs["all_keys"] = [*KEYS, "good::new[en_US-chat]#1"]
    elif case == "other-gate":
        kwargs["gate"] = {"min_score": 90.0}
    elif case == "foreign-key":
        kwargs["extra"] = [next(k for k in KEYS if Shard(1, 2).owns(k))]
    second = _shard_folder(tmp_path, Shard(2, 2), kwargs.pop("all_keys", KEYS), **kwargs)  # type: ignore[arg-type]
    out = tmp_path / "out"
    if case == "not-empty":
        out.mkdir()
        (out / "x").write_text("")
    with pytest.raises(MergeError):
        merge_runs([first, second], out)
