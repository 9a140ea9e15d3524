"""YAML to plain data, remembering where every key and value stood in the file.

PyYAML's composer gives nodes with marks; we build the Python data ourselves so that we can
refuse duplicate keys, count nodes (an alias bomb is refused long before memory goes), and map
any later validation error back to ``line:column``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from shopper.formats.problems import Problem, format_key_path

Loc = tuple[str | int, ...]

MAX_FILE_BYTES = 2_000_000
MAX_NODES = 100_000  # after alias expansion; real files have a few thousand at most


@dataclass
class Document:
    """A file's data plus where each key path was written."""

    path: str
    data: Any
    key_marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    value_marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def position(self, loc: Loc, *, of_key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of ``loc``, or of its nearest written ancestor."""
        marks = (self.key_marks, self.value_marks) if of_key else (self.value_marks, self.key_marks)
        probe = tuple(loc)
        while True:
            for table in marks:
                if probe in table:
                    return table[probe]
            if not probe:
                return (1, 1)
            probe = probe[:-1]

    def problem(self, loc: Loc, message: str, *, of_key: bool = False) -> Problem:
        line, column = self.position(loc, of_key=of_key)
        return Problem(self.path, line, column, message, format_key_path(loc))


class _Builder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.nodes = 0
        self.problems: list[Problem] = []
        self._scalars = yaml.SafeLoader("")  # only its scalar constructors are used

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _TooLarge(node)
        self.doc.value_marks.setdefault(loc, _mark(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        return self._scalars.construct_object(node, deep=True)

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                merged = self.build(value_node, loc)
                if isinstance(merged, dict):
                    for k, v in merged.items():
                        out.setdefault(k, v)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                line, col = _mark(key_node)
                self.problems.append(Problem(self.doc.path, line, col, "a key must be a plain word", ""))
                continue
            constructed = self._scalars.construct_object(key_node)
            # a key is a name: YAML 1.1 would read ``on``, ``off``, ``yes``, ``no`` as booleans
            key = str(key_node.value) if isinstance(constructed, bool) else str(constructed)
            key_loc = (*loc, key)
            if key in out:
                line, col = _mark(key_node)
                first = self.doc.key_marks.get(key_loc, (0, 0))[0]
                self.problems.append(
                    Problem(
                        self.doc.path,
                        line,
                        col,
                        f"duplicate key '{key}' (first written on line {first})",
                        format_key_path(key_loc),
                    )
                )
                continue
            self.doc.key_marks[key_loc] = _mark(key_node)
            out[key] = self.build(value_node, key_loc)
        return out


class _TooLarge(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _decode(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(path, 1, 1, f"file is larger than {MAX_FILE_BYTES} bytes")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        message = f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded; save the file as UTF-8"
        return None, [Problem(path, line, column, message)]


def load_document(path: Path | str, text: str | None = None) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML file into a :class:`Document`, or return the problems that stopped it."""
    name = str(path)
    if text is None:
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            return None, [Problem(name, 1, 1, f"cannot read file: {exc.strerror or exc}")]
        text, problems = _decode(name, raw)
        if text is None:
            return None, problems
    try:
        nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(p for p in (exc.context, exc.problem) if p)
        return None, [Problem(name, line, col, f"malformed YAML: {what}")]
    except yaml.YAMLError as exc:
        return None, [Problem(name, 1, 1, f"malformed YAML: {exc}")]
    if len(nodes) != 1:
        count = "no document" if not nodes else f"{len(nodes)} documents"
        return None, [Problem(name, 1, 1, f"expected one YAML document, found {count}")]
    doc = Document(name, None)
    builder = _Builder(doc)
    try:
        doc.data = builder.build(nodes[0], ())
    except _TooLarge as exc:
        line, col = _mark(exc.node)
        message = (
            f"YAML expands to more than {MAX_NODES} nodes through aliases (a 'billion laughs' bomb?); refused"
        )
        return None, [Problem(name, line, col, message)]
    except (yaml.constructor.ConstructorError, ValueError) as exc:
        return None, [Problem(name, 1, 1, f"malformed YAML: {exc}")]
    if builder.problems:
        return None, builder.problems
    return doc, []
