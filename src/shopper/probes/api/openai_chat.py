"""OpenAI-compatible chat completions, through the maintained ``openai`` client.

Each shopper message is sent with the conversation so far (the API is stateless); the answer is
one agent message. Streamed, it is stamped when its first non-empty content delta arrived (time
to first token) and when the stream finished (``final_ms``: time to last token); not streamed,
when the response arrived. The client's own retries are off: a 429 is waited out here, by its
``Retry-After``, so the wait is counted like every other protocol's.
"""

from __future__ import annotations

import json
from contextvars import ContextVar
from typing import Any

import openai

from shopper.probes.api.arrivals import Arrivals, now_ms
from shopper.probes.api.config import OpenAIChat
from shopper.probes.api.http import SNIPPET, RateLimits, describe, retry_after_s
from shopper.probes.base import ProbeError, TransientError

# The arrivals of the conversation whose request is being sent in this task: the client is shared
# by a target's conversations, and its request hook runs in the task that called it.
_SENDING: ContextVar[Arrivals | None] = ContextVar("shopper_openai_sending", default=None)


async def _on_request(request: Any) -> None:
    arrivals = _SENDING.get()
    if arrivals is not None:
        arrivals.written(now_ms())


class OpenAIConnector:
    protocol = "openai"
    request_reply = True
    bound_ms: float | None = None

    def __init__(self, client: openai.AsyncOpenAI, config: OpenAIChat, user: str) -> None:
        self.client = client
        self.config = config
        self.user = user
        self.limits = RateLimits()
        self.history: list[dict[str, str]] = [{"role": "system", "content": config.system}] if config.system else []

    async def open(self, arrivals: Arrivals) -> str | None:
        return self.user  # the ``user`` every request names: the conversation, for the endpoint

    async def send(self, text: str, arrivals: Arrivals) -> None:
        self.history.append({"role": "user", "content": text})
        _SENDING.set(arrivals)
        attempt = 0
        while True:
            attempt += 1
            try:
                answer = await (self._stream(arrivals) if self.config.stream else self._whole(arrivals))
                break
            except openai.RateLimitError as exc:
                wait = _retry_after(exc)
                if attempt > self.config.rate_limit_retries or wait > self.config.max_retry_after:
                    raise TransientError(f"api (openai): rate limited (429, Retry-After {wait:g} s)") from None
                await self.limits.wait(wait)
            except openai.APIStatusError as exc:
                error = TransientError if exc.status_code >= 500 else ProbeError
                raise error(f"api (openai): HTTP {exc.status_code}: {describe(exc)}") from None
            except (openai.APIConnectionError, openai.APITimeoutError) as exc:
                raise TransientError(f"api (openai): the request failed: {describe(exc)}") from None
            except (json.JSONDecodeError, openai.APIResponseValidationError) as exc:
                raise ProbeError(f"api (openai): malformed payload: {describe(exc)}"[: SNIPPET + 40]) from None
        self.history.append({"role": "assistant", "content": answer})
        arrivals.done()

    async def _whole(self, arrivals: Arrivals) -> str:
        response: Any = await self.client.chat.completions.create(
            model=self.config.model, messages=self.history, user=self.user, stream=False,  # type: ignore[arg-type]
        )
        at = now_ms()
        content = response.choices[0].message.content if response.choices else None
        if not isinstance(content, str):
            raise ProbeError("api (openai): malformed payload: the completion has no message content")
        arrivals.message("agent", content, at)
        return content

    async def _stream(self, arrivals: Arrivals) -> str:
        stream: Any = await self.client.chat.completions.create(
            model=self.config.model, messages=self.history, user=self.user, stream=True,  # type: ignore[arg-type]
        )
        key = f"completion-{len(self.history)}"
        text = ""
        finished: float | None = None  # when the chunk with the finish_reason arrived
        try:
            async for chunk in stream:
                at = now_ms()
                choice = chunk.choices[0] if chunk.choices else None
                if choice is None:
                    continue
                delta = choice.delta.content if choice.delta else None
                if delta:
                    text += delta
                    arrivals.stream(key, text, at, final=False)
                if choice.finish_reason is not None:
                    finished = at
        except (openai.APIConnectionError, openai.APIError) as exc:
            if isinstance(exc, openai.APIStatusError):
                raise
            raise TransientError(f"api (openai): the stream broke after {len(text)} characters: "
                                 f"{describe(exc)}") from None  # fmt: skip
        except Exception as exc:  # the transport's own error for a connection cut mid-stream
            if isinstance(exc, json.JSONDecodeError | ProbeError):
                raise
            raise TransientError(f"api (openai): the stream broke after {len(text)} characters: "
                                 f"{type(exc).__name__}: {describe(exc)}") from None  # fmt: skip
        if finished is None:
            raise TransientError(f"api (openai): the stream ended before its finish_reason "
                                 f"({len(text)} characters received)")  # fmt: skip
        arrivals.stream(key, text, finished, final=True)
        return text

    async def close(self) -> None:
        return None


def _retry_after(exc: openai.RateLimitError) -> float:
    raw = exc.response.headers.get("retry-after") if exc.response is not None else None
    return 1.0 if raw is None else retry_after_s(raw)


def client_for(config: OpenAIChat, url: str) -> openai.AsyncOpenAI:
    """One client per target (its connection pool is shared by the target's conversations)."""
    key = config.api_key.get_secret_value() if config.api_key else "none"
    headers = config.header_values()
    http = openai.DefaultAsyncHttpxClient(event_hooks={"request": [_on_request]})
    return openai.AsyncOpenAI(base_url=url, api_key=key, max_retries=0, timeout=None, default_headers=headers,
                              http_client=http)  # fmt: skip
