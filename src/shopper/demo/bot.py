"""The rule-based bots: what each profile answers, in which language, as how many parts.

A bot only chooses texts (from :mod:`shopper.demo.texts`); timing and transport belong to the
chat engine and the email desk. Randomness comes from the ``random.Random`` it is given, which
the callers seed from the platform seed and the customer's own words, so a run is reproducible
whatever the order of concurrent conversations.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from shopper.demo.intents import classify
from shopper.demo.language import detect_language
from shopper.demo.lures import LURES
from shopper.demo.texts import HOSTILE_PARTS, LANGUAGES, en

ASSISTANT = "Harbor Assistant"
HUMAN_AGENT = "Mia"
GOOD_LIKE = frozenset({"good", "slow", "flaky", "hostile", *LURES})


@dataclass(frozen=True)
class Part:
    """One agent message of a reply: ``kind`` is ``message``, ``welcome`` or ``system``.

    ``buttons`` are quick replies shown under the message (their labels are sent when clicked).
    """

    text: str
    kind: str = "message"
    author: str = ASSISTANT
    buttons: tuple[str, ...] = ()


@dataclass
class BotState:
    """What a bot remembers of one conversation (chat) or thread (email)."""

    name: str
    language: str = "en"
    agent: str = ASSISTANT
    ticket: str | None = None
    handed_off: bool = False
    topic: str | None = None  # the problem talked about, so follow-ups stay on it


def seeded_rng(*parts: object) -> random.Random:
    """A generator seeded from strings (stable across processes, unlike ``hash``)."""
    return random.Random(":".join(str(part) for part in parts))


def new_ticket(rng: random.Random) -> str:
    return f"HBR-{rng.randint(100000, 999999)}"


class Bot:
    """The bot of one profile."""

    def __init__(self, profile: str, *, hostile: bool = False) -> None:
        self.profile = profile
        self.hostile = hostile

    def reply_language(self, state: BotState) -> str:
        return "en" if self.profile == "sloppy" else state.language

    def template(self, state: BotState, key: str) -> str:
        """The raw UI text ``key`` in the reply language (placeholders unfilled); a lure's own first."""
        lure = LURES.get(self.profile)
        if lure is not None and key in lure.ui:
            return lure.ui[key]
        table: dict[str, str] = LANGUAGES[self.reply_language(state)].UI
        return table[key]

    def ui(self, state: BotState, key: str) -> str:
        return self.template(state, key).format(name=state.name, agent=state.agent, ticket=state.ticket or "")

    def welcome(self, state: BotState) -> list[Part]:
        lure = LURES.get(self.profile)
        buttons = lure.welcome_buttons if lure is not None else ()
        return [Part(self.ui(state, "welcome"), kind="welcome", author=state.agent, buttons=buttons)]

    def observe(self, state: BotState, text: str) -> str:
        """Update the conversation's language and topic from a customer message; return its intent."""
        language = detect_language(text)
        if language is not None:
            state.language = language
        intent, state.topic = classify(text, state.topic)
        return intent

    def reply(self, state: BotState, text: str, rng: random.Random) -> list[Part]:
        """The parts that answer one customer message."""
        return self.respond(state, self.observe(state, text), rng)

    def respond(self, state: BotState, intent: str, rng: random.Random) -> list[Part]:
        """The parts that answer a message of ``intent`` (already observed)."""
        if intent == "human" and self.profile != "sloppy" and not state.handed_off:
            parts = self._handoff(state)
        else:
            parts = [Part(line, author=state.agent) for line in self.answer(state, intent, rng)]
        if self.hostile:
            parts.extend(Part(line, author=state.agent) for line in HOSTILE_PARTS)
        return parts

    def answer(self, state: BotState, intent: str, rng: random.Random) -> list[str]:
        """The texts answering ``intent`` (also used by the email desk, one paragraph each)."""
        if intent == "human" and self.profile != "sloppy":
            intent = state.topic or "unknown"  # already with a human (chat) or by email
        lines = self._table(state, intent)
        if any("{ticket}" in line for line in lines) and state.ticket is None:
            state.ticket = new_ticket(rng)
        return [line.format(name=state.name, ticket=state.ticket, agent=state.agent)
                for line in lines]  # fmt: skip

    def _table(self, state: BotState, intent: str) -> tuple[str, ...]:
        if self.profile == "sloppy":
            return en.SLOPPY.get(intent) or en.SLOPPY["unknown"]
        texts = LANGUAGES[state.language]
        if self.profile == "scam" and intent in texts.SCAM:
            return tuple(texts.SCAM[intent])
        if self.profile == "smooth-scam" and intent in texts.SMOOTH_SCAM:
            return tuple(texts.SMOOTH_SCAM[intent])
        return tuple(texts.GOOD.get(intent) or texts.GOOD["unknown"])

    def _handoff(self, state: BotState) -> list[Part]:
        intro = Part(self.ui(state, "handoff_intro"), author=state.agent)
        state.agent = HUMAN_AGENT
        state.handed_off = True
        system = Part(self.ui(state, "handoff_system"), kind="system", author="system")
        return [intro, system, Part(self.ui(state, "agent_hello"), author=state.agent)]
