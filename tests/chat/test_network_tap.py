"""Unit tests of the network-layer arrival stamps: payload matching and the clock mapping."""

from __future__ import annotations

import json

from shopper.probes.chat.network import NetworkTap, payload_strings


def frame(at_s: float, payload: str) -> dict[str, object]:
    return {"timestamp": at_s, "response": {"opcode": 1, "payloadData": payload}}


def test_a_message_matches_the_first_unused_frame_holding_its_text_mapped_to_the_page_clock() -> None:
    tap = NetworkTap()
    tap._on_request({"wallTime": 1000.0, "timestamp": 10.0})  # wall = monotonic + 990 s
    tap._on_request({"wallTime": 1000.002, "timestamp": 10.0})  # a 2 ms spread
    tap._on_socket_frame(frame(11.0, json.dumps({"type": "typing", "on": True})))
    tap._on_socket_frame(frame(11.5, json.dumps({"type": "message", "text": "Your  withdrawal is queued."})))
    tap._on_socket_frame(frame(12.0, json.dumps({"type": "message", "text": "Your withdrawal is queued."})))
    assert tap.arrival_ms("Your withdrawal is queued.") == 1001500.0 + 1.0  # median offset
    assert tap.arrival_ms("Your withdrawal is queued.") == 1002000.0 + 1.0  # the next, unused one
    assert tap.arrival_ms("Your withdrawal is queued.") is None
    assert tap.uncertainty_ms() == 1.0


def test_no_calibration_no_stamp_and_binary_frames_are_ignored() -> None:
    tap = NetworkTap()
    tap._on_socket_frame(frame(11.0, "hello"))
    assert tap.arrival_ms("hello") is None  # no wall/monotonic pair seen yet
    tap._on_request({"wallTime": 5.0, "timestamp": 1.0})
    tap._on_socket_frame({"timestamp": 12.0, "response": {"opcode": 2, "payloadData": "aGk="}})
    assert tap.arrival_ms("hello") == 11000.0 + 4000.0
    assert payload_strings('{"a": ["x", {"b": "y  z"}], "n": 3}') == ["x", "y z"]


def test_an_exact_match_wins_over_a_longer_earlier_frame_that_contains_the_text() -> None:
    tap = NetworkTap()
    tap._on_request({"wallTime": 0.0, "timestamp": 0.0})
    tap._on_socket_frame(frame(1.0, json.dumps({"text": "Thanks! Anything else?"})))
    tap._on_socket_frame(frame(2.0, json.dumps({"text": "Thanks!"})))
    assert tap.arrival_ms("Thanks!") == 2000.0
    assert tap.arrival_ms("Thanks!") == 1000.0  # then the containing one


def test_the_shoppers_message_is_found_on_the_wire_in_a_socket_frame_or_a_request_body() -> None:
    tap = NetworkTap()
    tap._on_request({"wallTime": 100.0, "timestamp": 0.0})
    tap._on_socket_frame_sent(frame(1.25, json.dumps({"type": "message", "text": "Where is my withdrawal?"})))
    tap._on_request({"wallTime": 101.0, "timestamp": 1.0, "request": {"postData": json.dumps({"q": "Still there?"})}})
    assert tap.sent_ms("Where is my withdrawal?") == 101250.0
    assert tap.sent_ms("Where is my withdrawal?") is None, "each frame carries one send"
    assert tap.sent_ms("Still there?") == 101000.0
    assert tap.arrival_ms("Where is my withdrawal?") is None, "a sent frame is never an arrival"
