"""Real chat-widget bundles from npm, fetched at test set-up and checked by hash.

Nothing downloaded is committed: ``npm pack NAME@VERSION`` writes the tarball
into a cache directory (``SHOPPER_WIDGET_CACHE`` or ``~/.cache/shopper/widgets``),
its sha256 must match the pinned value, and it is extracted beside it. When npm
is missing or the registry is unreachable, :func:`bundle` skips the test with
one line saying which package and why.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tarfile
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiohttp import web

NPM_TIMEOUT_S = 120


@dataclass(frozen=True)
class Bundle:
    """One pinned npm package: where its browser build sits inside the tarball."""

    name: str
    version: str
    sha256: str
    entry: str  # path of the browser script, relative to the package root

    @property
    def tarball_name(self) -> str:
        return f"{self.name.lstrip('@').replace('/', '-')}-{self.version}.tgz"


BUNDLES: dict[str, Bundle] = {
    "deep-chat": Bundle(
        "deep-chat",
        "2.1.1",
        "40cbb3310659e3f2b5b56a8d5ecd77da9521ffed86d9793b53203a87805d2a67",
        "dist/deepChat.bundle.js",
    ),
    "n8n-chat": Bundle(
        "@n8n/chat",
        "0.27.1",
        "29b704b3fc4ffff6ed121ee1946a0a576e7dcf66f442766953abf3986385b562",
        "dist/chat.bundle.es.js",
    ),
    "flowise-embed": Bundle(
        "flowise-embed",
        "3.0.3",
        "8168829cae65f8599b9e839df06633df7f213dafef347a44258250e53bceeea2",
        "dist/web.js",
    ),
    "ms-webchat": Bundle(
        "botframework-webchat",
        "4.18.1",
        "64247186a977768d3536e6eef61cf1d6077a3b8e9c491cc3292422f6bf8d62c6",
        "dist/webchat.js",
    ),
    "rasa-webchat": Bundle(
        "rasa-webchat",
        "1.0.1",
        "cd2a8ee5211df95c626fc78bcf9d7d3a50368eacd43c7154476d29e519d42685",
        "lib/index.js",
    ),
}


def cache_dir() -> Path:
    configured = os.environ.get("SHOPPER_WIDGET_CACHE")
    root = Path(configured) if configured else Path.home() / ".cache" / "shopper" / "widgets"
    root.mkdir(parents=True, exist_ok=True)
    return root


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _pack(bundle: Bundle, into: Path) -> Path:
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip(f"widget bundle {bundle.name}@{bundle.version}: npm is not installed")
    try:
        subprocess.run(
            [npm, "pack", f"{bundle.name}@{bundle.version}", "--pack-destination", str(into)],
            check=True,
            capture_output=True,
            text=True,
            timeout=NPM_TIMEOUT_S,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        pytest.skip(f"widget bundle {bundle.name}@{bundle.version}: npm pack failed ({error})")
    return into / bundle.tarball_name


def bundle(key: str) -> Path:
    """Return the extracted package root of ``BUNDLES[key]``, fetching it once."""
    spec = BUNDLES[key]
    root = cache_dir()
    extracted = root / f"{spec.tarball_name}.d"
    tarball = root / spec.tarball_name
    if not tarball.exists():
        tarball = _pack(spec, root)
    digest = _sha256(tarball)
    if digest != spec.sha256:
        tarball.unlink()
        raise AssertionError(f"{tarball}: sha256 {digest} does not match the pinned {spec.sha256}")
    if not (extracted / "package" / spec.entry).exists():
        shutil.rmtree(extracted, ignore_errors=True)
        with tarfile.open(tarball) as archive:
            archive.extractall(extracted, filter="data")
    return extracted / "package"


def package_files(roots: Mapping[str, Path]) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    """An aiohttp handler for ``/pkg/{package}/{path:.+}``: a file of an unpacked bundle, and
    nothing outside its folder."""

    async def handler(request: web.Request) -> web.StreamResponse:
        root = roots.get(request.match_info["package"])
        if root is None:
            raise web.HTTPNotFound()
        path = (root / request.match_info["path"]).resolve()
        if not path.is_relative_to(root.resolve()) or not path.is_file():
            raise web.HTTPNotFound()
        return web.FileResponse(path)

    return handler
