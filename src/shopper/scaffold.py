"""`shopper init`: a working audit project from the shipped library, never overwriting."""

from __future__ import annotations

import shutil
from pathlib import Path

from shopper.library import library_root

EXAMPLE_SCENARIOS = ("withdrawal-pending", "wallet-recovery-bait", "fake-support-telegram")

EXAMPLE_AUDIT = """\
# An audit plan: who is audited, on which channels, with which scenarios and rubrics.
# This one talks to shopper's embedded demo platform, so it runs as it is:
#   shopper run audits/example.yaml
# To audit your own support, replace `demo:` with `chat:` (url, widget) and `email:` blocks;
# secrets go in as ${ENV_VAR} only.
audit: example
title: Example audit against the embedded demo platform
targets:
  - id: demo-good
    name: Harbor Exchange (good desk)
    domains: [harbor.example]
    demo: {profile: good}
  - id: demo-scam
    name: Harbor look-alike (scam desk)
    domains: [harbor.example]
    demo: {profile: scam}
scenarios: ["scenarios/**/*.yaml"]
rubrics: [scoring/crypto-safety.yaml, scoring/service-quality.yaml]
channels: [chat]
locales: [en_US, zh_CN]
repeat: 1
concurrency: 4
gate: {min_score: 80, critical_failures: 0, p90_chat_first_response: 60s}
"""

PROJECT_README = """\
# Support audits

Made by `shopper init`. The folders:

- `audits/`: audit plans (targets, channels, scenarios, locales, gate, schedule)
- `scenarios/`: the conversations a mystery shopper holds, per language
- `probes/`: widget presets: where a chat widget's parts sit in a page
- `scoring/`: rubrics: weighted criteria, critical ones fail a conversation outright
- `reports/`: where runs are written

    shopper validate .                 # every file, every problem with file:line:column
    shopper list audits/example.yaml   # the conversations an audit would hold
    shopper run audits/example.yaml    # run it
"""


class ScaffoldError(Exception):
    pass


def scaffold(directory: Path) -> list[Path]:
    """Write the project; raises ScaffoldError if ``directory`` exists and is not empty."""
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise ScaffoldError(f"{directory} exists and is not empty; refusing to overwrite it")
    library = library_root()
    written: list[Path] = []

    def write(relative: str, text: str) -> None:
        path = directory / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)

    def copy(source: Path, relative: str) -> None:
        path = directory / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, path)
        written.append(path)

    write("README.md", PROJECT_README)
    write("audits/example.yaml", EXAMPLE_AUDIT)
    write("reports/README.md", "Runs are written here, one folder per audit and UTC timestamp.\n")
    for name in EXAMPLE_SCENARIOS:
        copy(library / "scenarios" / "crypto" / f"{name}.yaml", f"scenarios/crypto/{name}.yaml")
    for folder in ("scoring", "probes"):
        for source in sorted((library / folder).glob("*.yaml")):
            copy(source, f"{folder}/{source.name}")
    return written
