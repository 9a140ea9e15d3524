"""The audit matrix: target × scenario × channel × locale × repeat, each with a stable key."""

from __future__ import annotations

from dataclasses import dataclass

from shopper.audits.model import Channel, Target
from shopper.audits.plan import Plan
from shopper.scenarios.model import Scenario


@dataclass(frozen=True)
class ConversationSpec:
    """One conversation to hold; ``key`` names it the same way in every run and shard."""

    target: Target
    scenario: Scenario
    channel: Channel
    locale: str
    repeat: int

    @property
    def key(self) -> str:
        return conversation_key(
            self.target.id, self.scenario.scenario, self.locale, self.channel, self.repeat
        )


def conversation_key(target: str, scenario: str, locale: str, channel: str, repeat: int) -> str:
    """``demo-good::withdrawal-pending[zh_CN-chat]#1``: readable, unique, order-independent."""
    return f"{target}::{scenario}[{locale}-{channel}]#{repeat}"


def scenario_channels(scenario: Scenario) -> tuple[Channel, ...]:
    """The channels a scenario can be held on: a live-chat script also talks to the bot's API."""
    channels = list(scenario.channels)
    if "chat" in channels and "api" not in channels:
        channels.insert(channels.index("chat") + 1, "api")
    return tuple(channels)


def expand(plan: Plan) -> list[ConversationSpec]:
    """Every conversation of the plan, in a stable order."""
    audit = plan.audit
    specs = []
    for target in audit.targets:
        for scenario in sorted(plan.scenarios, key=lambda s: s.scenario):
            for channel in scenario_channels(scenario):
                if channel not in audit.channels or channel not in target.channels():
                    continue
                for locale in audit.locales:
                    for repeat in range(1, audit.repeat + 1):
                        specs.append(ConversationSpec(target, scenario, channel, locale, repeat))
    return specs
