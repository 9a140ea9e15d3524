"""The CI examples parse, have the structure their engines need, and use only real shopper commands."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import click
import yaml

from shopper.audits.plan import load_plan
from shopper.cli import cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _load(name: str) -> dict:  # type: ignore[type-arg]
    data = yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _commands(text: str) -> list[list[str]]:
    """Every `shopper …` command line in a script, split like a shell would (variables kept)."""
    found = []
    for line in text.splitlines():
        match = re.search(r"\bshopper (run|merge|list|validate|report|compare)\b[^&#\n]*", line)
        if match:
            found.append(shlex.split(match.group(0).replace("${{ matrix.shard }}", "1")))
    return found


def _check_command(argv: list[str]) -> None:
    """The subcommand and every option exist in the CLI; the audit it names loads."""
    ctx = click.Context(cli)
    command = cli.get_command(ctx, argv[1])
    assert command is not None, argv
    known = {opt for param in command.params for opt in getattr(param, "opts", [])}
    for arg in argv[2:]:
        if arg.startswith("--"):
            assert arg.split("=")[0] in known, f"{argv[1]} has no option {arg}"
        if arg.endswith(".yaml") and argv[1] == "run":
            path = EXAMPLES.parent / arg
            if not path.is_file():  # the Kubernetes image's working directory holds audits/ci.yaml
                path = EXAMPLES / arg
            load_plan(path, os.environ)


def test_github_actions_workflow() -> None:
    flow = _load("github-actions.yml")
    audit, gate = flow["jobs"]["audit"], flow["jobs"]["gate"]
    assert audit["strategy"]["matrix"]["shard"] == [1, 2, 3, 4]
    assert gate["needs"] == "audit" and gate["if"] == "always()"
    steps = [s.get("run", "") for s in audit["steps"]]
    assert any("--shard ${{ matrix.shard }}/4" in run for run in steps)
    uploads = [s for s in audit["steps"] if s.get("uses", "").startswith("actions/upload-artifact")]
    assert uploads and uploads[0]["with"]["path"] == "runs/shard-${{ matrix.shard }}"
    gate_runs = "\n".join(s.get("run", "") for s in gate["steps"])
    assert "shopper merge shards/shard-* --out merged" in gate_runs
    assert 'cat merged/summary.md >> "$GITHUB_STEP_SUMMARY"' in gate_runs
    assert any(s.get("uses", "").startswith("actions/download-artifact") for s in gate["steps"])
    commands = _commands("\n".join(s.get("run", "") for job in flow["jobs"].values() for s in job["steps"]))
    assert [c[1] for c in commands] == ["run", "merge"]
    for command in commands:
        _check_command(command)


def test_gitlab_ci_job() -> None:
    ci = _load("gitlab-ci.yml")
    audit, gate = ci["audit"], ci["gate"]
    assert audit["parallel"] == 4 and ci["stages"] == ["audit", "gate"]
    assert "--shard auto" in " ".join(audit["script"])
    assert audit["artifacts"]["paths"] == ["runs/shard-$CI_NODE_INDEX/"]
    assert gate["needs"] == ["audit"] and gate["when"] == "always"
    assert gate["artifacts"]["reports"]["junit"] == "merged/junit.xml"
    assert "cat merged/summary.md" in gate["after_script"]
    commands = _commands("\n".join([*audit["script"], *gate["script"]]))
    assert [c[1] for c in commands] == ["run", "merge"]
    for command in commands:
        _check_command(command)


def test_kubernetes_indexed_job() -> None:
    docs = list(yaml.safe_load_all((EXAMPLES / "k8s-indexed-job.yaml").read_text(encoding="utf-8")))
    job, merge = docs
    assert job["kind"] == merge["kind"] == "Job"
    spec = job["spec"]
    assert spec["completionMode"] == "Indexed" and spec["completions"] == spec["parallelism"] == 8
    container = spec["template"]["spec"]["containers"][0]
    assert {"name": "SHOPPER_SHARD_TOTAL", "value": "8"} in container["env"]
    script = " ".join(container["args"])
    assert "--shard auto" in script and "$JOB_COMPLETION_INDEX" in script
    commands = _commands(script + "\n" + " ".join(merge["spec"]["template"]["spec"]["containers"][0]["args"]))
    assert [c[1] for c in commands] == ["run", "merge"]
    for command in commands:
        _check_command(command)


def test_the_example_audit_is_valid_and_gated() -> None:
    plan = load_plan(EXAMPLES / "audits" / "ci.yaml", os.environ)
    assert plan.audit.gate.critical_failures == 0 and plan.audit.gate.min_score == 80
