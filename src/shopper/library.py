"""Where the shipped YAML library (audits, scenarios, probes, scoring) lives.

In a wheel it is packaged as ``shopper/_library``; in a source checkout it is the repository's
top level, so the files a developer edits are the files that run.
"""

from __future__ import annotations

from pathlib import Path

LIBRARY_FOLDERS = ("audits", "scenarios", "probes", "scoring")


def library_root() -> Path:
    packaged = Path(__file__).parent / "_library"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2]
