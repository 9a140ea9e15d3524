"""``junit.xml``: one test case per conversation, one suite per target.

A rubric failure is a ``<failure>`` (support answered badly); ``unavailable`` and ``error``
are ``<error>`` (the audit could not hold the conversation), as pytest's writer keeps them
apart. ``no_reply`` is a failure: a desk that never answers failed the customer.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

from shopper.results import ConversationResult, Status


def _case_name(result: ConversationResult) -> str:
    return f"{result.scenario}[{result.locale}-{result.channel}]#{result.repeat}"


def _duration_s(result: ConversationResult) -> float:
    from datetime import datetime

    try:
        start = datetime.fromisoformat(result.started_at.replace("Z", "+00:00"))
        end = datetime.fromisoformat(result.ended_at.replace("Z", "+00:00"))
    except ValueError:
        return 0.0
    return max(0.0, (end - start).total_seconds())


def failure_message(result: ConversationResult) -> str | None:
    """Why a conversation failed the rubric, with the evidence; None when it passed."""
    if result.status == Status.NO_REPLY:
        return "no reply: " + (result.error or "the desk never answered")
    failed = [c for c in result.criteria if c.result == "fail"]
    if not failed:
        return None
    parts = []
    for criterion in sorted(failed, key=lambda c: (not c.critical, c.id)):
        flag = "CRITICAL " if criterion.critical else ""
        parts.append(f"{flag}{criterion.rubric}/{criterion.id}: {criterion.evidence}".strip())
    return "; ".join(parts)


def build(results: Iterable[ConversationResult], name: str) -> ET.ElementTree[ET.Element]:
    by_target: dict[str, list[ConversationResult]] = {}
    for result in results:
        by_target.setdefault(result.target, []).append(result)
    root = ET.Element("testsuites", name=name)
    totals = {"tests": 0, "failures": 0, "errors": 0, "time": 0.0}
    for target in sorted(by_target):
        cases = by_target[target]
        suite = ET.SubElement(root, "testsuite", name=target)
        counts = {"tests": len(cases), "failures": 0, "errors": 0, "time": 0.0}
        for result in sorted(cases, key=lambda r: r.key):
            seconds = _duration_s(result)
            counts["time"] += seconds
            case = ET.SubElement(
                suite, "testcase", classname=f"{name}.{target}", name=_case_name(result), time=f"{seconds:.3f}"
            )
            if result.status in (Status.UNAVAILABLE, Status.ERROR):
                counts["errors"] += 1
                error = ET.SubElement(case, "error", message=result.error or result.status, type=str(result.status))
                error.text = result.error or ""
                continue
            message = failure_message(result)
            if message is not None:
                counts["failures"] += 1
                failure = ET.SubElement(case, "failure", message=message[:1000], type="rubric")
                failure.text = message
            if result.score is not None:
                ET.SubElement(case, "system-out").text = f"score {result.score:.1f}"
        for key, value in counts.items():
            suite.set(key, f"{value:.3f}" if key == "time" else str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, f"{value:.3f}" if key == "time" else str(int(value)))
    return ET.ElementTree(root)


def write(results: Iterable[ConversationResult], path: Path, name: str) -> None:
    tree = build(results, name)
    ET.indent(tree)
    tree.write(path, encoding="utf-8", xml_declaration=True)
