"""Shards: a stable slice of an audit's matrix, for CI matrices and Kubernetes Indexed Jobs.

A conversation belongs to shard ``1 + sha256(key) mod total``: the same conversation always
lands in the same shard, whatever the order of files, the machine or the Python build (unlike
``hash``). Shards are only roughly even (a hash does not balance a small matrix exactly), and
adding a scenario never moves the conversations that were already there.

A shard run writes ``shard.json`` beside ``run.json``: which shard it is and the full key list
of the plan, so :mod:`shopper.audits.merge` can refuse shards of different plans.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TypeVar

SHARD_FILE = "shard.json"
_SPEC = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")

T = TypeVar("T")


class ShardError(ValueError):
    """A shard that cannot be parsed or found in the environment (a usage error: exit 2)."""


@dataclass(frozen=True)
class Shard:
    """Shard ``index`` (1-based) of ``total``."""

    index: int
    total: int

    def __post_init__(self) -> None:
        if self.total < 1 or not 1 <= self.index <= self.total:
            raise ShardError(f"a shard is INDEX/TOTAL with 1 <= INDEX <= TOTAL, got {self.index}/{self.total}")

    def __str__(self) -> str:
        return f"{self.index}/{self.total}"

    def owns(self, key: str) -> bool:
        return shard_of(key, self.total) == self.index

    def select(self, items: Sequence[T], key_of: str = "key") -> list[T]:
        """The items (anything with a ``key`` attribute) that belong to this shard, in order."""
        return [item for item in items if self.owns(str(getattr(item, key_of)))]


def shard_of(key: str, total: int) -> int:
    """The 1-based shard of a conversation key."""
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return 1 + int.from_bytes(digest[:8], "big") % total


def parse_shard(text: str, env: Mapping[str, str], total: int | None = None) -> Shard:
    """``3/8``, or ``auto`` from the CI's environment.

    ``auto`` reads, in order: ``CI_NODE_INDEX`` / ``CI_NODE_TOTAL`` (GitLab ``parallel:``,
    1-based), then ``JOB_COMPLETION_INDEX`` (Kubernetes Indexed Job, 0-based) with the total
    from ``total`` (``--shard-total``) or ``SHOPPER_SHARD_TOTAL``.
    """
    match = _SPEC.match(text)
    if match:
        return Shard(int(match.group(1)), int(match.group(2)))
    if text.strip() != "auto":
        raise ShardError(f"--shard expects INDEX/TOTAL (e.g. 3/8) or 'auto', got '{text}'")
    if env.get("CI_NODE_INDEX") and env.get("CI_NODE_TOTAL"):
        return Shard(_int(env, "CI_NODE_INDEX"), _int(env, "CI_NODE_TOTAL"))
    if env.get("JOB_COMPLETION_INDEX"):
        count = total if total is not None else (_int(env, "SHOPPER_SHARD_TOTAL") if env.get("SHOPPER_SHARD_TOTAL") else None)
        if count is None:
            raise ShardError("JOB_COMPLETION_INDEX is set but not the total: give --shard-total or SHOPPER_SHARD_TOTAL")
        return Shard(_int(env, "JOB_COMPLETION_INDEX") + 1, count)
    raise ShardError(
        "--shard auto found neither CI_NODE_INDEX/CI_NODE_TOTAL (GitLab parallel) nor "
        "JOB_COMPLETION_INDEX (Kubernetes Indexed Job)"
    )


def _int(env: Mapping[str, str], name: str) -> int:
    try:
        return int(env[name])
    except ValueError:
        raise ShardError(f"{name} is not a number: '{env[name]}'") from None


@dataclass(frozen=True)
class ShardInfo:
    """``shard.json``: which shard a run folder holds, out of which plan."""

    shard: str
    audit: str
    all_keys: list[str]
    gate: dict[str, Any] = field(default_factory=dict)  # the audit's gate, judged after the merge

    def write(self, folder: Path) -> None:
        (folder / SHARD_FILE).write_text(json.dumps(asdict(self), indent=2, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def read(cls, folder: Path) -> ShardInfo | None:
        path = folder / SHARD_FILE
        if not path.is_file():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(str(data["shard"]), str(data["audit"]), list(data["all_keys"]), dict(data.get("gate") or {}))

    @property
    def parsed(self) -> Shard:
        return parse_shard(self.shard, {})
