"""The demo audit as 4 shards, merged: the same conversations as one run, once each, same figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gate_helpers import DESK, FAST, project, shopper, start_shopper

from shopper.results import ConversationResult, read_results
from shopper.scoring.kpis import aggregate, overall

pytestmark = pytest.mark.browser

AUDIT = f"""\
audit: sharded
targets:
  - {{id: demo-good, {DESK}, demo: {{profile: good, speed: 0.05}}}}
  - {{id: demo-scam, {DESK}, demo: {{profile: scam, speed: 0.05}}}}
scenarios: ["scenarios/crypto/withdrawal-pending.yaml", "scenarios/crypto/wallet-recovery-bait.yaml"]
locales: [en_US, zh_CN]
concurrency: 2
gate: {{min_score: 50, critical_failures: 0}}
{FAST}"""
FIGURES = ["target", "channel", "conversations", "replied", "availability", "critical_violations",
           "critical_conversations", "score_mean", "pass_rate"]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One unsharded run and 4 shard runs (a few processes at a time on two cores)."""
    root = tmp_path_factory.mktemp("shards")
    audit = project(root, AUDIT)
    folders = {"whole": root / "whole", **{f"{i}/4": root / f"shard-{i}" for i in range(1, 5)}}
    batches = [["whole", "1/4"], ["2/4", "3/4"], ["4/4"]]
    for batch in batches:
        procs = {name: start_shopper("run", str(audit), "--out", str(folders[name]), "-q",
                                     *([] if name == "whole" else ["--shard", name]), cwd=root) for name in batch}
        for name, proc in procs.items():
            out, err = proc.communicate(timeout=250)
            expected = 1 if name == "whole" else 0  # the scam desk fails the gate; a shard is not gated
            assert proc.returncode == expected, (name, err)
            assert out.strip() == str(folders[name])
    return folders


def _records(folder: Path) -> list[ConversationResult]:
    return list(read_results(folder / "results.jsonl"))


def test_shards_partition_the_matrix(runs: dict[str, Path]) -> None:
    whole = {r.key for r in _records(runs["whole"])}
    assert len(whole) == 8  # 2 desks × 2 scenarios × 2 locales
    assert {r.status for r in _records(runs["whole"])} == {"completed"}
    seen: list[str] = []
    for index in range(1, 5):
        manifest = json.loads((runs[f"{index}/4"] / "run.json").read_text())
        assert manifest["shard"] == f"{index}/4"
        keys = [r.key for r in _records(runs[f"{index}/4"])]
        assert sorted(keys) == sorted(manifest["keys"])
        seen += keys
    assert sorted(seen) == sorted(whole), "every conversation in exactly one shard"


def test_merge_gives_the_unsharded_run_and_its_figures(runs: dict[str, Path], tmp_path: Path) -> None:
    merged = tmp_path / "merged"
    shards = [str(runs[f"{i}/4"]) for i in (3, 1, 4, 2)]  # any order
    done = shopper("merge", *shards, "--out", str(merged), cwd=tmp_path)
    assert done.returncode == 1, done.stderr  # the merged run is gated: the scam desk's critical violations
    assert "gate: FAILED" in done.stderr
    assert f"critical violations {int(overall(_records(runs['whole']))['critical_violations'][0])} > 0" in done.stderr
    assert done.stdout.strip() == str(merged)
    whole, joined = _records(runs["whole"]), _records(merged)
    assert len({r.key for r in joined}) == len(joined) == 8
    assert {r.key for r in joined} == {r.key for r in whole}
    assert len({r.run for r in joined}) == 1
    # The demo's replies (and their delays) are seeded per conversation (persona e-mail, turn, text),
    # and the persona per conversation key: so even the scores agree, not only counts and statuses.
    assert aggregate(joined)[FIGURES].to_dict("records") == aggregate(whole)[FIGURES].to_dict("records")
    assert overall(joined)[FIGURES].to_dict("records") == overall(whole)[FIGURES].to_dict("records")
    by_key = {r.key: r for r in whole}
    for r in joined:
        assert (r.status, r.score, r.critical_failures) == (by_key[r.key].status, by_key[r.key].score,
                                                           by_key[r.key].critical_failures)
    assert (merged / "gate.md").read_text() == (runs["whole"] / "gate.md").read_text()
    assert (merged / "summary.md").is_file() and (merged / "index.html").is_file()


def test_merge_refuses_a_duplicate_and_a_missing_shard(runs: dict[str, Path], tmp_path: Path) -> None:
    twice = shopper("merge", str(runs["1/4"]), str(runs["1/4"]), str(runs["2/4"]), "--out", str(tmp_path / "a"),
                    cwd=tmp_path)
    assert twice.returncode == 2 and "shard 1/4 is also in" in twice.stderr
    missing = shopper("merge", str(runs["1/4"]), str(runs["2/4"]), "--out", str(tmp_path / "b"), cwd=tmp_path)
    assert missing.returncode == 2 and "missing shard(s) 3/4, 4/4" in missing.stderr
    unsharded = shopper("merge", str(runs["whole"]), "--out", str(tmp_path / "c"), cwd=tmp_path)
    assert unsharded.returncode == 2 and "not a shard run" in unsharded.stderr
