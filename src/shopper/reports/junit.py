"""``junit.xml``: one test case per conversation, one suite per target.

A conversation that did not pass (:func:`shopper.scoring.engine.passed`: scored, no critical
failure) is a ``<failure>`` whose message lists the failed criteria with their evidence;
``unavailable`` and ``error`` are ``<error>`` (the audit could not hold the conversation), as
pytest's writer keeps them apart. ``no_reply`` is a failure: a desk that never answers failed
the customer. The layout follows Jenkins' junit-10.xsd (read by Jenkins and GitLab); text is
stripped of characters XML 1.0 cannot hold, since a platform's text is untrusted.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

from shopper.results import ConversationResult, Status
from shopper.scoring.kpis import passed

_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """Text XML 1.0 can hold (control characters and lone surrogates dropped)."""
    return _NOT_XML.sub("", text)


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
    """Why a conversation did not pass, with the evidence; None when it passed."""
    if passed(result):
        return None
    if result.status == Status.NO_REPLY:
        return "no reply: " + (result.error or "the desk never answered")
    failed = [c for c in result.criteria if c.result == "fail"]
    if not failed:
        return "not scored: no agent reply to score"
    parts = []
    for criterion in sorted(failed, key=lambda c: (not c.critical, c.id)):
        flag = "CRITICAL " if criterion.critical else ""
        parts.append(f"{flag}{criterion.rubric}/{criterion.id}: {criterion.evidence.line()}".strip())
    return "; ".join(parts)


def build(results: Iterable[ConversationResult], name: str) -> ET.ElementTree[ET.Element]:
    by_target: dict[str, list[ConversationResult]] = {}
    for result in results:
        by_target.setdefault(result.target, []).append(result)
    root = ET.Element("testsuites", name=xml_text(name))
    totals = {"tests": 0, "failures": 0, "errors": 0, "time": 0.0}
    for target in sorted(by_target):
        cases = by_target[target]
        suite = ET.SubElement(root, "testsuite", name=xml_text(target), timestamp=min(r.started_at for r in cases))
        counts = {"tests": len(cases), "failures": 0, "errors": 0, "time": 0.0}
        for result in sorted(cases, key=lambda r: r.key):
            seconds = _duration_s(result)
            counts["time"] += seconds
            case = ET.SubElement(
                suite, "testcase", classname=xml_text(f"{name}.{target}"), name=xml_text(_case_name(result)),
                time=f"{seconds:.3f}",
            )
            if result.status in (Status.UNAVAILABLE, Status.ERROR):
                counts["errors"] += 1
                text = xml_text(result.error or str(result.status))
                error = ET.SubElement(case, "error", message=text[:1000], type=str(result.status))
                error.text = text
                continue
            message = failure_message(result)
            if message is not None:
                counts["failures"] += 1
                message = xml_text(message)
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
