"""The IMAP inbox against what real servers do, on a real dovecot.

The connection dropped in the middle of IDLE and in the middle of a fetch, the server
restarted mid-audit, a server without MOVE: every mail of a conversation reaches it exactly
once (nothing lost, nothing read twice), and a server without MOVE still gets handled mail
moved by COPY + STORE \\Deleted + UID EXPUNGE.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from email_helpers import imap_inbox, run

from servers.dovecot import Dovecot, running_dovecot
from shopper.probes.email import open_inbox
from shopper.probes.email.imap import ImapInbox
from shopper.probes.email.imap_client import ImapClient
from shopper.probes.email.inbox import Thread

WAIT_S = 20.0


def _mail(token: str, n: int) -> bytes:
    return (f"From: Harbor Support <support@harbor.test>\r\nTo: dana@shopper.test\r\n"
            f"Subject: Re: Withdrawal [#{token}] part {n}\r\n"
            f"Message-ID: <answer-{token}-{n}@harbor.test>\r\n\r\nAnswer number {n}.\r\n").encode()


async def _deliver(dovecot: Dovecot, login: str, raw: bytes) -> None:
    await asyncio.to_thread(dovecot.append, login, raw)


async def _next(thread: Thread) -> int:
    """The number of the next mail the conversation receives (bounded wait)."""
    received = await asyncio.wait_for(thread.queue.get(), WAIT_S)
    return int(str(received.message["Subject"]).rsplit(" ", 1)[1])


async def _until(condition: Any, what: str) -> None:
    """Wait for a condition of the watcher (checked every 10 ms, at most WAIT_S)."""
    loop = asyncio.get_running_loop()
    end = loop.time() + WAIT_S
    while not condition():
        if loop.time() > end:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.01)


def _drop(client: ImapClient) -> None:
    """Cut the TCP connection under the client, as a dead NAT or a server kill would."""
    assert client.conn is not None
    client.conn.sock.shutdown(socket.SHUT_RDWR)


def test_a_connection_dropped_mid_idle_loses_nothing_and_reads_nothing_twice(
    dovecot: Dovecot, mailbox: str
) -> None:
    async def body() -> None:
        async with open_inbox(imap_inbox(dovecot, mailbox)) as inbox:
            assert isinstance(inbox, ImapInbox)
            thread = inbox.register()
            await _deliver(dovecot, mailbox, _mail(thread.token, 1))
            assert await _next(thread) == 1
            first = inbox._client
            assert first is not None and first.supports_idle
            await _until(lambda: first._idle_tag is not None, "the watcher to IDLE")
            _drop(first)
            await _deliver(dovecot, mailbox, _mail(thread.token, 2))  # while it reconnects
            assert await _next(thread) == 2
            assert inbox._client is not first  # it did reconnect
            await _deliver(dovecot, mailbox, _mail(thread.token, 3))
            assert await _next(thread) == 3
            assert thread.queue.empty() and inbox.fetched == 3  # mail 1 was not read again

    run(body(), timeout=60)


def test_a_connection_dropped_mid_fetch_loses_nothing_and_reads_nothing_twice(
    dovecot: Dovecot, mailbox: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fetch_since = ImapClient.fetch_since
    dropped: list[int] = []

    def dropping_fetch(self: ImapClient, first_uid: int) -> Any:
        assert self.conn is not None
        uid = self.conn.uid

        def cut_before_the_first_fetch(command: str, *args: Any) -> Any:
            if command == "FETCH" and not dropped:
                dropped.append(first_uid)
                _drop(self)  # the search answered; the link dies before the body comes
            return uid(command, *args)

        self.conn.uid = cut_before_the_first_fetch  # type: ignore[method-assign]
        try:
            return fetch_since(self, first_uid)
        finally:
            if self.conn is not None:
                del self.conn.uid

    monkeypatch.setattr(ImapClient, "fetch_since", dropping_fetch)

    async def body() -> None:
        async with open_inbox(imap_inbox(dovecot, mailbox)) as inbox:
            assert isinstance(inbox, ImapInbox)
            thread = inbox.register()
            await _deliver(dovecot, mailbox, _mail(thread.token, 1))
            assert await _next(thread) == 1
            assert dropped  # the first attempt died mid-fetch; the mail came after the reconnect
            await _deliver(dovecot, mailbox, _mail(thread.token, 2))
            assert await _next(thread) == 2
            assert thread.queue.empty() and inbox.fetched == 2

    run(body(), timeout=60)


@pytest.fixture
def own_dovecot(dovecot: Dovecot) -> Iterator[Dovecot]:
    """A private dovecot this test may restart (the shared one serves the other tests)."""
    with running_dovecot(users=2) as server:
        yield server


def test_a_server_restart_mid_audit_loses_nothing_and_reads_nothing_twice(
    own_dovecot: Dovecot,
) -> None:
    server = own_dovecot
    login = server.add_user()

    async def body() -> None:
        async with open_inbox(imap_inbox(server, login)) as inbox:
            assert isinstance(inbox, ImapInbox)
            thread = inbox.register()
            await _deliver(server, login, _mail(thread.token, 1))
            assert await _next(thread) == 1
            before = inbox._client
            await asyncio.to_thread(server.restart)
            await _deliver(server, login, _mail(thread.token, 2))
            assert await _next(thread) == 2
            assert inbox._client is not before and inbox.error is None
            await _deliver(server, login, _mail(thread.token, 3))
            assert await _next(thread) == 3
            assert thread.queue.empty() and inbox.fetched == 3

    run(body(), timeout=90)


def test_a_server_without_move_gets_handled_mail_moved_by_copy_and_expunge(
    dovecot: Dovecot, mailbox: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    connect = ImapClient.connect
    commands: list[str] = []

    def connect_without_move(self: ImapClient) -> int:
        uidnext = connect(self)
        self.capabilities = self.capabilities - {"MOVE"}  # as a server without RFC 6851
        assert self.conn is not None
        uid = self.conn.uid

        def recording(command: str, *args: Any) -> Any:
            commands.append(command.upper())
            return uid(command, *args)

        self.conn.uid = recording  # type: ignore[method-assign]
        return uidnext

    monkeypatch.setattr(ImapClient, "connect", connect_without_move)
    other = (b"From: friend@else.test\r\nSubject: lunch\r\nMessage-ID: <lunch@else.test>\r\n\r\n"
             b"hi\r\n")

    async def body() -> None:
        settings = imap_inbox(dovecot, mailbox, move_handled_to="Handled")
        async with open_inbox(settings) as inbox:
            thread = inbox.register()
            await _deliver(dovecot, mailbox, other)
            await _deliver(dovecot, mailbox, _mail(thread.token, 1))
            assert await _next(thread) == 1

            def moved() -> bool:
                state = dovecot.snapshot(mailbox)
                return len(state.get("Handled", [])) == 1 and len(state["INBOX"]) == 1

            await _until(moved, "the handled mail to move")

    run(body(), timeout=60)
    assert "MOVE" not in commands and {"COPY", "STORE", "EXPUNGE"} <= set(commands)
    client = dovecot.connect(mailbox)
    client.select("INBOX", readonly=True)
    _, data = client.uid("FETCH", "1:*", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
    client.logout()
    assert b"lunch" in b"".join(p[1] for p in data if isinstance(p, tuple))  # others' mail stays
