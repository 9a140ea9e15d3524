"""Start order: the conversations the script says will take longest start first.

With N slots, conversations started in matrix order leave the slowest ones for the end, where
they run alone while the other slots sit idle: the run lasts until the last of them is done.
Started longest first, the short ones fill the gaps at the end (the classic longest-processing-
time rule, within 4/3 of the best packing). On bench_throughput's matrix the packing of the
scripted times in the runner's old order took 103.3 s, longest first 94.9 s.

A conversation's length is not known before it runs (it is mostly the platform's reply time),
so it is estimated from what the runner does know: the steps on the script's longest branch
(each ``say`` costs a settle, the audit's think time and its typing; each ``wait`` its pause)
and the welcome's settle. The estimate only orders the starts; nothing is skipped or cut.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from shopper.audits.matrix import ConversationSpec
from shopper.formats.locales import text_for
from shopper.scenarios.driver import Pace
from shopper.scenarios.model import Step


def scripted_seconds(steps: Sequence[Step], locale: str, pace: Pace, typing_cps: float) -> float:
    """What the shopper's own side of ``steps`` takes at least, on the longer branch of each ``when``."""
    total = 0.0
    for step in steps:
        if step.when is not None:
            total += max(scripted_seconds(branch, locale, pace, typing_cps) for branch in (step.then, step.else_))
            continue
        if step.wait is not None:
            total += step.wait
        if step.say is not None:
            text = text_for(step.say, locale) or ""
            total += pace.settle_s + pace.think_s + (len(text) / typing_cps if typing_cps > 0 else 0.0)
    return total


def estimated_seconds(spec: ConversationSpec, pace: Pace, typing_cps: float) -> float:
    """The conversation's scripted length: the welcome's settle, then its script."""
    return pace.settle_s + scripted_seconds(spec.scenario.script, spec.locale, pace, typing_cps)


def longest_first(
    specs: Sequence[ConversationSpec], estimate: Callable[[ConversationSpec], float]
) -> list[ConversationSpec]:
    """``specs`` by ``estimate`` descending; equal estimates keep their order (the sort is stable)."""
    return sorted(specs, key=lambda spec: -estimate(spec))
