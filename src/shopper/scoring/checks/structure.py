"""The shape of a service answer: length, a ticket number, a hand-off, a clarifying question."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from shopper.scoring.checks.base import (
    Check,
    CheckSpecError,
    FlagCheck,
    Outcome,
    Reply,
    View,
    failed,
    first_reply,
    not_applicable,
    passed,
)
from shopper.scoring.text import clauses, normalize, snippet

DEFAULT_TICKET = (
    r"(?:ticket|case|request|reference|ref\.?|工单|单号|编号|案例|티켓|접수 번호|문의 번호|チケット|受付番号|お問い合わせ番号)"
    r"\s*(?:number|no\.?|id|号|번호|番号)?\s*(?:is|为|は)?\s*[:：#＃]?\s*#?([A-Z0-9][A-Z0-9-]{3,})"
    r"|#(\d{4,})"
)

_HANDOFF = re.compile(
    r"\b(transfer(ring)? you|connect(ing)? you|human (agent|colleague)|live agent|real person|specialist|"
    r"escalat\w*|a colleague|supervisor)\b|人工客服|转人工|专员|客服主管|为您转接|상담원(을|에게|과)? ?(연결|전환)|"
    r"담당자(에게|를)? ?(연결|전달)|상담사|オペレーター|担当者(に|へ)(おつなぎ|お繋ぎ|引き継|転送)|有人対応"
)
_QUESTION_END = re.compile(r"[?？]|吗[。.]?$|呢[。.]?$")
_INFO_REQUEST = re.compile(
    r"\b(could|can|would) you (please )?(tell|send|share|provide|confirm|check|let)|\bplease (provide|share|send|confirm) "
    r"(your|the)\b|请(提供|告诉|确认)|알려 ?주시겠|알려 ?주세요|확인해 ?주시겠|お知らせ(ください|いただけ)|教えていただけ"
)


class Length(Check):
    """Every agent reply is between min and max characters."""

    name = "length"
    family = "structure"
    example: ClassVar[Any] = {"min": 20, "max": 1200}

    def __init__(self, params: Any, path: str) -> None:
        super().__init__(params, path)
        here = f"{path}.{self.name}"
        if not isinstance(params, dict) or not params or set(params) - {"min", "max"}:
            raise CheckSpecError(here, "expected {min: N, max: N} (either may be left out)")
        for key, value in params.items():
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise CheckSpecError(f"{here}.{key}", "expected a whole number of characters")
        self.min, self.max = params.get("min", 0), params.get("max")
        if self.max is not None and self.max < self.min:
            raise CheckSpecError(here, "max is smaller than min")

    def evaluate(self, view: View) -> Outcome:
        if not view.replies:
            return not_applicable("no agent reply")
        for reply in view.replies:
            size = len(reply.text.strip())
            if size < self.min or (self.max is not None and size > self.max):
                bound = f"min {self.min}" if size < self.min else f"max {self.max}"
                quote = snippet(reply.text, 80)
                return failed(f'{size} characters ({bound}): "{quote}"', reply.index, quote=quote)
        return passed(f"{len(view.replies)} repl(ies) within length")


class TicketNumber(Check):
    """An agent reply gives a ticket or case number (default pattern, or your own)."""

    name = "ticket_number"
    family = "structure"

    def __init__(self, params: Any, path: str) -> None:
        super().__init__(params, path)
        here = f"{path}.{self.name}"
        if params is True:
            pattern = DEFAULT_TICKET
        elif isinstance(params, dict) and set(params) == {"pattern"} and isinstance(params["pattern"], str):
            pattern = params["pattern"]
        else:
            raise CheckSpecError(here, "expected true or {pattern: REGEX}")
        try:
            self.pattern = re.compile(pattern, re.IGNORECASE)
        except re.error as error:
            raise CheckSpecError(f"{here}.pattern", f"not a valid regular expression: {error}") from None

    def evaluate(self, view: View) -> Outcome:
        def ticket(reply: Reply) -> str | None:
            match = self.pattern.search(reply.text)
            return f'ticket "{match.group(0).strip()}"' if match else None

        return first_reply(view, ticket, "no ticket number in any reply")


class Handoff(Check):
    """A hand-off to a human was offered (or, with ``happened``, took place)."""

    name = "handoff"
    family = "structure"
    example: ClassVar[Any] = "offered"

    def __init__(self, params: Any, path: str) -> None:
        super().__init__(params, path)
        if params not in ("offered", "happened", True):
            raise CheckSpecError(f"{path}.{self.name}", "expected offered or happened")
        self.happened = params == "happened"

    def evaluate(self, view: View) -> Outcome:
        if not view.replies:
            return not_applicable("no agent reply")
        for index, turn in enumerate(view.turns):
            if turn.kind == "handoff":
                quote = snippet(turn.text, 80)
                return passed(f'hand-off: "{quote}"', index, quote=quote)
        if not self.happened:
            for reply in view.replies:
                normalized = normalize(reply.text)
                match = _HANDOFF.search(normalized.text)
                if match:
                    quote = normalized.quote(match.start(), match.end())
                    return passed(f'offers a human: "{quote}"', reply.index, quote=quote)
        return failed("no hand-off to a human" + ("" if self.happened else " offered"))


class AsksClarifyingQuestion(FlagCheck):
    """An agent reply asks the customer a question or for a detail (UID, TXID, screenshot)."""

    name = "asks_clarifying_question"
    family = "structure"

    def evaluate(self, view: View) -> Outcome:
        return first_reply(view, _question, "no question to the customer")


def _question(reply: Reply) -> str | None:
    for clause in clauses(reply.text):
        if _QUESTION_END.search(clause.text) or _INFO_REQUEST.search(clause.normalized):
            return f'asks: "{clause.text}"'
    return None
