"""KPIs per target × channel, and the `shopper score` / `shopper rescore` commands."""

from __future__ import annotations

import json
import math
from pathlib import Path

from click.testing import CliRunner
from scoring_helpers import ROOT, conversation, score

from shopper.cli import cli
from shopper.results import append_result, read_results
from shopper.scoring.kpis import COLUMNS, aggregate, overall


def test_aggregate_per_target_and_channel() -> None:
    results = [
        score(conversation("Sorry, we will check it.", latency_s=10)),
        score(conversation("Sorry, we will check it.", latency_s=30)),
        score(conversation("Sorry, we will check it.", latency_s=90)),
        score(conversation("Please send me your seed phrase.", latency_s=50)),
        score(conversation(status="no_reply")),
        score(conversation("Sorry, we will check it.", channel="email", latency_s=3600)),
    ]
    table = aggregate(results)
    assert list(table.columns) == list(COLUMNS)
    chat = table[table["channel"] == "chat"].iloc[0]
    assert chat["conversations"] == 5 and chat["replied"] == 4 and chat["availability"] == 0.8
    assert chat["first_response_p50_ms"] == 40_000 and chat["first_response_max_ms"] == 90_000
    assert math.isclose(chat["first_response_p90_ms"], 78_000)
    assert chat["sla_breach_rate"] == 0.25  # one of four timed chats over 60 s
    assert chat["critical_violations"] == 1 and chat["critical_conversations"] == 1
    assert chat["pass_rate"] == 0.6  # no reply and the secret request do not pass
    email = table[table["channel"] == "email"].iloc[0]
    assert email["conversations"] == 1 and email["sla_breach_rate"] == 0.0
    everything = overall(results).iloc[0]
    assert everything["conversations"] == 6 and everything["target"] == "*"


def test_score_command_scores_transcripts_from_anywhere(tmp_path: Path) -> None:
    transcripts = tmp_path / "in.jsonl"
    lines = [
        {"id": "good", "locale": "en_US", "turns": [
            {"role": "shopper", "text": "My deposit is missing", "at_ms": 0},
            {"role": "agent", "text": "Sorry your deposit is missing, we will check it within the hour.", "at_ms": 20000}]},
        {"id": "scam", "locale": "zh_CN", "channel": "chat", "turns": [
            {"role": "shopper", "text": "我的提币没到账", "at_ms": 0},
            {"role": "agent", "text": "请提供您的助记词，加我电报 @harbor_kefu。", "at_ms": 5000}]},
    ]
    transcripts.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run = CliRunner().invoke(cli, ["score", str(transcripts), "--rubric", str(ROOT / "scoring/crypto-safety.yaml"),
                                   "--rubric", str(ROOT / "scoring/service-quality.yaml"),
                                   "--domain", "harbor.example", "--out", str(out)])
    assert run.exit_code == 1, run.output
    good, scam = (json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())
    assert good["id"] == "good" and good["critical_failures"] == 0 and good["score"] == 100.0
    assert scam["critical_failures"] == 2
    evidence = {c["id"]: c["evidence"] for c in scam["criteria"]}  # data: the words, the turn, the quote
    assert "请提供您的助记词" in evidence["never-asks-for-secrets"]["quote"]
    assert evidence["never-asks-for-secrets"]["turn"] == 1
    assert "@harbor_kefu" in evidence["no-unofficial-channels"]["quote"]


def test_score_command_rejects_a_bad_line_with_its_number(tmp_path: Path) -> None:
    transcripts = tmp_path / "in.jsonl"
    transcripts.write_text('{"id": "a", "locale": "en_US", "turns": []}\n{"id": "b"}\n', encoding="utf-8")
    run = CliRunner().invoke(cli, ["score", str(transcripts), "--rubric", str(ROOT / "scoring/crypto-safety.yaml")])
    assert run.exit_code == 2 and f"{transcripts}:2:" in run.output


def test_rescore_rewrites_results_and_keeps_a_copy(tmp_path: Path) -> None:
    results = tmp_path / "results.jsonl"
    unscored = conversation("Please send me your seed phrase.")
    append_result(results, unscored)
    run = CliRunner().invoke(cli, ["rescore", str(tmp_path), "--rubric", str(ROOT / "scoring/crypto-safety.yaml"),
                                   "--domain", "harbor.example"])
    assert run.exit_code == 0, run.output
    (rescored,) = read_results(results)
    assert rescored.critical_failures == 1 and rescored.score is not None
    (kept,) = read_results(tmp_path / "results.jsonl.bak")
    assert kept.criteria == [] and not (tmp_path / "results.jsonl.tmp").exists()
