"""The target block discover proposes, as an audit file ``shopper validate`` and ``shopper run`` take.

One owner for the proposal: each part of the widget is a :class:`Choice` (selector, confidence,
reason) or absent; :meth:`Proposal.selectors` turns them into the probe's ``ChatSelectors`` and
:meth:`Proposal.audit_yaml` into the file, checked against the audit model before it is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import yaml

from shopper.audits.model import Audit
from shopper.discover.ranking import Choice
from shopper.probes.preset import ChatSelectors, PrechatForm

DEFAULT_SCENARIOS = ("scenarios/crypto/withdrawal-pending.yaml",)
DEFAULT_RUBRICS = ("scoring/crypto-safety.yaml", "scoring/service-quality.yaml")
STRUCTURE = ("launcher", "launcher_frames", "frames", "shadow_host", "prechat", "send", "typing", "shopper_message",
             "message_list")
PART_ORDER = ("launcher", "input", "send", "message_list", "agent_message", "shopper_message", "typing",
              "shadow_host")  # fmt: skip


@dataclass
class Proposal:
    url: str
    title: str = ""
    widget: str = "generic"  # a recognised preset, or generic
    recognised_by: str = ""
    launcher: Choice | None = None
    launcher_frames: tuple[Choice, ...] = ()
    frames: tuple[Choice, ...] = ()
    shadow_host: Choice | None = None
    prechat_fields: dict[str, Choice] = field(default_factory=dict)
    prechat_submit: Choice | None = None
    input: Choice | None = None
    send: Choice | None = None
    message_list: Choice | None = None
    agent_message: Choice | None = None
    shopper_message: Choice | None = None
    typing: Choice | None = None
    notes: list[str] = field(default_factory=list)

    def selectors(self) -> ChatSelectors:
        prechat = None
        if self.prechat_fields or self.prechat_submit:
            prechat = PrechatForm(fields={k: c.selector for k, c in self.prechat_fields.items()},
                                  submit=self.prechat_submit.selector if self.prechat_submit else None)  # fmt: skip
        values: dict[str, object] = {
            "launcher": self.launcher.selector if self.launcher else None,
            "launcher_frames": tuple(c.selector for c in self.launcher_frames),
            "frames": tuple(c.selector for c in self.frames),
            "prechat": prechat,
        }
        for part in PART_ORDER:
            if part not in values:
                choice = getattr(self, part)
                values[part] = choice.selector if choice else None
        return ChatSelectors(**{k: v for k, v in values.items() if v not in (None, ())})

    def choices(self) -> list[tuple[str, Choice]]:
        """Every part with its choice, in the order a person reads a widget."""
        out: list[tuple[str, Choice]] = []
        if self.launcher:
            out.append(("launcher", self.launcher))
        out += [(f"launcher frame {n + 1}", c) for n, c in enumerate(self.launcher_frames)]
        out += [(f"frame {n + 1}", c) for n, c in enumerate(self.frames)]
        if self.shadow_host:
            out.append(("shadow_host", self.shadow_host))
        out += [(f"prechat {k}", c) for k, c in self.prechat_fields.items()]
        if self.prechat_submit:
            out.append(("prechat submit", self.prechat_submit))
        for part in PART_ORDER[1:-1]:
            choice = getattr(self, part)
            if choice is not None:
                out.append((part, choice))
        return out

    def confidence_lines(self) -> list[str]:
        lines = [choice.line(part) for part, choice in self.choices()]
        if self.send is None and self.input is not None:
            lines.append(f"{'send':<15} {'(press Enter)':<48} {'':4}  no send button found next to the input")
        return lines

    def target_id(self) -> str:
        host = urlsplit(self.url).hostname or "site"
        slug = re.sub(r"[^a-z0-9]+", "-", host.lower()).strip("-") or "site"
        return slug

    def audit_dict(self) -> dict[str, object]:
        selectors = self.selectors().model_dump(exclude_defaults=True, mode="json")
        if self.widget != "generic":
            # A preset fills every key the target leaves out: say "none here" for the structure
            # discover saw, so a plain page does not inherit the preset's launcher or frames.
            for key in STRUCTURE:
                selectors.setdefault(key, [] if key.endswith("frames") else None)
        chat: dict[str, object] = {"url": self.url, "widget": self.widget, "selectors": selectors}
        host = urlsplit(self.url).hostname or ""
        return {
            "audit": f"discovered-{self.target_id()}",
            "title": f"Chat found by shopper discover on {self.url}",
            "targets": [{"id": self.target_id(), "name": self.title[:80] or host, "domains": [host], "chat": chat}],
            "scenarios": list(DEFAULT_SCENARIOS),
            "rubrics": list(DEFAULT_RUBRICS),
            "channels": ["chat"],
        }

    def audit_yaml(self) -> str:
        """The audit file: the proposal as data, the reasons as comments above it."""
        data = self.audit_dict()
        Audit.model_validate(data)  # a proposal that would not load is a bug here, not the user's
        head = [f"# Proposed by `shopper discover {self.url}`: check it, then `shopper run` this file.",
                "# part            selector                                         sure  why"]  # fmt: skip
        head += [f"#   {line}" for line in self.confidence_lines()]
        if self.recognised_by:
            head.append(f"# recognised: {self.widget} ({self.recognised_by})")
        head += [f"# note: {note}" for note in self.notes]
        body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120)
        return "\n".join(head) + "\n" + body
