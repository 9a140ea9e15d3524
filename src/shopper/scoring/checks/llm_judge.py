"""An optional LLM judge behind an interface: an OpenAI-compatible endpoint, cached.

Off unless the audit configures an endpoint (a :class:`Judge` in the scoring context); then
the prompt and verdict are recorded in the evidence and answers are cached by a hash of the
model, prompt and transcript, so a re-score costs nothing and gives the same verdict.
"""

from __future__ import annotations

import hashlib
import json
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Protocol

from shopper.scoring.checks.base import Check, CheckSpecError, Outcome, View, not_applicable

SYSTEM = (
    "You review a customer-support transcript. Answer with one JSON object "
    '{"verdict": "pass" | "fail" | "na", "reason": "<one sentence quoting the reply>"}.'
)


@dataclass(frozen=True)
class JudgeVerdict:
    result: str  # pass | fail | na
    reason: str


class Judge(Protocol):
    def judge(self, prompt: str, transcript: str) -> JudgeVerdict: ...


@dataclass(frozen=True)
class OpenAICompatibleJudge:
    """``POST {url}/chat/completions`` with ``model``; answers cached under ``cache_dir``."""

    url: str
    model: str
    api_key: str | None = None
    cache_dir: Path | None = None
    timeout_s: float = 60.0

    def judge(self, prompt: str, transcript: str) -> JudgeVerdict:
        key = hashlib.sha256(json.dumps([self.model, prompt, transcript]).encode()).hexdigest()
        cached = self.cache_dir / f"{key}.json" if self.cache_dir else None
        if cached and cached.exists():
            data = json.loads(cached.read_text(encoding="utf-8"))
            return JudgeVerdict(data["result"], data["reason"])
        verdict = self._ask(prompt, transcript)
        if cached:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_text(json.dumps({"result": verdict.result, "reason": verdict.reason}), encoding="utf-8")
        return verdict

    def _ask(self, prompt: str, transcript: str) -> JudgeVerdict:
        body = {
            "model": self.model,
            "temperature": 0,
            "messages": [
                {"role": "system", "content": SYSTEM},
                {"role": "user", "content": f"{prompt}\n\nTranscript:\n{transcript}"},
            ],
        }
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(
            self.url.rstrip("/") + "/chat/completions", json.dumps(body).encode(), headers, method="POST"
        )
        with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
            answer = json.loads(response.read())
        content = answer["choices"][0]["message"]["content"]
        try:
            parsed = json.loads(content[content.index("{") : content.rindex("}") + 1])
            result = parsed.get("verdict", "na")
            return JudgeVerdict(result if result in ("pass", "fail", "na") else "na", str(parsed.get("reason", "")))
        except ValueError:
            return JudgeVerdict("na", f"unreadable verdict: {content[:200]}")


class LlmJudge(Check):
    """An LLM judges the replies against your prompt (only when the audit configures one)."""

    name = "llm_judge"
    family = "llm_judge"
    example: ClassVar[Any] = {"prompt": "Does support explain why the withdrawal is delayed?"}

    def __init__(self, params: Any, path: str) -> None:
        super().__init__(params, path)
        if not isinstance(params, dict) or not isinstance(params.get("prompt"), str) or set(params) - {"prompt"}:
            raise CheckSpecError(f"{path}.{self.name}", "expected {prompt: TEXT}")
        self.prompt: str = params["prompt"]

    def evaluate(self, view: View) -> Outcome:
        judge = view.context.judge
        if judge is None:
            return not_applicable("no LLM judge configured")
        if not view.replies:
            return not_applicable("no agent reply")
        transcript = "\n".join(f"[{i}] {t.role}: {t.text}" for i, t in enumerate(view.turns))
        verdict = judge.judge(self.prompt, transcript)
        return Outcome(verdict.result, f'LLM judge on "{self.prompt}": {verdict.reason}')  # type: ignore[arg-type]
