"""Reading rubric files and transcripts from anywhere (``shopper score``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from shopper.results import ConversationResult, Status, Turn
from shopper.scoring.model import Rubric


def load_rubric(path: Path) -> Rubric:
    """A rubric file through the project's loader; raises InvalidFiles with positioned problems."""
    import os

    from shopper.formats.problems import InvalidFiles
    from shopper.loader import load_file

    loaded, problems = load_file(path, os.environ)
    if loaded is None:
        raise InvalidFiles(problems)
    if not isinstance(loaded.model, Rubric):
        raise InvalidFiles([loaded.doc.problem((), f"expected a rubric, this is a {loaded.kind}")])
    return loaded.model


class TranscriptError(ValueError):
    """A transcript line that cannot be read; the message names the line."""


def transcript_to_result(data: dict[str, Any], source: str = "transcripts") -> ConversationResult:
    """``{"id", "locale", "channel"?, "turns": [{"role", "text", "at_ms"?}]}`` as a result record."""
    turns = [Turn.model_validate(turn) for turn in data.get("turns", [])]
    has_reply = any(t.role == "agent" for t in turns)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    return ConversationResult(
        run=source, audit="score", key=str(data["id"]), target=str(data.get("target", "transcripts")),
        scenario=str(data.get("scenario", data["id"])), channel=data.get("channel", "chat"),
        locale=str(data["locale"]), repeat=0, status=Status.COMPLETED if has_reply else Status.NO_REPLY,
        started_at=now, ended_at=now, turns=turns, tags=list(data.get("tags", [])),
    )


def read_transcripts(path: Path) -> Iterator[tuple[dict[str, Any], ConversationResult]]:
    """Each line's object and its result record; :class:`TranscriptError` names a bad line."""
    with path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                data = json.loads(raw)
                if not isinstance(data, dict) or "id" not in data or "locale" not in data:
                    raise ValueError('expected an object with "id", "locale" and "turns"')
                yield data, transcript_to_result(data, path.name)
            except (ValueError, KeyError) as error:
                message = str(error).splitlines()[0]
                raise TranscriptError(f"{path}:{number}: {message}") from None
