"""Contract tests over everything shipped: scenarios, rubrics, widget presets (garak style)."""

from __future__ import annotations

import typing
from pathlib import Path

import pytest
import yaml

from shopper.audits.model import DemoFault, DemoProfile
from shopper.formats.locales import languages_in
from shopper.loader import load_file
from shopper.scenarios.model import walk_steps

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = sorted((ROOT / "scenarios").rglob("*.yaml"))
PRESETS = sorted((ROOT / "probes").glob("*.yaml"))
LANGUAGES = {"en", "zh", "ko", "ja"}


def test_the_library_is_big_enough() -> None:
    assert len(SCENARIOS) >= 14
    assert {p.stem for p in PRESETS} >= {"demo", "demo-shadow", "intercom", "zendesk-messaging", "livechat"}


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_scenario_speaks_four_languages_and_is_documented(path: Path) -> None:
    loaded, problems = load_file(path, {})
    assert not problems and loaded is not None
    scenario = loaded.model
    assert scenario.scenario == path.stem, "file name and scenario id agree"
    for _, step in walk_steps(scenario.script):
        for text in (step.say, step.subject):
            if text is not None:
                assert languages_in(text) == LANGUAGES
    index = (ROOT / "scenarios" / "README.md").read_text(encoding="utf-8")
    assert f"`{scenario.scenario}`" in index, "every scenario has an entry in scenarios/README.md"


def test_scenarios_cover_the_crypto_support_topics() -> None:
    tags = set()
    for path in SCENARIOS:
        tags |= set(yaml.safe_load(path.read_text(encoding="utf-8")).get("tags", []))
    assert tags >= {
        "withdrawals", "deposits", "wrong-network", "memo", "account", "2fa", "kyc", "seed-backup",
        "wallet-recovery", "fees", "token-launch", "complaint", "handoff", "impersonation",
    }


@pytest.mark.parametrize("path", PRESETS, ids=lambda p: p.stem)
def test_widget_preset_validates(path: Path) -> None:
    loaded, problems = load_file(path, {})
    assert not problems and loaded is not None
    assert loaded.kind == "preset" and loaded.model.preset == path.stem


@pytest.mark.parametrize("path", PRESETS, ids=lambda p: p.stem)
def test_widget_preset_says_how_far_it_is_proven(path: Path) -> None:
    from widgets.widget_bundles import BUNDLES

    loaded, _ = load_file(path, {})
    assert loaded is not None
    preset = loaded.model
    if preset.verified is None:
        assert preset.selectors_from.strip(), "an unverified preset says where its selectors come from"
        return
    proof = preset.verified
    assert (ROOT / proof.by.split("::")[0]).is_file(), f"the proving test {proof.by} exists"
    assert preset.preset in BUNDLES, "the proving test fetches this widget and talks through this preset"
    pinned = BUNDLES[preset.preset]
    assert (pinned.name, pinned.version) == (proof.package or preset.preset, proof.version), (
        "the release the preset claims is the one the tests fetch"
    )


def test_audit_schema_knows_every_demo_profile_and_fault() -> None:
    from shopper.demo.options import PROFILES, Fault

    assert set(typing.get_args(DemoProfile)) == set(PROFILES)
    assert set(typing.get_args(DemoFault)) == {f.value for f in Fault}
