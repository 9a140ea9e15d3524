"""HTTP the way every bot-API connector needs it: 429s waited out, failures told apart.

A 429 or 503 with ``Retry-After`` is waited out (up to the connector's limits) and the wait is
counted, so a result shows how long the bot's rate limit held the customer. Other 5xx and lost
connections are infrastructure (:class:`TransientError`, retried by the runner); other 4xx and
bodies that are not what the protocol promises are errors of the target (:class:`ProbeError`).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

import aiohttp

from shopper.probes.api.arrivals import now_ms
from shopper.probes.base import ProbeError, TransientError

SNIPPET = 160


@dataclass
class RateLimits:
    """How the target's rate limit held one conversation up."""

    waits: int = 0
    waited_ms: float = 0.0

    async def wait(self, seconds: float) -> None:
        """Wait out a Retry-After, and count it."""
        started = now_ms()
        await asyncio.sleep(seconds)
        self.waits += 1
        self.waited_ms += now_ms() - started


class ApiHttp:
    """One run's HTTP client for a target (pooled connections), with its protocol's name for errors."""

    def __init__(self, session: aiohttp.ClientSession, label: str, *, retries: int, max_wait_s: float,
                 timeout_s: float) -> None:  # fmt: skip
        self.session = session
        self.label = label
        self.retries = retries
        self.max_wait_s = max_wait_s
        self.timeout = aiohttp.ClientTimeout(total=None, sock_connect=timeout_s, sock_read=None)
        self.limits = RateLimits()

    async def request(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str] | None = None,
        json_body: Any = None,
        data: str | None = None,
        read: Callable[[aiohttp.ClientResponse], Awaitable[Any]] | None = None,
        expect: tuple[int, ...] = (200, 201),
        on_sent: Callable[[float], None] | None = None,
    ) -> Any:
        """Make the request; return ``read(response)`` (default: its JSON) for an expected status.

        ``on_sent`` is called with the moment the request's headers were written (each attempt).
        """
        attempt = 0
        while True:
            attempt += 1
            try:
                async with self.session.request(method, url, headers=headers, json=json_body, data=data,
                                                timeout=self.timeout, trace_request_ctx=on_sent) as response:  # fmt: skip
                    if response.status in expect:
                        return await (read or self.json)(response)
                    wait = _retry_after(response) if response.status in (429, 503) else None
                    if wait is None or attempt > self.retries:
                        raise await self._status_error(response, url)
                    if wait > self.max_wait_s:
                        raise ProbeError(f"api ({self.label}): {url} answered {response.status} with "
                                         f"Retry-After {wait:g} s, more than the {self.max_wait_s:g} s allowed")  # fmt: skip
            except (aiohttp.ClientConnectionError, aiohttp.ClientPayloadError, TimeoutError) as exc:
                raise TransientError(f"api ({self.label}): {method} {url} failed: {describe(exc)}") from None
            await self.limits.wait(wait)

    async def json(self, response: aiohttp.ClientResponse) -> Any:
        text = await response.text()
        try:
            return json.loads(text)
        except ValueError:
            raise self.malformed(str(response.url), "not JSON", text) from None

    def malformed(self, where: str, what: str, payload: Any) -> ProbeError:
        shown = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False, default=str)
        return ProbeError(f"api ({self.label}): malformed payload from {where}: {what}: {shown[:SNIPPET]!r}")

    async def _status_error(self, response: aiohttp.ClientResponse, url: str) -> ProbeError:
        body = (await response.text())[:SNIPPET]
        message = f"api ({self.label}): {url} answered HTTP {response.status}: {body!r}"
        if response.status >= 500 or response.status == 429:
            return TransientError(message)
        return ProbeError(message)


def sent_stamps() -> aiohttp.TraceConfig:
    """A trace that calls a request's ``on_sent`` when its headers are on the wire: a send stamp
    the loop's other work cannot move earlier than the bytes."""
    trace = aiohttp.TraceConfig()

    async def headers_sent(session: aiohttp.ClientSession, context: Any, params: Any) -> None:
        on_sent = context.trace_request_ctx
        if callable(on_sent):
            on_sent(now_ms())

    trace.on_request_headers_sent.append(headers_sent)
    return trace


def _retry_after(response: aiohttp.ClientResponse) -> float | None:
    """Seconds a 429 or 503 asks to wait; 1 s when a 429 gives none, no wait for a bare 503."""
    raw = response.headers.get("Retry-After")
    if raw is None:
        return 1.0 if response.status == 429 else None
    return retry_after_s(raw)


def retry_after_s(raw: str) -> float:
    """Seconds from a ``Retry-After`` value (seconds, or an HTTP date); 1 s when unreadable."""
    try:
        return max(0.0, float(raw))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(raw).timestamp() - now_ms() / 1000)
    except (TypeError, ValueError, IndexError):
        return 1.0


def describe(exc: BaseException) -> str:
    """The first line of an exception, for one-line errors."""
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__
