"""The import graph of shopper.scoring has no cycle (imports inside functions and TYPE_CHECKING count too).

A cycle means two modules need each other; the shared piece belongs in a third, lower one
(ARCHITECTURE.md). This reads the source, so a lazy import cannot hide one.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, known: set[str]) -> set[str]:
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                kept = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*kept, base] if base else kept)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {f for f in found if f in known and f != name}


def cycle_in(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as a path (first module repeated at the end), or None."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_cycle_finder_finds_a_cycle() -> None:
    assert cycle_in({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle_in({"a": {"b"}, "b": set()}) is None


def test_shopper_scoring_has_no_import_cycle() -> None:
    files = {module_name(p): p for p in (SRC / "shopper" / "scoring").rglob("*.py")}
    assert len(files) > 20, "the scoring package was found"
    graph = {name: imports_of(path, set(files)) for name, path in files.items()}
    assert graph["shopper.scoring.engine"] >= {"shopper.scoring.kpis"}, "imports are read"
    assert cycle_in(graph) is None, " -> ".join(cycle_in(graph) or [])
