"""`shopper discover` says in one line what went wrong: an unreachable URL, no widget, a launcher
that opens nothing, a --click text that names nothing. Each exits 3 with no traceback."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from discover_helpers import discover

from chat.chat_helpers import serve_html

pytestmark = pytest.mark.browser

NO_CHAT = "<!doctype html><title>About</title><h1>About us</h1><p>We sell coins.</p><a href='/faq'>FAQ</a>"
DEAD_LAUNCHER = ("<!doctype html><title>Shop</title><h1>Shop</h1>"
                 "<button id='chat-button' style='position:fixed;right:16px;bottom:16px'>Chat with us</button>")  # fmt: skip


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def _one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def test_unreachable_url(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{_closed_port()}/support"
    found = discover(url, tmp_path, "--timeout", "5")
    assert found.process.returncode == 3
    line = _one_line(found.process.stderr)
    assert line.startswith(f"shopper discover: {url}: unreachable"), line
    assert not found.audit.exists()


def test_page_without_a_widget(tmp_path: Path) -> None:
    with serve_html(NO_CHAT) as url:
        found = discover(url, tmp_path, "--timeout", "5")
    assert found.process.returncode == 3
    line = _one_line(found.process.stderr)
    assert "no chat widget found" in line and "--click TEXT" in line, line


def test_launcher_that_opens_nothing(tmp_path: Path) -> None:
    with serve_html(DEAD_LAUNCHER) as url:
        found = discover(url, tmp_path, "--timeout", "3")
    assert found.process.returncode == 3
    line = _one_line(found.process.stderr)
    assert "the launcher 'button#chat-button' opened nothing" in line, line


def test_click_text_that_names_nothing(tmp_path: Path) -> None:
    with serve_html(DEAD_LAUNCHER) as url:
        found = discover(url, tmp_path, "--click", "Talk to sales", "--timeout", "3")
    assert found.process.returncode == 3
    assert "--click 'Talk to sales': no visible button or link with that text" in _one_line(found.process.stderr)
