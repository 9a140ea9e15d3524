"""Warming a run up: what the first conversation of each kind would otherwise do mid-run."""

from __future__ import annotations

from shopper.audits.channels import Channels
from shopper.audits.matrix import ConversationSpec
from shopper.audits.runner import Scorer
from shopper.results import ConversationResult, Status, Turn
from shopper.scenarios.driver import Transcript

_WARM_UP_TEXTS = {
    "en": "Thanks for reaching out. Your withdrawal is being checked and you will get an update soon.",
    "zh": "感谢您的耐心等待。您的提现正在审核中，我们会尽快通知您处理结果。",
    "ko": "기다려 주셔서 감사합니다. 출금 건은 현재 확인 중이며 곧 안내해 드리겠습니다.",
    "ja": "お待たせいたしました。出金は現在確認中でございます。まもなくご連絡いたします。",
}


def warm_up(scorer: Scorer | None, specs: list[ConversationSpec]) -> None:
    """Do once, before any conversation starts, what the first conversation of each kind would do
    the first time: load each locale's Faker, import each bot protocol's client, and score a
    made-up conversation per language (the language models and lexicons load). Each holds the
    interpreter for a tenth of a second or more, and the api channel stamps its messages in this
    process (the chat's come from the page), so none may happen while conversations run."""
    from shopper.scenarios.templates import persona_and_context

    for spec in {(spec.scenario.scenario, spec.locale): spec for spec in specs}.values():
        persona_and_context(spec.scenario, spec.locale, 0)
    configs = (Channels.api_config(spec.target) for spec in specs if spec.channel == "api")
    protocols = {config.protocol for config in configs if config is not None}
    if protocols:
        from shopper.probes.api.clients import connector_module  # aiohttp loads for api runs only

        for protocol in protocols:
            connector_module(protocol)
    if scorer is None:
        return
    for spec in {spec.locale[:2]: spec for spec in specs}.values():
        text = _WARM_UP_TEXTS.get(spec.locale[:2], _WARM_UP_TEXTS["en"])
        result = ConversationResult(run="warm-up", audit="warm-up", key="warm-up", target=spec.target.id,
                                    scenario=spec.scenario.scenario, channel=spec.channel, locale=spec.locale,
                                    repeat=1, status=Status.COMPLETED, started_at="", ended_at="",
                                    turns=[Turn(role="shopper", text="Hi", at_ms=0.0),
                                           Turn(role="agent", text=text, at_ms=1.0, latency_ms=1.0)])  # fmt: skip
        scorer(result, spec, Transcript(turns=result.turns))
