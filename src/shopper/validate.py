"""`shopper validate`: every file of the given paths, by kind, plus the checks across files."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from shopper.audits.plan import load_plan
from shopper.formats.problems import InvalidFiles, Problem
from shopper.library import library_root
from shopper.loader import Loaded, cross_check, load_file, yaml_files
from shopper.scoring.model import Rubric


def validate_paths(paths: list[Path], env: Mapping[str, str]) -> Counter[str]:
    """Validate everything under ``paths``; returns counts per kind or raises InvalidFiles."""
    files, problems = yaml_files(paths)
    loaded: list[Loaded] = []
    for file in files:
        item, more = load_file(file, env)
        problems += more
        if item is not None:
            loaded.append(item)
    problems += cross_check(
        loaded, _shipped_rubrics(env) if not any(i.kind == "rubric" for i in loaded) else ()
    )
    for item in loaded:
        if item.kind == "audit":
            problems += _audit_problems(Path(item.doc.path), env)
    if problems:
        raise InvalidFiles(_unique(problems))
    return Counter(item.kind for item in loaded)


def _audit_problems(path: Path, env: Mapping[str, str]) -> list[Problem]:
    try:
        load_plan(path, env)
    except InvalidFiles as exc:
        return list(exc.problems)
    return []


def _shipped_rubrics(env: Mapping[str, str]) -> list[Rubric]:
    """Criteria a lone scenario may name: those of the rubrics shopper ships."""
    files, _ = yaml_files([library_root() / "scoring"])
    rubrics: list[Rubric] = []
    for file in files:
        item, _ = load_file(file, env)
        if item is not None and item.kind == "rubric":
            rubrics.append(item.model)
    return rubrics


def _unique(problems: list[Problem]) -> list[Problem]:
    return sorted(set(problems))
