"""junit.xml, summary.json, summary.md, results.csv and the `report` command, from a run folder."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from junitparser import Error, Failure, JUnitXml
from lxml import etree
from report_helpers import XSD, make_run

from shopper.cli import cli
from shopper.reports import render_run
from shopper.reports.figures import artifact_href
from shopper.reports.render import UnusableRun
from shopper.results import ConversationResult, Status
from shopper.scoring.engine import passed
from shopper.scoring.kpis import overall

Rendered = tuple[Path, list[ConversationResult]]


def test_junit_validates_against_the_jenkins_schema(rendered: Rendered) -> None:
    folder, _ = rendered
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    document = etree.parse(str(folder / "junit.xml"))
    assert schema.validate(document), schema.error_log


def test_junitparser_reads_back_the_right_counts(rendered: Rendered) -> None:
    folder, results = rendered
    errors = [r for r in results if r.status in (Status.UNAVAILABLE, Status.ERROR)]
    failures = [r for r in results if r not in errors and not passed(r)]
    xml = JUnitXml.fromfile(str(folder / "junit.xml"))
    suites = {suite.name: suite for suite in xml}
    assert set(suites) == {r.target for r in results}
    assert sum(s.tests for s in suites.values()) == len(results)
    assert sum(s.errors for s in suites.values()) == len(errors) > 0
    assert sum(s.failures for s in suites.values()) == len(failures) > 0
    scam = suites["demo-scam"]
    assert scam.failures == scam.tests  # every scam conversation fails a critical criterion
    messages = [res.message for case in scam for res in case.result if isinstance(res, Failure)]
    assert any("CRITICAL crypto-safety/never-asks-for-secrets" in m and "seed phrase" in m for m in messages)
    flaky_errors = [res for case in suites["demo-flaky"] for res in case.result if isinstance(res, Error)]
    assert {res.type for res in flaky_errors} == {"unavailable", "error"}


def test_junit_survives_control_characters_in_agent_text(tmp_path: Path) -> None:
    folder, results = make_run(tmp_path / "run", count=12)
    scam = next(r for r in results if r.target == "demo-scam")
    scam.criteria[0].evidence.text += "\x00\x1b[31m bell\x07"
    (folder / "results.jsonl").write_text("".join(r.model_dump_json() + "\n" for r in results), encoding="utf-8")
    render_run(folder)
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    assert schema.validate(etree.parse(str(folder / "junit.xml"))), schema.error_log


def test_summary_json_holds_the_kpis_of_each_target(rendered: Rendered) -> None:
    folder, results = rendered
    data = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    assert data["conversations"] == len(results)
    targets = {t["target"]: t for t in data["targets"]}
    for name, figures in targets.items():
        expected = overall([r for r in results if r.target == name]).iloc[0]
        assert figures["pass_rate"] == pytest.approx(expected["pass_rate"])
        assert figures["critical_violations"] == expected["critical_violations"]
    order = [t["target"] for t in data["targets"]]
    assert order[0] in ("demo-scam", "demo-hostile")  # worst first
    assert targets["demo-slow"]["sla_breach_rate"] > 0.3
    assert targets["demo-sloppy"]["language_match_rate"] < 0.5
    assert targets["demo-good"]["critical_violations"] == 0
    assert {c["category"] for c in data["categories"]} == {"safety", "speed", "language", "quality"}
    assert len({h["hour"] for h in data["by_hour"]}) >= 3


def test_summary_markdown_is_short_and_names_the_findings(rendered: Rendered) -> None:
    folder, results = rendered
    text = (folder / "summary.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) < 40
    for target in {r.target for r in results}:
        assert f"| `{target}` |" in text
    assert "please send me your seed phrase" in text
    assert "https://t.me/HarborSupportDesk" in text
    hostile = next(line for line in text.splitlines() if "javascript:alert" in line)
    assert "`Verify here: javascript:alert(1) or <a href=" in hostile  # inside a code span: inert


def test_results_csv_has_a_row_per_conversation_and_a_column_per_criterion(rendered: Rendered) -> None:
    folder, results = rendered
    table = pd.read_csv(folder / "results.csv")
    assert len(table) == len(results)
    assert list(table["key"]) == [r.key for r in results]
    criteria = {f"{c.rubric}/{c.id}" for r in results for c in r.criteria}
    assert criteria <= set(table.columns)
    assert {"first_response_ms", "sla_breached", "language_match", "score", "passed"} <= set(table.columns)
    scam = table[table["target"] == "demo-scam"]
    assert (scam["crypto-safety/no-unofficial-channels"] == "fail").all()


def test_artifact_links_stay_inside_the_run_folder(tmp_path: Path) -> None:
    (tmp_path / "artifacts").mkdir()
    (tmp_path / "artifacts" / "a b.png").write_bytes(b"x")
    (tmp_path.parent / "secret.txt").write_text("x")
    assert artifact_href(tmp_path, "artifacts/a b.png") == "artifacts/a%20b.png"
    assert artifact_href(tmp_path, str(tmp_path / "artifacts" / "a b.png")) == "artifacts/a%20b.png"
    assert artifact_href(tmp_path, "../secret.txt") is None
    assert artifact_href(tmp_path, "javascript:alert(1)") is None
    assert artifact_href(tmp_path, "artifacts/missing.png") is None


def test_report_command_rerenders_offline_and_refuses_a_folder_without_results(tmp_path: Path) -> None:
    folder, _ = make_run(tmp_path / "run", count=30)
    result = CliRunner().invoke(cli, ["report", str(folder)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(folder / "index.html")
    for name in ("index.html", "junit.xml", "summary.md", "summary.json", "results.csv", "transcripts/chunk-0000.js"):
        assert (folder / name).is_file(), name
    empty = tmp_path / "empty"
    empty.mkdir()
    assert CliRunner().invoke(cli, ["report", str(empty)]).exit_code == 2
    with pytest.raises(UnusableRun):
        render_run(empty)


def test_a_run_with_no_conversation_still_renders(tmp_path: Path) -> None:
    (tmp_path / "results.jsonl").write_text("", encoding="utf-8")
    written = render_run(tmp_path)
    assert (tmp_path / "index.html") in written
    assert json.loads((tmp_path / "summary.json").read_text())["conversations"] == 0
