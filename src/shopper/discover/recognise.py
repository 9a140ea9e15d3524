"""Known widgets, recognised by the ``recognise:`` block of the presets in ``probes/``.

The catalogue is the presets themselves (shipped ones, then the project's own ``probes/``), so
a team that writes a preset for its vendor teaches ``shopper discover`` to know it too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from shopper.discover.page import FrameScan, PageScan
from shopper.library import library_root
from shopper.loader import load_file, yaml_files
from shopper.probes.preset import WidgetPreset


@dataclass(frozen=True)
class Recognised:
    preset: WidgetPreset
    evidence: str  # what gave it away: a script URL or a selector, and where
    frame: FrameScan | None  # the frame the markup was seen in (None: a script URL)


def catalogue(project: Path | None, env: Mapping[str, str]) -> dict[str, WidgetPreset]:
    """Every preset with a ``recognise:`` block; the project's own win over shipped ones.

    A preset file that does not load is skipped here: ``shopper validate`` reports it.
    """
    found: dict[str, WidgetPreset] = {}
    folders = [library_root() / "probes"] + ([project / "probes"] if project is not None else [])
    for folder in folders:
        if not folder.is_dir():
            continue
        files, _ = yaml_files([folder])
        for file in files:
            loaded, _problems = load_file(file, env)
            if loaded is not None and isinstance(loaded.model, WidgetPreset) and loaded.model.recognise:
                found[loaded.model.preset] = loaded.model
    return found


async def recognise(scan: PageScan, presets: Mapping[str, WidgetPreset]) -> list[Recognised]:
    """The presets whose signs show in the page, markup in a frame first, then script URLs."""
    urls = scan.scripts + [i.get("src", "") for f in scan.frames for i in f.data["iframes"]] + \
        [f.data.get("url", "") for f in scan.frames[1:]]  # fmt: skip
    hits: list[Recognised] = []
    for preset in presets.values():
        signs = preset.recognise
        assert signs is not None  # catalogue() keeps only presets with one
        hit: Recognised | None = None
        for frame in scan.frames:
            for selector in signs.markup:
                if int(await frame.call("matches", selector)) > 0:
                    hit = Recognised(preset, f"markup {selector} in {frame.where}", frame)
                    break
            if hit:
                break
        if hit is None:
            for pattern in signs.scripts:
                url = next((u for u in urls if u and re.search(pattern, u)), None)
                if url is not None:
                    hit = Recognised(preset, f"script {url}", None)
                    break
        if hit is not None:
            hits.append(hit)
    return hits


def closest(hits: list[Recognised], composer_frame: FrameScan | None) -> Recognised | None:
    """The recognised widget that holds the composer (its markup is in that frame), else the first."""
    for hit in hits:
        if composer_frame is not None and hit.frame is composer_frame:
            return hit
    return hits[0] if hits else None
