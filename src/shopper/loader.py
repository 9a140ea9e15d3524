"""Loading the YAML library: every file validated by its top key, every problem positioned.

Documents are recognised by their top key: ``audit``, ``scenario``, ``rubric``, ``preset``.
Cross-file checks (duplicate ids, criteria a scenario names, locales an audit asks for) run
after every file of a folder has loaded, so one pass reports everything.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from shopper.audits.model import Audit
from shopper.formats.envvars import expand_env
from shopper.formats.locales import languages_in
from shopper.formats.problems import Problem, did_you_mean
from shopper.formats.validation import validate
from shopper.formats.yamlpos import Document, load_document
from shopper.probes.preset import WidgetPreset
from shopper.scenarios.model import Scenario, walk_steps
from shopper.scenarios.templates import TemplateProblem, persona_and_context, render
from shopper.scoring.model import Rubric

KINDS: dict[str, type[BaseModel]] = {
    "audit": Audit,
    "scenario": Scenario,
    "rubric": Rubric,
    "preset": WidgetPreset,
}
YAML_SUFFIXES = (".yaml", ".yml")
TRIAL_LOCALES = {"en": "en_US", "zh": "zh_CN", "ko": "ko_KR", "ja": "ja_JP"}


@dataclass
class Loaded:
    """One valid file: its kind, its model, and the positions to report against."""

    kind: str
    model: Any
    doc: Document
    secrets: set[str] = field(default_factory=set)

    @property
    def id(self) -> str:
        return str(getattr(self.model, self.kind))


def load_file(path: Path, env: Mapping[str, str]) -> tuple[Loaded | None, list[Problem]]:
    """Load and validate one file; secrets from ``${ENV}`` are collected, never printed."""
    doc, problems = load_document(path)
    if doc is None:
        return None, problems
    if not isinstance(doc.data, dict):
        return None, [doc.problem((), "expected a mapping with one of: " + ", ".join(KINDS))]
    kinds = [k for k in KINDS if k in doc.data]
    if len(kinds) != 1:
        first = next(iter(doc.data), "")
        hint = did_you_mean(str(first), KINDS) if not kinds else ""
        what = "none" if not kinds else " and ".join(kinds)
        message = f"cannot tell what this file is: expected exactly one top key of audit, scenario, rubric, preset (found {what}){hint}"
        return None, [doc.problem((), message)]
    kind = kinds[0]
    secrets, problems = expand_env(doc, env)
    model, more = validate(doc, KINDS[kind])
    problems += more
    if isinstance(model, Scenario):
        problems += check_scenario(model, doc)
    if problems or model is None:
        return None, problems
    return Loaded(kind, model, doc, secrets), []


def check_scenario(scenario: Scenario, doc: Document) -> list[Problem]:
    """Every step speaks every language of the scenario, and every template renders."""
    problems: list[Problem] = []
    says = [(loc, step) for loc, step in walk_steps(scenario.script) if step.say is not None]
    languages: set[str] = set()
    for _, step in says:
        languages |= languages_in(step.say) or set()  # type: ignore[arg-type]
    for loc, step in says:
        for key in ("say", "subject"):
            text = getattr(step, key)
            have = languages_in(text) if text is not None else None
            if have is not None and languages - have:
                missing = ", ".join(sorted(languages - have))
                problems.append(
                    doc.problem(
                        (*loc, key),
                        f"no '{missing}' text, while the scenario speaks {', '.join(sorted(languages))}",
                    )
                )
    for language in sorted(languages) or ["en"]:
        problems += _trial_render(scenario, doc, TRIAL_LOCALES.get(language, "en_US"), says)
    return problems


def _trial_render(scenario: Scenario, doc: Document, locale: str, says: list[Any]) -> list[Problem]:
    """Render persona, vars and every text once, so template errors surface before a run."""
    try:
        _, context = persona_and_context(scenario, locale, 0)
    except TemplateProblem as exc:
        return [doc.problem(("vars",), str(exc))]
    captured = {name for _, step in walk_steps(scenario.script) for name in step.capture}
    context.update({name: "" for name in captured})
    problems = []
    for loc, step in says:
        for key in ("say", "subject"):
            text = getattr(step, key)
            if text is None:
                continue
            entries = text.items() if isinstance(text, dict) else [(None, text)]
            for lang, template in entries:
                if lang is not None and not locale.startswith(lang) and lang != "*":
                    continue
                try:
                    render(template, context)
                except TemplateProblem as exc:
                    where = (*loc, key, lang) if lang else (*loc, key)
                    problems.append(doc.problem(where, str(exc)))
    return problems


def yaml_files(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """Files named by ``paths`` (folders searched recursively, README-like files skipped)."""
    found: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())
        elif path.is_file():
            found.append(path)
        else:
            problems.append(Problem(str(path), 1, 1, "no such file or folder"))
    return found, problems


def cross_check(loaded: list[Loaded], known_rubrics: Iterable[Rubric] = ()) -> list[Problem]:
    """Duplicate ids per kind, and criteria that scenarios name but no rubric defines."""
    problems: list[Problem] = []
    first_seen: dict[tuple[str, str], Loaded] = {}
    for item in loaded:
        key = (item.kind, item.id)
        if key in first_seen:
            other = first_seen[key].doc.path
            problems.append(
                item.doc.problem((item.kind,), f"duplicate {item.kind} id '{item.id}' (also in {other})")
            )
        else:
            first_seen[key] = item
    rubrics = [i.model for i in loaded if i.kind == "rubric"] + list(known_rubrics)
    criteria = {c.id for r in rubrics for c in r.criteria}
    for item in loaded:
        if item.kind == "scenario":
            problems += unknown_criteria(item.model, item.doc, criteria)
    return problems


def unknown_criteria(scenario: Scenario, doc: Document, criteria: set[str]) -> list[Problem]:
    problems = []
    for loc, step in walk_steps(scenario.script):
        if step.expect is None:
            continue
        for index, name in enumerate(step.expect.criteria):
            if name not in criteria:
                hint = did_you_mean(name, criteria)
                problems.append(
                    doc.problem(
                        (*loc, "expect", "criteria", index), f"no rubric defines criterion '{name}'{hint}"
                    )
                )
    return problems
