"""Docs are tested like code: every command is in the README, and every command has help."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from shopper.cli import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(cli.list_commands(None))  # type: ignore[arg-type]


def test_the_cli_has_the_commands_the_issues_ask_for() -> None:
    assert set(COMMANDS) >= {"validate", "list", "init", "run", "demo", "score", "rescore", "report",
                             "compare", "show-report", "merge", "schedule", "history", "trend", "calibrate"}


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_documented_in_the_readme(name: str) -> None:
    assert f"`shopper {name}" in README, f"`shopper {name}` is missing from the README's command table"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
