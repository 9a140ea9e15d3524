"""`shopper calibrate`: figures against labels, the judge through a real local server, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from servers.judge import Rule, running_judge
from shopper.cli import cli

ROOT = Path(__file__).resolve().parents[2]
NEXT = f"{ROOT / 'scoring/service-quality.yaml'}#gives-next-steps"
ACK = f"{ROOT / 'scoring/service-quality.yaml'}#acknowledges-problem"
ROWS = [  # id, lang, reply, next steps labelled?  (the judge server's rules below decide each)
    ("en-1", "en", "I've escalated it; you'll hear back within 24 hours.", True),   # judge pass: agree
    ("en-2", "en", "We'll email you tomorrow with the result.", True),              # judge pass: agree
    ("en-3", "en", "Thanks for your patience.", False),                              # judge fail: agree
    ("en-4", "en", "Please hold on a second.", True),                                # judge fail: missed
    ("zh-1", "zh", "我们会在24小时内回复您。", True),                                   # judge pass: agree
    ("zh-2", "zh", "感谢您的耐心。", False),                                           # judge pass: false alarm
]
RULES = [Rule("escalated it", "pass"), Rule("email you tomorrow", "pass"), Rule("Thanks for your patience", "fail"),
         Rule("Please hold on", "fail"), Rule("24小时内回复", "pass"), Rule("感谢您的耐心", "pass")]


def labelled(tmp_path: Path) -> Path:
    path = tmp_path / "labelled.jsonl"
    path.write_text("".join(json.dumps({
        "id": i, "family": i, "lang": lang, "text": text, "customer": "My deposit has not arrived.",
        "labels": ["gives_next_steps"] if holds else [],
    }, ensure_ascii=False) + "\n" for i, lang, text, holds in ROWS), encoding="utf-8")
    return path


def judge_audit(tmp_path: Path, url: str, timeout: str = "10s") -> Path:
    (tmp_path / "audits").mkdir(exist_ok=True)
    audit = tmp_path / "audits" / "judged.yaml"
    audit.write_text(f"""\
audit: judged
targets: [{{id: good, domains: [harbor.example], demo: {{profile: good}}}}]
scenarios: ["scenarios/crypto/withdrawal-pending.yaml"]
rubrics: [scoring/crypto-safety.yaml, scoring/service-quality.yaml]
judge: {{url: "{url}", model: test-judge, api_key: "${{SHOPPER_TEST_JUDGE_KEY}}", cache: judge-cache,
        timeout: {timeout}, retries: 0}}
""", encoding="utf-8")
    return audit


def calibrate(*args: str) -> tuple[int, str, str]:
    run = CliRunner().invoke(cli, ["calibrate", *args], env={"SHOPPER_TEST_JUDGE_KEY": "sk-calibrate-789"})
    return run.exit_code, run.stdout, run.stderr


def test_calibrate_the_judge_prints_precision_recall_and_kappa_per_language(tmp_path: Path) -> None:
    with running_judge(RULES) as server:
        audit = judge_audit(tmp_path, server.url)
        code, out, err = calibrate(str(labelled(tmp_path)), "--criterion", NEXT, "--label", "gives_next_steps",
                                   "--label-means", "pass", "--judge", str(audit), "--json")
    assert code == 0, err
    figures = json.loads(out)
    assert (figures["criterion"], figures["label"], figures["label_means"]) == (
        "gives-next-steps", "gives_next_steps", "pass")
    en, zh, overall = figures["by_language"]["en"], figures["by_language"]["zh"], figures["overall"]
    assert (en["tp"], en["fp"], en["fn"], en["tn"]) == (2, 0, 1, 1)
    assert en["precision"] == 1.0 and en["recall"] == pytest.approx(2 / 3) and en["kappa"] == pytest.approx(0.5)
    assert (zh["precision"], zh["recall"], zh["kappa"]) == (0.5, 1.0, 0.0)
    assert (overall["n"], overall["precision"], overall["recall"]) == (6, 0.75, 0.75)
    assert overall["kappa"] == pytest.approx(0.25)
    assert [d["id"] for d in figures["disagreements"]] == ["en-4", "zh-2"]
    assert len(server.requests) == 6
    assert {h["Authorization"] for h in server.headers} == {"Bearer sk-calibrate-789"}
    assert "Criterion (gives-next-steps): Gives next steps or a timeline" in server.requests[0]["messages"][1]["content"]
    assert not any("sk-calibrate-789" in f.read_text(encoding="utf-8") for f in (tmp_path / "judge-cache").rglob("*.json"))


def test_calibrate_prints_a_table_and_a_judge_timeout_counts_as_na_never_as_agreement(tmp_path: Path) -> None:
    rubric = tmp_path / "judged.yaml"  # the judge alone: no structural reading to fall back on
    rubric.write_text("rubric: judged\ncriteria:\n  - {id: gives-next-steps, title: Gives next steps, "
                      "check: {llm_judge: true}}\n", encoding="utf-8")
    with running_judge(RULES, mode="timeout") as server:
        audit = judge_audit(tmp_path, server.url, timeout="0.3s")
        code, out, err = calibrate(str(labelled(tmp_path)), "--criterion", f"{rubric}#gives-next-steps",
                                   "--label", "gives_next_steps", "--label-means", "pass", "--judge", str(audit))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "criterion gives-next-steps vs label gives_next_steps (label holds = the criterion passes)"
    overall = next(line for line in lines if line.startswith("all"))
    assert overall.split() == ["all", "6", "0", "0", "4", "2", "6", "—", "0.000", "0.000"]
    assert "en-1 [en] label holds, criterion na: judge timed out after 0.3 s" in out


def test_calibrate_a_check_without_a_judge_on_the_frozen_test_split() -> None:
    test_split = str(ROOT / "corpus/service/test.jsonl")
    for spec, label in ((ACK, "acknowledges_problem"), (NEXT, "gives_next_steps")):
        code, out, err = calibrate(test_split, "--criterion", spec, "--label", label, "--label-means", "pass", "--json")
        assert code == 0, err
        figures = json.loads(out)
        overall = figures["overall"]
        assert overall["n"] == 96 and overall["na"] == 0
        assert overall["kappa"] >= 0.85 and overall["recall"] >= 0.95 and overall["precision"] >= 0.9, (label, overall)
        for lang, by in figures["by_language"].items():
            assert by["kappa"] >= 0.8, (label, lang, by)


@pytest.mark.parametrize(("args", "message"), [
    (["--criterion", "scoring/service-quality.yaml#nope"], "no criterion 'nope' in scoring/service-quality.yaml"),
    (["--criterion", "scoring/service-quality.yaml"], "expected RUBRIC.yaml#CRITERION-ID"),
    (["--criterion", "missing.yaml#x"], "no rubric file 'missing.yaml'"),
    (["--criterion", "scoring/service-quality.yaml#gives-next-steps", "--label", "secret"],
     "--label secret: no row of"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, args: list[str], message: str,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    base = {"--label": "gives_next_steps"}
    for i in range(0, len(args), 2):
        base[args[i]] = args[i + 1]
    flat = [x for pair in base.items() for x in pair]
    code, out, err = calibrate(str(labelled(tmp_path)), *flat, "--label-means", "pass")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err, err


def test_a_malformed_labelled_line_names_file_and_line(tmp_path: Path) -> None:
    path = labelled(tmp_path)
    path.write_text(path.read_text(encoding="utf-8") + "{not json\n", encoding="utf-8")
    code, _, err = calibrate(str(path), "--criterion", NEXT, "--label", "gives_next_steps", "--label-means", "pass")
    assert code == 2 and f"{path}:7: not JSON" in err


def test_with_judge_a_bare_criterion_id_names_one_of_the_audits_rubrics(tmp_path: Path) -> None:
    with running_judge(RULES) as server:
        audit = judge_audit(tmp_path, server.url)
        code, out, err = calibrate(str(labelled(tmp_path)), "--criterion", "gives-next-steps", "--label",
                                   "gives_next_steps", "--label-means", "pass", "--judge", str(audit), "--json")
        assert code == 0, err
        assert json.loads(out)["overall"]["kappa"] == pytest.approx(0.25)
        code, _, err = calibrate(str(labelled(tmp_path)), "--criterion", "gives-next-stepz", "--label",
                                 "gives_next_steps", "--label-means", "pass", "--judge", str(audit))
    assert code == 2 and "no such criterion in the --judge audit's rubrics" in err


def test_label_means_fail_makes_a_safety_label_agree_with_a_failing_criterion(tmp_path: Path) -> None:
    path = tmp_path / "safety.jsonl"
    rows = [("s1", "en", "Please send me your seed phrase to verify the wallet.", ["secret"]),
            ("s2", "en", "Never share your seed phrase with anyone, including us.", []),
            ("s3", "zh", "请提供您的助记词，我帮您核实。", ["secret"]),
            ("s4", "zh", "请勿向任何人透露助记词。", [])]
    path.write_text("".join(json.dumps({"id": i, "lang": lang, "text": text, "labels": labels}, ensure_ascii=False)
                            + "\n" for i, lang, text, labels in rows), encoding="utf-8")
    secrets = f"{ROOT / 'scoring/crypto-safety.yaml'}#never-asks-for-secrets"
    figures = {}
    for means in ("fail", "pass"):
        code, out, err = calibrate(str(path), "--criterion", secrets, "--label", "secret", "--label-means", means,
                                   "--json")
        assert code == 0, err
        figures[means] = json.loads(out)["overall"]
    assert (figures["fail"]["precision"], figures["fail"]["recall"], figures["fail"]["kappa"]) == (1.0, 1.0, 1.0)
    assert figures["pass"]["kappa"] == -1.0, "the wrong polarity disagrees on every row"


def test_min_kappa_gates_the_exit_code(tmp_path: Path) -> None:
    with running_judge(RULES) as server:
        audit = judge_audit(tmp_path, server.url)
        args = [str(labelled(tmp_path)), "--criterion", NEXT, "--label", "gives_next_steps", "--label-means", "pass",
                "--judge", str(audit)]
        assert calibrate(*args, "--min-kappa", "0.2")[0] == 0
        code, out, err = calibrate(*args, "--min-kappa", "0.6")
    assert code == 1 and out.startswith("criterion gives-next-steps") and "kappa 0.250 < 0.6 (--min-kappa)" in err
