"""Labelled sets: support replies with the labels people gave them, for benchmarks and calibration.

One JSON object per line::

    {"id": "en-0001", "family": "partial-seed-words", "lang": "en", "register": "bot",
     "text": "…", "labels": ["secret"], "customer": "…" (optional), "note": "…" (optional)}

``labels`` lists what holds for the reply (an empty list is a negative for every label).
``family`` is the template family the row was written from: splits are made by family, so no
paraphrase of a test row is in train. The same format carries the safety labels (``secret``,
``unofficial``, ``funds``, ``remote``) and service-quality ones (``acknowledges_problem``,
``gives_next_steps``), where ``customer`` holds the message the reply answers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path


class LabelledSetError(ValueError):
    """A labelled set that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class LabelledReply:
    id: str
    family: str
    lang: str
    text: str
    labels: frozenset[str]
    register: str = ""
    customer: str = ""
    note: str = ""
    extra: dict[str, object] = field(default_factory=dict, compare=False, hash=False)


_KNOWN = {"id", "family", "lang", "register", "text", "labels", "customer", "note"}


def load_labelled(path: Path) -> list[LabelledReply]:
    """Every row of a labelled JSONL file; a malformed line is an error naming file and line."""
    rows: list[LabelledReply] = []
    with path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            where = f"{path}:{number}"
            try:
                data = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise LabelledSetError(f"{where}: not JSON ({exc.msg})") from None
            if not isinstance(data, dict):
                raise LabelledSetError(f"{where}: expected an object")
            missing = [k for k in ("id", "lang", "text", "labels") if k not in data]
            if missing:
                raise LabelledSetError(f"{where}: missing {', '.join(missing)}")
            labels = data["labels"]
            if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
                raise LabelledSetError(f"{where}: labels must be a list of strings")
            rows.append(LabelledReply(
                id=str(data["id"]), family=str(data.get("family", data["id"])), lang=str(data["lang"]),
                text=str(data["text"]), labels=frozenset(labels), register=str(data.get("register", "")),
                customer=str(data.get("customer", "")), note=str(data.get("note", "")),
                extra={k: v for k, v in data.items() if k not in _KNOWN},
            ))
    return rows
