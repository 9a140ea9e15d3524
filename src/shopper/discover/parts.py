"""Which scanned element is which part of a chat widget: launcher, input, send button, pre-chat form.

Pure functions over :class:`~shopper.discover.page.PageScan` data (no browser), so each rule is
unit-tested on its own. Every pick says why, and how sure it is, as a
:class:`~shopper.discover.ranking.Choice`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from shopper.discover.page import FrameScan, PageScan
from shopper.discover.ranking import Choice, choose

CHATTY = re.compile(r"chat|support|help|messag|talk|contact|conversation|ask|assist|"
                    r"客服|聊天|咨询|채팅|상담|チャット|問い合わせ|サポート", re.I)  # fmt: skip
MESSAGE_BOX = re.compile(r"messag|type|chat|ask|question|reply|write|say|输入|消息|メッセージ|메시지", re.I)
SEND = re.compile(r"send|submit|发送|送信|보내|전송", re.I)
EMAIL = re.compile(r"e-?mail|邮箱|メール|이메일", re.I)
NAME = re.compile(r"name|姓名|名前|이름", re.I)
PERSONAL = re.compile(r"e-?mail|name|phone|tel|邮箱|姓名|电话|名前|メール|이름|이메일|전화", re.I)


@dataclass(frozen=True)
class Found:
    """One element of one frame: the raw description from ``scan.js`` and how sure the pick is."""

    scan: FrameScan
    element: Mapping[str, Any]
    base: float  # 0..1: how sure this element is the part (before the selector's own stability)
    why: str

    @property
    def visible(self) -> bool:
        return bool(self.element["visible"])

    def choice(self, *, want: int = 1) -> Choice | None:
        return choose(self.element["candidates"], where=self.scan.where, base=self.base, want=want,
                      extra=self.why)  # fmt: skip

    def shadow_host(self) -> Choice | None:
        """The outermost open shadow host holding the element, as a selector in its frame."""
        hosts = self.element.get("hosts") or []
        if not hosts:
            return None
        return choose(hosts[0]["candidates"], where=self.scan.where, base=1.0, extra="open shadow root")


def _words(element: Mapping[str, Any]) -> str:
    return f"{element.get('label', '')} {element.get('text', '')} {element.get('id', '')} " \
           f"{' '.join(element.get('classes', []))} {element.get('name', '')}"  # fmt: skip


def personal_field(element: Mapping[str, Any]) -> str | None:
    """``email`` or ``name`` when a box asks for the customer's details (a pre-chat field)."""
    hint = f"{element.get('type', '')} {element.get('autocomplete', '')} {element.get('name', '')} " \
           f"{element.get('id', '')} {element.get('label', '')}"  # fmt: skip
    if element.get("type") == "email" or EMAIL.search(hint):
        return "email"
    if NAME.search(hint):
        return "name"
    return None


def input_score(element: Mapping[str, Any], in_frame_or_shadow: bool) -> float:
    """How much an editable element looks like a chat composer (0: not at all)."""
    if element.get("search") or (element.get("disabled") and not element.get("visible")):
        return 0.0
    if PERSONAL.search(f"{element.get('type', '')} {element.get('autocomplete', '')} {element.get('label', '')} "
                       f"{element.get('name', '')}"):  # fmt: skip
        return 0.0
    tag, role = element.get("tag"), element.get("role")
    base = {"textarea": 0.6}.get(str(tag), 0.35)
    if role == "textbox" or tag not in ("textarea", "input"):
        base = 0.55  # contenteditable or role=textbox
    if MESSAGE_BOX.search(_words(element)):
        base += 0.2
    if in_frame_or_shadow:
        base += 0.1
    if element.get("fixed"):
        base += 0.1
    return min(base, 1.0)


def chat_input(scan: PageScan) -> Found | None:
    """The composer: the most chat-like editable element, a visible one before a hidden one."""
    ranked: list[tuple[float, Found]] = []
    for frame in scan.frames:
        for element in frame.data["inputs"]:
            nested = bool(frame.chain) or bool(element.get("hosts"))
            value = input_score(element, nested)
            if value <= 0.35 and not nested:
                continue  # a lone text box on a page is not a chat
            if value <= 0:
                continue
            why = "visible editable box" if element["visible"] else "editable box (hidden until the chat starts)"
            ranked.append((value + (0.5 if element["visible"] else 0.0), Found(frame, element, value, why)))
    if not ranked:
        return None
    ranked.sort(key=lambda pair: -pair[0])
    return ranked[0][1]


def _distance(a: Mapping[str, Any], b: Mapping[str, Any]) -> float:
    ra, rb = a["rect"], b["rect"]
    return math.hypot(ra["x"] + ra["width"] / 2 - rb["x"] - rb["width"] / 2,
                      ra["y"] + ra["height"] / 2 - rb["y"] - rb["height"] / 2)  # fmt: skip


def send_button(composer: Found) -> Found | None:
    """The button that sends: in the composer's form, or labelled send near it; None means Enter."""
    same_scope = [b for b in composer.scan.data["buttons"]
                  if [h["i"] for h in b.get("hosts", [])] == [h["i"] for h in composer.element.get("hosts", [])]]
    form = composer.element.get("in_form")
    in_form = [b for b in same_scope if form is not None and b.get("in_form") == form
               and (b.get("type") == "submit" or SEND.search(_words(b)) or b.get("tag") == "button")]
    if in_form:
        pick = min(in_form, key=lambda b: _distance(b, composer.element))
        return Found(composer.scan, pick, 0.95, "the button of the composer's form")
    labelled = [b for b in same_scope if SEND.search(_words(b))]
    if labelled:
        pick = min(labelled, key=lambda b: _distance(b, composer.element))
        return Found(composer.scan, pick, 0.85, "labelled send, next to the input")
    return None


@dataclass(frozen=True)
class Prechat:
    fields: dict[str, Found]
    submit: Found | None


def prechat_form(scan: PageScan, composer: Found | None) -> Prechat | None:
    """A visible form asking for name or e-mail while the composer is hidden (or absent)."""
    if composer is not None and composer.visible:
        return None
    frames = [composer.scan] if composer is not None else scan.frames
    for frame in frames:
        for form in frame.data["forms"]:
            if not form["visible"]:
                continue
            boxes = [e for e in frame.data["inputs"] if e.get("in_form") == form["i"] and e["visible"]]
            fields: dict[str, Found] = {}
            for box in boxes:
                kind = personal_field(box)
                if kind is not None and kind not in fields:
                    fields[kind] = Found(frame, box, 0.9, f"a pre-chat field asking for the {kind}")
            if not fields:
                continue
            buttons = [b for b in frame.data["buttons"] if b.get("in_form") == form["i"] and b["visible"]]
            buttons.sort(key=lambda b: (b.get("type") != "submit", not SEND.search(_words(b)) and not CHATTY.search(_words(b))))
            submit = Found(frame, buttons[0], 0.9, "the pre-chat form's button") if buttons else None
            return Prechat(fields, submit)
    return None


def launcher_candidates(scan: PageScan, limit: int = 6) -> list[Found]:
    """Buttons that may open a chat, most likely first: chat-ish words, fixed in a bottom corner."""
    ranked: list[tuple[float, Found]] = []
    for frame in scan.frames:
        for element in frame.data["buttons"]:
            if not element["visible"] or element.get("in_form") is not None or element.get("search"):
                continue
            value, reasons = 0.0, []
            if CHATTY.search(_words(element)):
                value += 0.5
                reasons.append("chat-ish label")
            if element.get("fixed"):
                value += 0.25
                reasons.append("fixed position")
            rect, view = element["rect"], element["viewport"]
            low = rect["y"] + rect["height"] > view["height"] * 0.6
            side = rect["x"] > view["width"] * 0.6 or rect["x"] + rect["width"] < view["width"] * 0.4
            if element.get("fixed") and low and side:
                value += 0.15
                reasons.append("bottom corner")
            if frame.chain:
                value += 0.05
                reasons.append("inside a widget frame")
            if element.get("tag") in ("button", "a") or element.get("role") == "button":
                value += 0.15
                reasons.append("a button")
            elif element.get("pointer"):
                value += 0.1
                reasons.append("clickable")
            else:
                value -= 0.2  # a container, not the thing to click
            if element.get("tag") == "a" and not CHATTY.search(_words(element)):
                value -= 0.3  # a plain link leaves the page
            if value >= 0.4:
                ranked.append((value, Found(frame, element, min(value, 1.0), ", ".join(reasons))))
    ranked.sort(key=lambda pair: -pair[0])
    return [found for _, found in ranked[:limit]]


def clickable_with_text(scan: PageScan, text: str) -> Found | None:
    """``--click TEXT``: the visible button or link whose text or label contains ``text``."""
    wanted = text.casefold().strip()
    for frame in scan.frames:
        for element in frame.data["buttons"]:
            words = f"{element.get('text', '')} {element.get('label', '')}".casefold()
            if element["visible"] and wanted in words:
                return Found(frame, element, 1.0, f"named by --click {text!r}")
    return None
