"""Where a running demo platform answers: its pages, bot APIs and mail desk.

One owner for the URL layout, shared by the platform itself and by a handle on a platform that
runs in another process (:mod:`shopper.demo.process`), which knows only its base URL and SMTP port.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from urllib.parse import urlencode

from shopper.demo.options import DOMAIN, PROFILES, Fault, split_profile

HOST = "127.0.0.1"
_API_PATHS = {"directline": "v3/directline", "rasa-rest": "webhooks/rest/webhook", "rasa-socketio": "",
              "openai": "v1"}  # fmt: skip


@dataclass(frozen=True)
class DemoAddresses:
    """The demo's base URL and SMTP port, and every address derived from them."""

    base_url: str
    smtp_port: int
    smtp_host: str = HOST

    def site_url(
        self, profile: str, *, shadow: bool = False, faults: Collection[Fault] = (), heavy: bool = False
    ) -> str:
        """The support page of ``profile`` (``good``, or ``good-shadow`` for the shadow root);
        ``heavy``: its widget loads a framework-sized bundle (see :mod:`shopper.demo.heavy`)."""
        parsed = split_profile(profile)
        if parsed is None:
            raise ValueError(f"unknown demo profile {profile!r}; known: {', '.join(PROFILES)}")
        query = {"fault": ",".join(sorted(faults))} if faults else {}
        if heavy:
            query["heavy"] = "1"
        path = f"{parsed[0]}-shadow" if shadow or parsed[1] else parsed[0]
        return f"{self.base_url}/{path}/" + (f"?{urlencode(query)}" if query else "")

    def api_url(self, profile: str, protocol: str) -> str:
        """Where ``profile``'s bot answers over a bot API (``directline``, ``rasa-rest``,
        ``rasa-socketio``, ``openai``): the base URL a client of that protocol is given (socket.io:
        the server's, with the path ``<profile>/socket.io``)."""
        if profile not in PROFILES:
            raise ValueError(f"unknown demo profile {profile!r}; known: {', '.join(PROFILES)}")
        if protocol not in _API_PATHS:
            raise ValueError(f"the demo does not speak {protocol!r}; it speaks {', '.join(_API_PATHS)}")
        if protocol == "rasa-socketio":
            return self.base_url
        return f"{self.base_url}/{profile}/{_API_PATHS[protocol]}"

    @staticmethod
    def support_address(profile: str) -> str:
        if profile not in PROFILES:
            raise ValueError(f"unknown demo profile {profile!r}")
        return f"support@{profile}.{DOMAIN}"
