"""Event taps, without a browser: the shipped scripts, the page's records, per-turn reconciliation."""

from __future__ import annotations

import pytest

from shopper.probes.chat.observer import Message, RecordLog
from shopper.probes.chat.taps import TapEvent, reconcile, tap_script
from shopper.probes.chat.turns import reply_turns
from shopper.probes.preset import TAPS, ChatSelectors
from shopper.redaction import Redactor


def message(seq: int, text: str, kind: str = "agent", **stamps: float) -> Message:
    at = stamps.get("at_ms", 1000.0 + seq)
    return Message(seq=seq, kind=kind, at_ms=at, text=text, changed_ms=at,
                   arrived_ms=stamps.get("arrived_ms"), shown_ms=stamps.get("shown_ms"))  # fmt: skip


@pytest.mark.parametrize("name", sorted(TAPS))
def test_every_tap_ships_a_script_that_reports_through_the_observer(name: str) -> None:
    source = tap_script(name)
    assert "__shopperTap" in source and f'source: "{name}"' in source


def test_an_unknown_tap_is_refused_in_the_preset_and_by_the_loader() -> None:
    with pytest.raises(ValueError, match="no event tap 'intercom'"):
        ChatSelectors(tap="intercom")
    with pytest.raises(ValueError, match="known taps: deep-chat, rasa-webchat, ms-webchat"):
        tap_script("intercom")


def test_tap_records_from_the_page_are_kept_and_junk_is_dropped() -> None:
    log = RecordLog()
    log.receive(1, [
        {"type": "tap", "at_ms": 1500.25, "source": "rasa-webchat", "role": "agent", "text": "Hello"},
        {"type": "tap", "at_ms": "soon", "text": "bad stamp"},
        {"type": "tap", "at_ms": True, "text": "a boolean is no stamp"},
        {"type": "tap", "at_ms": 1600.0, "text": ["not", "text"]},
        {"type": "tap", "at_ms": 1700.0, "role": "root", "text": "unknown roles are the agent's"},
    ])  # fmt: skip
    assert [(t.at_ms, t.role, t.text, t.source) for t in log.taps] == [
        (1500.25, "agent", "Hello", "rasa-webchat"), (1700.0, "agent", "unknown roles are the agent's", ""),
    ]  # fmt: skip


def test_each_agent_message_takes_the_first_unused_event_with_its_text() -> None:
    taps = [TapEvent(900.0, "shopper", "Hi there", "deep-chat"), TapEvent(1010.0, "agent", "Sorry for\n\nthe wait", "deep-chat"),
            TapEvent(1020.0, "agent", "Thanks!", "deep-chat"), TapEvent(1030.0, "agent", "Thanks!", "deep-chat")]  # fmt: skip
    shown = [message(1, "Sorry for the wait", shown_ms=1011.5), message(2, "Hi there", kind="shopper"),
             message(3, "Thanks!", shown_ms=1019.0), message(4, "Thanks!", shown_ms=1031.0),
             message(5, "Never tapped", shown_ms=1040.0)]  # fmt: skip
    reconcile(shown, taps)
    assert [m.tap_ms for m in shown] == [1010.0, None, 1020.0, 1030.0, None]
    assert [m.tap_gap_ms for m in shown] == [-1.5, None, 1.0, -1.0, None]
    assert taps[0].used is False, "a shopper event never stamps an agent message"


def test_the_gap_is_taken_to_the_moment_the_event_marks() -> None:
    delivered = message(1, "Part one", arrived_ms=1000.0, shown_ms=1040.0)
    reconcile([delivered], [TapEvent(1000.5, "agent", "Part one", "rasa-webchat")])
    assert delivered.tap_marks == "arrived" and delivered.tap_gap_ms == 0.5
    unmatched_frame = message(2, "Part two", shown_ms=1100.0)  # no frame matched: no arrival stamp
    reconcile([unmatched_frame], [TapEvent(1090.0, "agent", "Part two", "rasa-webchat")])
    assert unmatched_frame.tap_ms == 1090.0 and unmatched_frame.tap_gap_ms is None, "no stamp of that moment"


def test_the_turn_records_the_gap_and_the_tap_beside_it() -> None:
    shown = message(1, "Sorry for the wait", shown_ms=1011.5)
    reconcile([shown], [TapEvent(1010.0, "agent", "Sorry for the wait", "deep-chat")])
    [turn] = reply_turns([shown], sent_at_ms=900.0, redact=Redactor(()), conversation=None, typing=[])
    assert turn.tap_gap_ms == -1.5
    assert turn.meta["tap"] == {"at_ms": 1010.0, "marks": "shown"}
