"""``${ENV_VAR}``: the only way a secret gets into a file, expanded before anything runs."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from shopper.formats.problems import Problem
from shopper.formats.yamlpos import Document, Loc

_VAR = re.compile(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def expand_env(doc: Document, env: Mapping[str, str]) -> tuple[set[str], list[Problem]]:
    """Replace ``${NAME}`` in every string of ``doc.data`` in place.

    Returns the expanded values (treated as secrets: redacted from everything written) and a
    problem for every variable that is not set. ``$$`` writes a literal ``$``.
    """
    secrets: set[str] = set()
    problems: list[Problem] = []

    def expand(text: str, loc: Loc) -> str:
        def substitute(match: re.Match[str]) -> str:
            name = match.group(1)
            if name is None:
                return "$"
            if name not in env:
                problems.append(doc.problem(loc, f"environment variable {name} is not set; export it first"))
                return ""
            value = env[name]
            if value:
                secrets.add(value)
            return value

        return _VAR.sub(substitute, text)

    def walk(node: Any, loc: Loc) -> Any:
        if isinstance(node, str):
            return expand(node, loc) if "$" in node else node
        if isinstance(node, list):
            return [walk(item, (*loc, i)) for i, item in enumerate(node)]
        if isinstance(node, dict):
            return {key: walk(value, (*loc, key)) for key, value in node.items()}
        return node

    doc.data = walk(doc.data, ())
    return secrets, problems
