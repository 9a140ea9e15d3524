"""The demo's bot APIs answer a browser on another origin, as the real services do; its site does not."""

from __future__ import annotations

import json
import urllib.request

from shopper.demo import RunningDemo

PATHS = ("good/v1/chat/completions", "good/v3/directline/conversations", "good/webhooks/rest/webhook")


def request(url: str, method: str, body: bytes | None = None, **headers: str) -> tuple[int, dict[str, str]]:
    with urllib.request.urlopen(urllib.request.Request(url, body, headers, method=method), timeout=10) as answer:
        return answer.status, {k.lower(): v for k, v in answer.headers.items()}


def test_every_api_path_answers_a_preflight(demo: RunningDemo) -> None:
    for path in PATHS:
        status, headers = request(f"{demo.base_url}/{path}", "OPTIONS", Origin="http://elsewhere.test",
                                  **{"Access-Control-Request-Method": "POST"})  # fmt: skip
        assert status == 204, path
        assert headers["access-control-allow-origin"] == "*"
        assert "authorization" in headers["access-control-allow-headers"], "Direct Line and OpenAI send a bearer"


def test_answers_streamed_or_not_allow_any_origin_and_the_site_does_not(demo: RunningDemo) -> None:
    for stream in (False, True):
        body = json.dumps({"messages": [{"role": "user", "content": "Hi"}], "stream": stream}).encode()
        status, headers = request(f"{demo.base_url}/good/v1/chat/completions", "POST", body,
                                  **{"Content-Type": "application/json"})  # fmt: skip
        assert status == 200 and headers["access-control-allow-origin"] == "*", stream
    status, headers = request(demo.site_url("good"), "GET")
    assert status == 200 and "access-control-allow-origin" not in headers
