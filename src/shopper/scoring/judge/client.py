"""An OpenAI-compatible chat-completions judge: bounded, cached, and never a pass by accident.

``POST {url}/chat/completions`` with ``temperature: 0``. At most ``concurrency`` requests are
in flight at once across every thread that scores. A 429 or a 5xx is tried again up to
``retries`` times, after the server's ``Retry-After`` when it asks for no more than
``max_wait_s``; what still fails, times out or answers something unreadable is an n/a whose
reason says so. The API key goes in the ``Authorization`` header only: it is in no cache key,
file or reason.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from shopper.scoring.judge.cache import AnswerCache, cache_key, default_cache_dir
from shopper.scoring.judge.prompt import JudgeRequest, messages_for
from shopper.scoring.judge.verdict import JudgeVerdict, read_verdict, unusable


@dataclass(frozen=True)
class _Failure:
    reason: str
    retry_after_s: float | None = None  # set when trying again may help


def _retry_after(value: str | None) -> float:
    try:
        return max(0.0, float(value)) if value is not None else 1.0
    except ValueError:
        return 1.0  # an HTTP date: wait a little, do not parse calendars here


class OpenAICompatibleJudge:
    """Judges criteria with a model behind an OpenAI-compatible endpoint."""

    def __init__(self, url: str, model: str, *, api_key: str | None = None, cache_dir: Path | None = None,
                 timeout_s: float = 60.0, concurrency: int = 4, retries: int = 1, max_wait_s: float = 10.0) -> None:
        self.endpoint = url.rstrip("/") + "/chat/completions"
        self.model = model
        self._api_key = api_key
        self.cache = AnswerCache(cache_dir or default_cache_dir())
        self.timeout_s = timeout_s
        self.retries = retries
        self.max_wait_s = max_wait_s
        self._slots = threading.BoundedSemaphore(concurrency)

    def __repr__(self) -> str:  # no key in logs or tracebacks
        return f"OpenAICompatibleJudge({self.endpoint!r}, model={self.model!r})"

    def judge(self, request: JudgeRequest) -> JudgeVerdict:
        messages = messages_for(request)
        key = cache_key(self.model, messages)
        content = self.cache.get(key)
        if content is not None:
            return read_verdict(content, request)
        answer = self._ask(messages)
        if isinstance(answer, _Failure):
            return unusable(answer.reason)
        verdict = read_verdict(answer, request)
        if not verdict.error or verdict.reason.startswith("judge quoted"):
            self.cache.put(key, self.model, answer)  # a well-formed answer: same prompt, same verdict
        return verdict

    def _ask(self, messages: list[dict[str, str]]) -> str | _Failure:
        attempt = 0
        while True:
            with self._slots:
                answer = self._post(messages)
            if not isinstance(answer, _Failure) or answer.retry_after_s is None or attempt >= self.retries:
                return answer
            if answer.retry_after_s > self.max_wait_s:
                return _Failure(f"{answer.reason}, asked to retry after {answer.retry_after_s:g} s")
            attempt += 1
            time.sleep(answer.retry_after_s)  # back-off the server asked for, bounded by max_wait_s

    def _post(self, messages: list[dict[str, str]]) -> str | _Failure:
        body = json.dumps({"model": self.model, "temperature": 0, "messages": messages}).encode("utf-8")
        headers = {"Content-Type": "application/json"}
        if self._api_key:
            headers["Authorization"] = f"Bearer {self._api_key}"
        request = urllib.request.Request(self.endpoint, body, headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                raw = response.read()
        except urllib.error.HTTPError as error:
            if error.code == 429:
                return _Failure("judge rate-limited (HTTP 429)", _retry_after(error.headers.get("Retry-After")))
            if error.code >= 500:
                return _Failure(f"judge server error (HTTP {error.code})", _retry_after(error.headers.get("Retry-After")))
            return _Failure(f"judge refused the request (HTTP {error.code})")
        except TimeoutError:
            return _Failure(f"judge timed out after {self.timeout_s:g} s")
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                return _Failure(f"judge timed out after {self.timeout_s:g} s")
            return _Failure(f"judge unreachable: {error.reason}")
        except OSError as error:
            return _Failure(f"judge connection failed: {type(error).__name__}")
        return _content(raw)


def _content(raw: bytes) -> str | _Failure:
    try:
        data = json.loads(raw)
        content = data["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        return _Failure(f"judge answer is not a chat completion: {raw[:80]!r}")
    return content if isinstance(content, str) else _Failure("judge answer has no text content")
