"""A TCP proxy in front of a real IMAP server that can do what real networks and servers do.

Tests point the shopper's IMAP inbox at the proxy instead of dovecot, then: drop every live
connection (:meth:`ImapProxy.cut`), drop a connection the moment the client sends a given
command (:meth:`ImapProxy.cut_on`, e.g. mid-fetch), refuse connections for a while as a
restarting server does (:meth:`ImapProxy.down` / :meth:`ImapProxy.up`), or hide capabilities
the server offers (``hide``: a server without MOVE). Everything the client sent is recorded,
so tests wait on what the client did (an ``IDLE`` issued, a ``UID COPY`` sent) instead of
sleeping. Listens on 127.0.0.1, port 0; threads end when the proxy closes.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator

CHUNK = 65536


class ImapProxy:
    def __init__(self, upstream_port: int, *, hide: frozenset[bytes] = frozenset()) -> None:
        self.upstream_port = upstream_port
        self.hide = hide
        self.sent = bytearray()  # everything every client sent, in order
        self.connections = 0  # accepted and forwarded
        self.refused = 0  # accepted and closed while down (ours or the server's)
        self.cuts = 0
        self._cut_on: bytes | None = None
        self._down = False
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        self._changed = threading.Condition()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._closed = False
        threading.Thread(target=self._accept, name="imap-proxy", daemon=True).start()

    # -- what tests do -------------------------------------------------------------------

    def cut(self) -> None:
        """Drop every live connection, as a dead NAT entry or a crashed server would."""
        with self._changed:
            pairs, self._pairs = self._pairs, []
            self.cuts += len(pairs)
            self._changed.notify_all()
        for client, server in pairs:
            for sock in (client, server):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()

    def cut_on(self, command: bytes) -> None:
        """Drop the connection when a client next sends ``command`` (before it reaches the server)."""
        with self._changed:
            self._cut_on = command

    def down(self) -> None:
        """Refuse new connections (close them at once) until :meth:`up`: a restarting server."""
        with self._changed:
            self._down = True

    def up(self) -> None:
        with self._changed:
            self._down = False

    def wait_for(self, what: str, condition: object, timeout: float = 20.0) -> None:
        """Wait until ``condition()`` is true, else fail naming ``what``."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not condition():  # type: ignore[operator]
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"imap proxy: timed out waiting for {what}")
                self._changed.wait(left)

    def count(self, command: bytes) -> int:
        """How many times clients sent ``command`` (e.g. ``b" IDLE\\r\\n"``)."""
        return bytes(self.sent).count(command)

    def close(self) -> None:
        self._closed = True
        self._listener.close()
        self.cut()

    # -- forwarding ----------------------------------------------------------------------

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._changed:
                down = self._down
                self.refused += down
                self._changed.notify_all()
            if down:
                client.close()
                continue
            try:
                server = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=10)
            except OSError:  # the server itself is down (restarting): the client sees a drop
                with self._changed:
                    self.refused += 1
                    self._changed.notify_all()
                client.close()
                continue
            server.settimeout(None)
            with self._changed:
                self._pairs.append((client, server))
                self.connections += 1
                self._changed.notify_all()
            threading.Thread(target=self._upstream, args=(client, server), daemon=True).start()
            threading.Thread(target=self._downstream, args=(server, client), daemon=True).start()

    def _upstream(self, client: socket.socket, server: socket.socket) -> None:
        for data in _chunks(client):
            with self._changed:
                trigger = self._cut_on
                hit = trigger is not None and trigger in data
                if hit:
                    self._cut_on = None
                    self.cuts += 1
                else:
                    self.sent += data
                self._changed.notify_all()
            if hit:
                self._drop(client, server)
                return
            with contextlib.suppress(OSError):
                server.sendall(data)
        self._drop(client, server)

    def _downstream(self, server: socket.socket, client: socket.socket) -> None:
        pending = b""
        for data in _chunks(server):
            pending += data
            lines = pending.split(b"\r\n")
            pending = lines.pop()  # an unfinished line waits for the rest
            out = b"".join(self._rewrite(line) + b"\r\n" for line in lines)
            with contextlib.suppress(OSError):
                client.sendall(out)
        self._drop(client, server)

    def _rewrite(self, line: bytes) -> bytes:
        if b"CAPABILITY" not in line:
            return line
        for capability in self.hide:
            line = line.replace(b" " + capability + b" ", b" ").replace(b" " + capability + b"]", b"]")
            if line.endswith(b" " + capability):
                line = line[: -len(capability) - 1]
        return line

    def _drop(self, client: socket.socket, server: socket.socket) -> None:
        with self._changed:
            if (client, server) in self._pairs:
                self._pairs.remove((client, server))
            self._changed.notify_all()
        for sock in (client, server):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()


def _chunks(sock: socket.socket) -> Iterator[bytes]:
    while True:
        try:
            data = sock.recv(CHUNK)
        except OSError:
            return
        if not data:
            return
        yield data
