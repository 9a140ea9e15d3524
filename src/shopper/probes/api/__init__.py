"""The ``api`` channel: a support bot audited through its own protocol, without a browser.

:class:`ApiClients` is opened once per run (one pooled HTTP client, one OpenAI client per
target, all on the channel's own I/O loop); :meth:`ApiClients.session` gives each conversation
its own :class:`ApiSession`, held on that loop.

The package imports lightly: the audit model reads ``shopper.probes.api.config`` for every run,
and a run without api conversations should not load aiohttp and the protocol clients (about
20 MiB of the runner's memory), so the names below load on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from shopper.probes.api.clients import ApiClients, connector_module
    from shopper.probes.api.config import ApiTarget
    from shopper.probes.api.session import ApiConfig, ApiSession

_HOMES = {"ApiClients": "clients", "connector_module": "clients", "ApiTarget": "config", "ApiConfig": "session",
          "ApiSession": "session"}  # fmt: skip
__all__ = ["ApiClients", "ApiConfig", "ApiSession", "ApiTarget", "connector_module"]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
