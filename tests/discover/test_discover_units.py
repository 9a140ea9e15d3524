"""The rules of discover, one at a time, on element descriptions shaped as ``scan.js`` returns them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from shopper.discover.page import FrameScan, PageScan
from shopper.discover.parts import chat_input, launcher_candidates, prechat_form, send_button
from shopper.discover.proposal import Proposal
from shopper.discover.ranking import Choice, best, looks_generated, score
from shopper.discover.trial import classify
from shopper.formats.problems import InvalidFiles
from shopper.probes.preset import ChatSelectors, PrechatForm
from shopper.validate import validate_paths

VIEW = {"width": 1280, "height": 800}


def element(i: int, tag: str, candidates: list[tuple[str, str, int]], **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "i": i, "tag": tag, "id": "", "classes": [], "type": "", "role": "", "name": "", "autocomplete": "",
        "label": "", "text": "", "visible": True, "disabled": False, "fixed": False, "pointer": False,
        "rect": {"x": 100, "y": 100, "width": 80, "height": 30}, "viewport": VIEW, "in_form": None,
        "search": False, "hosts": [],
        "candidates": [{"selector": s, "kind": k, "count": n} for s, k, n in candidates],
    }  # fmt: skip
    base.update(fields)
    return base


def page(*frames: dict[str, Any], chains: tuple[tuple[str, ...], ...] = ((),)) -> PageScan:
    scans = []
    for data, chain in zip(frames, chains, strict=True):
        full = {"url": "", "title": "", "scripts": [], "markup_roots": 1, "inputs": [], "buttons": [],
                "iframes": [], "forms": [], **data}  # fmt: skip
        scans.append(FrameScan(frame=None, chain=chain, data=full))  # type: ignore[arg-type]
    return PageScan(scans)


# --- ranking -----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["css-1x2y3z", "sc-bdVaJa", "Button_root__3xYz1", "ember1234", ":r1:", "kXzP3q"])
def test_generated_names_are_recognised(name: str) -> None:
    assert looks_generated(name)


@pytest.mark.parametrize("name", ["chat-input", "msg", "agent", "chat-message-from-bot", "woot-widget-bubble"])
def test_chosen_names_are_not_called_generated(name: str) -> None:
    assert not looks_generated(name)


def test_stable_kinds_win_and_wider_selectors_are_rejected() -> None:
    candidates = [
        {"selector": ".css-1x2y3z", "kind": "class", "count": 1},
        {"selector": "textarea", "kind": "tag", "count": 2},  # also the pre-chat's: rejected
        {"selector": "textarea[aria-label=\"Message\"]", "kind": "aria", "count": 1},
        {"selector": "textarea#chat-input", "kind": "id", "count": 1},
    ]
    found = best(candidates)
    assert found is not None and found[0]["selector"] == "textarea#chat-input"
    assert best([c for c in candidates if c["kind"] in ("tag",)]) is None
    assert score(candidates[0]) < score({"selector": ".chat-input", "kind": "class"})


def test_a_name_in_a_data_attribute_ranks_below_a_class_that_says_what_it_is() -> None:
    named = {"selector": '[data-author="Harbor Assistant"]', "kind": "data"}
    assert score(named) < score({"selector": ".msg.agent", "kind": "classes"})


# --- parts -------------------------------------------------------------------------------------
def test_the_chat_composer_beats_a_search_box_and_a_prechat_email_field() -> None:
    search = element(1, "input", [("input#q", "id", 1)], type="search", search=True, label="Search the help centre")
    email = element(2, "input", [("input#email", "id", 1)], type="email", label="Email", in_form=9)
    composer = element(3, "textarea", [("textarea#chat-input", "id", 1)], label="Type a message", visible=False)
    scan = page({"inputs": [search]}, {"inputs": [email, composer]}, chains=((), ("iframe#chat",)))
    found = chat_input(scan)
    assert found is not None and found.element["i"] == 3
    assert chat_input(page({"inputs": [search]})) is None


def test_prechat_form_maps_persona_fields_and_its_button() -> None:
    name = element(1, "input", [("input#n", "id", 1)], autocomplete="name", label="Name", in_form=7)
    email = element(2, "input", [("input#e", "id", 1)], type="email", label="Email", in_form=7)
    composer = element(3, "textarea", [("textarea#m", "id", 1)], label="Message", visible=False, in_form=8)
    start = element(4, "button", [("button#start", "id", 1)], type="submit", text="Start chat", in_form=7)
    scan = page({"inputs": [name, email, composer], "buttons": [start],
                 "forms": [{"i": 7, "visible": True, "inputs": [1, 2]}, {"i": 8, "visible": False, "inputs": [3]}]})
    found = chat_input(scan)
    form = prechat_form(scan, found)
    assert form is not None
    assert {k: f.element["i"] for k, f in form.fields.items()} == {"name": 1, "email": 2}
    assert form.submit is not None and form.submit.element["i"] == 4


def test_send_button_is_the_composers_own_or_none_for_enter() -> None:
    composer = element(1, "textarea", [("textarea#m", "id", 1)], label="Message", in_form=5)
    send = element(2, "button", [("button#send", "id", 1)], type="submit", text="Send", in_form=5)
    other = element(3, "button", [("button#x", "id", 1)], text="Close")
    scan = page({"inputs": [composer], "buttons": [other, send]})
    found = chat_input(scan)
    assert found is not None
    pick = send_button(found)
    assert pick is not None and pick.element["i"] == 2
    lone = page({"inputs": [composer], "buttons": [other]})
    lone_input = chat_input(lone)
    assert lone_input is not None and send_button(lone_input) is None


def test_launchers_rank_a_chat_button_in_the_corner_over_links_and_containers() -> None:
    corner = {"x": 1180, "y": 730, "width": 80, "height": 50}
    button = element(1, "button", [("button#chat", "id", 1)], text="Chat with us", fixed=True, rect=corner)
    wrapper = element(2, "div", [(".wrapper", "class", 1)], classes=["chat-wrapper"], fixed=True, rect=corner)
    link = element(3, "a", [("a#about", "id", 1)], text="About us")
    ranked = launcher_candidates(page({"buttons": [link, wrapper, button]}))
    assert [f.element["i"] for f in ranked][:2] == [1, 2]
    assert 3 not in [f.element["i"] for f in ranked]


# --- --try: what appeared after the send ---------------------------------------------------------
def record(i: int, at: float, text: str, classes: list[str], parent: int | None = 100,
           removed: float | None = None) -> dict[str, Any]:  # fmt: skip
    sel = "." + ".".join(classes) if classes else "div"
    return {"i": i, "at": at, "removed_at": removed, "attached": removed is None, "parent": parent, "tag": "li",
            "classes": classes, "text": text, "candidates": [{"selector": sel, "kind": "classes", "count": 1}]}


def test_classify_sorts_echo_typing_and_reply() -> None:
    sent = "Hello there, testing"
    records = [
        record(1, 5.0, "Welcome!", ["msg", "agent"]),  # before the send: not part of the trial
        record(2, 11.0, "Hello there, testing", ["msg", "visitor"]),
        record(3, 12.0, "Agent is typing…", ["typing"], parent=200, removed=15.0),
        record(4, 15.0, "We can help with that.", ["msg", "agent"]),
        record(5, 15.1, "12:01", ["time"]),
    ]
    found = classify(records, sent, sent_at=10.0)
    assert [r["i"] for r in found.shopper] == [2]
    assert [r["i"] for r in found.typing] == [3]
    assert [r["i"] for r in found.agent] == [4]


def test_classify_without_a_reply_says_so() -> None:
    found = classify([record(2, 11.0, "Hi", ["msg", "me"])], "Hi", sent_at=10.0)
    assert not found.replied and [r["i"] for r in found.shopper] == [2]


# --- the proposal ---------------------------------------------------------------------------------
def _proposal(widget: str = "generic") -> Proposal:
    sure = Choice("x", 0.9, "test")
    return Proposal(
        url="http://127.0.0.1:8080/support", title="Harbor", widget=widget,
        input=Choice("textarea#chat-input", 0.9, "an id"), agent_message=Choice(".msg.agent", 0.9, "seen"),
        frames=(Choice("iframe#chat-frame", 0.95, "an id"),), send=None,
        prechat_fields={"email": Choice("input#email", 0.85, "an id")}, prechat_submit=sure,
    )  # fmt: skip


def test_proposal_writes_an_audit_that_validates(tmp_path: Path) -> None:
    path = tmp_path / "audits" / "found.yaml"
    path.parent.mkdir()
    path.write_text(_proposal().audit_yaml(), encoding="utf-8")
    assert validate_paths([path], {}) == {"audit": 1}
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    chat = data["targets"][0]["chat"]
    assert chat["selectors"]["frames"] == ["iframe#chat-frame"]
    assert chat["selectors"]["prechat"] == {"fields": {"email": "input#email"}, "submit": "x"}
    assert "send" not in chat["selectors"]  # Enter
    assert "(press Enter)" in path.read_text(encoding="utf-8")


def test_a_recognised_preset_does_not_lend_structure_discover_did_not_see() -> None:
    data = yaml.safe_load(_proposal(widget="demo").audit_yaml())
    selectors = data["targets"][0]["chat"]["selectors"]
    assert selectors["launcher"] is None and selectors["shadow_host"] is None
    loaded = ChatSelectors.model_validate(selectors)
    merged = ChatSelectors(launcher="#chat-launcher", quick_replies=".quick-replies").merged(loaded)
    assert merged.launcher is None and merged.quick_replies == ".quick-replies"


def test_merged_keeps_an_override_prechat_form_a_model() -> None:
    override = ChatSelectors(prechat=PrechatForm(fields={"name": "#n"}, submit="#go"))
    merged = ChatSelectors(input="#in").merged(override)
    assert isinstance(merged.prechat, PrechatForm) and merged.prechat.fields == {"name": "#n"}


def test_a_recognise_block_with_a_bad_pattern_is_a_clear_problem(tmp_path: Path) -> None:
    path = tmp_path / "probes" / "bad.yaml"
    path.parent.mkdir()
    path.write_text("preset: bad\nrecognise:\n  scripts: ['widget(']\nchat: {input: textarea}\n", encoding="utf-8")
    with pytest.raises(InvalidFiles) as caught:
        validate_paths([path], {})
    text = str(caught.value.problems[0])
    assert "bad.yaml:3" in text and "not a regular expression: 'widget('" in text


def test_message_selectors_are_guessed_from_stylesheet_compounds() -> None:
    from shopper.discover.messages import AGENT_WORDS, SHOPPER_WORDS, guessed

    hints = [".chat-window", ".chat-message", ".chat-message.chat-message-from-bot", ".chat-message-from-user",
             ".bot-avatar", "#id-not-a-class", ".ai-message-text"]  # fmt: skip
    assert guessed(hints, AGENT_WORDS) == ".ai-message-text"
    assert guessed(hints, SHOPPER_WORDS) == ".chat-message-from-user"
    assert guessed([".header", ".footer"], AGENT_WORDS) is None
