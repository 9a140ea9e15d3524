"""Progress of a run on stderr: done / running / failed, elapsed, ETA.

Silent with ``--quiet`` and whenever stderr is not a terminal (CI logs stay clean); rich
honours ``NO_COLOR`` by itself.
"""

from __future__ import annotations

import sys
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from shopper.audits.matrix import ConversationSpec
from shopper.results import ConversationResult, Status


class ConsoleProgress:
    def __init__(self, total: int, *, quiet: bool = False) -> None:
        self.enabled = not quiet and sys.stderr.isatty()
        self.running = 0
        self.failed = 0
        self._progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("running {task.fields[running]}  failed {task.fields[failed]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            disable=not self.enabled,
        )
        self._task = self._progress.add_task("conversations", total=total, running=0, failed=0)

    def __enter__(self) -> ConsoleProgress:
        self._progress.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._progress.stop()

    def __call__(self, event: str, spec: ConversationSpec, result: ConversationResult | None) -> None:
        if event == "start":
            self.running += 1
        elif event == "done" and result is not None:
            self.running -= 1
            if result.status in (Status.ERROR, Status.UNAVAILABLE):
                self.failed += 1
            self._progress.advance(self._task)
        self._progress.update(self._task, running=self.running, failed=self.failed)
