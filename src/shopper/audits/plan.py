"""An audit file resolved into everything a run needs: scenarios, rubrics, presets, secrets.

Paths in an audit are relative to its project root: the folder holding the ``audits/`` folder
the plan sits in (or the plan's own folder). A path found nowhere there falls back to the
library shipped with shopper, so a plan can name ``scenarios/crypto/*.yaml`` from anywhere.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from shopper.audits.model import Audit, ScenarioSelector, Target
from shopper.formats.locales import text_for
from shopper.formats.problems import InvalidFiles, Problem, did_you_mean
from shopper.formats.yamlpos import Document
from shopper.library import library_root
from shopper.loader import Loaded, load_file, unknown_criteria, yaml_files
from shopper.probes.preset import ChatSelectors, WidgetPreset
from shopper.scenarios.model import Scenario, walk_steps
from shopper.scoring.model import Rubric


@dataclass(frozen=True)
class Plan:
    audit: Audit
    path: Path
    root: Path
    scenarios: tuple[Scenario, ...]
    scenario_paths: Mapping[str, Path]
    rubrics: tuple[Rubric, ...]
    presets: Mapping[str, WidgetPreset]
    secrets: frozenset[str]

    def selectors(self, target_id: str) -> ChatSelectors:
        """The target's chat selectors: its preset's, with its own overrides on top."""
        target = next(t for t in self.audit.targets if t.id == target_id)
        name = preset_name(target)
        base = self.presets[name].chat if name in self.presets else ChatSelectors()
        return base.merged(target.chat.selectors if target.chat else None)


def preset_name(target: Target) -> str:
    """The widget preset a target uses: the demo's own for demo targets, else ``chat.widget``."""
    if target.demo is not None:
        return "demo-shadow" if target.demo.shadow else "demo"
    return target.chat.widget if target.chat is not None else "generic"


def project_root(audit_path: Path) -> Path:
    folder = audit_path.resolve().parent
    return folder.parent if folder.name == "audits" else folder


def _resolve_glob(root: Path, pattern: str) -> list[Path]:
    if Path(pattern).is_absolute():  # an absolute pattern is its own base (pathlib globs relative ones only)
        anchor = Path(Path(pattern).anchor)
        return sorted(p for p in anchor.glob(str(Path(pattern).relative_to(anchor))) if p.is_file())
    for base in (root, library_root()):
        found = sorted(p for p in base.glob(pattern) if p.is_file())
        if found:
            return found
    return []


def load_plan(path: Path, env: Mapping[str, str] | None = None) -> Plan:
    """Load an audit and everything it names; raises InvalidFiles with every problem."""
    env = os.environ if env is None else env
    loaded, problems = load_file(path, env)
    if loaded is None:
        raise InvalidFiles(problems)
    if loaded.kind != "audit":
        raise InvalidFiles([loaded.doc.problem((), f"expected an audit plan, this is a {loaded.kind}")])
    audit: Audit = loaded.model
    doc = loaded.doc
    root = project_root(path)
    secrets = set(loaded.secrets)

    scenarios, scenario_paths = _load_scenarios(audit, doc, root, env, problems)
    rubrics: list[Rubric] = []
    for index, rubric_path in enumerate(audit.rubrics):
        files = _resolve_glob(root, rubric_path)
        if not files:
            problems.append(doc.problem(("rubrics", index), f"no rubric file '{rubric_path}'"))
        for file in files:
            item = _load_kind(file, "rubric", env, problems)
            if item is not None:
                rubrics.append(item.model)
    presets = _load_presets(root, env, problems)

    criteria = {c.id for r in rubrics for c in r.criteria}
    for scenario in scenarios:
        sdoc = load_file(scenario_paths[scenario.scenario], env)[0]
        if sdoc is not None:
            secrets |= sdoc.secrets  # a scenario's ${ENV} values are secrets like the audit's
            problems += unknown_criteria(scenario, sdoc.doc, criteria)
        problems += _missing_locales(audit, doc, scenario, scenario_paths[scenario.scenario])
    problems += _check_targets(audit, doc, presets)
    key = audit.judge.api_key if audit.judge is not None else None
    if key is not None and key.get_secret_value() not in secrets:
        problems.append(doc.problem(("judge", "api_key"), "put the key in an environment variable: "
                                    "api_key: ${OPENAI_API_KEY} (a key is never written in a file)"))
    if problems:
        raise InvalidFiles(problems)
    return Plan(
        audit, path, root, tuple(scenarios), scenario_paths, tuple(rubrics), presets, frozenset(secrets)
    )


def _load_kind(file: Path, kind: str, env: Mapping[str, str], problems: list[Problem]) -> Loaded | None:
    item, more = load_file(file, env)
    problems += more
    if item is not None and item.kind != kind:
        problems.append(item.doc.problem((), f"expected a {kind}, this is a {item.kind}"))
        return None
    return item


def _load_scenarios(
    audit: Audit, doc: Document, root: Path, env: Mapping[str, str], problems: list[Problem]
) -> tuple[list[Scenario], dict[str, Path]]:
    files: list[Path] = []
    filters: list[ScenarioSelector] = []
    for index, entry in enumerate(audit.scenarios):
        selector = ScenarioSelector(glob=entry) if isinstance(entry, str) else entry
        if selector.glob is None:
            filters.append(selector)
            continue
        found = _resolve_glob(root, selector.glob)
        if not found:
            problems.append(doc.problem(("scenarios", index), f"'{selector.glob}' matches no scenario file"))
        files += [f for f in found if f not in files]
        if selector.tags or selector.exclude_tags:
            filters.append(selector.model_copy(update={"glob": None}))
    scenarios: list[Scenario] = []
    paths: dict[str, Path] = {}
    for file in files:
        item = _load_kind(file, "scenario", env, problems)
        if item is None:
            continue
        scenario: Scenario = item.model
        if scenario.scenario in paths:
            problems.append(
                item.doc.problem(
                    ("scenario",),
                    f"duplicate scenario id '{scenario.scenario}' (also in {paths[scenario.scenario]})",
                )
            )
            continue
        if all(_selected(scenario, f) for f in filters):
            scenarios.append(scenario)
            paths[scenario.scenario] = file
    if files and not scenarios and not problems:
        problems.append(doc.problem(("scenarios",), "the tag filters leave no scenario"))
    return scenarios, paths


def _selected(scenario: Scenario, selector: ScenarioSelector) -> bool:
    tags = set(scenario.tags)
    if selector.tags and not tags & set(selector.tags):
        return False
    return not tags & set(selector.exclude_tags)


def _load_presets(root: Path, env: Mapping[str, str], problems: list[Problem]) -> dict[str, WidgetPreset]:
    presets: dict[str, WidgetPreset] = {}
    for folder in (library_root() / "probes", root / "probes"):
        files, _ = yaml_files([folder]) if folder.is_dir() else ([], [])
        for file in files:
            item = _load_kind(file, "preset", env, problems)
            if item is not None:
                presets[item.model.preset] = item.model  # the project's own win over shipped ones
    return presets


def _missing_locales(audit: Audit, doc: Document, scenario: Scenario, path: Path) -> list[Problem]:
    problems = []
    for index, locale in enumerate(audit.locales):
        for loc, step in walk_steps(scenario.script):
            if step.say is not None and text_for(step.say, locale) is None:
                where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
                problems.append(
                    doc.problem(
                        ("locales", index),
                        f"scenario '{scenario.scenario}' ({path}) has no text for {locale} at {where}.say",
                    )
                )
                break
    return problems


def _check_targets(audit: Audit, doc: Document, presets: Mapping[str, WidgetPreset]) -> list[Problem]:
    problems = []
    for index, target in enumerate(audit.targets):
        if target.chat is None and target.demo is None:
            continue
        widget = preset_name(target)
        if widget != "generic" and widget not in presets:
            hint = did_you_mean(widget, presets)
            problems.append(doc.problem(("targets", index, "chat", "widget"), f"no widget preset '{widget}'{hint}"))
            continue
        base = presets[widget].chat if widget in presets else ChatSelectors()
        missing = base.merged(target.chat.selectors if target.chat else None).missing()
        if missing:
            problems.append(
                doc.problem(
                    ("targets", index, "chat"),
                    "chat selectors missing: " + ", ".join(missing) + " (set them in chat.selectors)",
                )
            )
    return problems
