"""The mailbox connection survives what real servers do: a real dovecot behind a cutting proxy.

The shopper's IMAP inbox talks to dovecot through :class:`servers.imap_proxy.ImapProxy`,
which drops the connection mid-IDLE or mid-fetch, refuses connections for a while as a
restarting server does, or hides MOVE; and dovecot itself is stopped and started again. In every case each mail reaches its conversation
exactly once: nothing lost, nothing read twice.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from email_desk import ScriptedDesk, imap_deliverer, reply_to
from email_helpers import context, imap_inbox, run, target

from servers.dovecot import Dovecot
from servers.imap_proxy import ImapProxy
from shopper.probes.email import EmailSession, ImapInbox
from shopper.probes.email.inbox import Thread

pytestmark = pytest.mark.mail

IDLE = b" IDLE\r\n"
SETTLE_S = 1.0  # how long a second copy would have to show up (the inbox polls every 0.2 s)


@pytest.fixture
def proxy(dovecot: Dovecot) -> Iterator[ImapProxy]:
    proxy = ImapProxy(dovecot.port)
    yield proxy
    proxy.close()


def _mail(thread: Thread, number: int) -> bytes:
    message = EmailMessage()
    message["From"], message["To"] = "support@harbor.test", "dana@shopper.test"
    message["Subject"] = f"Re: Withdrawal [#{thread.token}] part {number}"
    message.set_content(f"Answer number {number}.")
    return message.as_bytes()


async def _next(thread: Thread) -> str:
    received = await asyncio.wait_for(thread.queue.get(), 30)
    return str(received.message["Subject"]).split()[-1]


async def _nothing_more(thread: Thread) -> None:
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(thread.queue.get(), SETTLE_S)


async def _idling(proxy: ImapProxy, after: int) -> None:
    """Wait until the inbox has issued IDLE more than ``after`` times (it is waiting for news)."""
    await asyncio.to_thread(proxy.wait_for, "the inbox to IDLE", lambda: proxy.count(IDLE) > after)


def _inbox(dovecot: Dovecot, mailbox: str, proxy: ImapProxy, **overrides: object) -> ImapInbox:
    settings = imap_inbox(dovecot, mailbox, port=proxy.port, **overrides).imap
    assert settings is not None
    return ImapInbox(settings)


def test_a_connection_dropped_mid_idle_loses_nothing_and_reads_nothing_twice(
    dovecot: Dovecot, mailbox: str, proxy: ImapProxy
) -> None:
    async def body() -> None:
        inbox = _inbox(dovecot, mailbox, proxy)
        await inbox.start()
        try:
            thread = inbox.register()
            await _idling(proxy, 0)
            idles = proxy.count(IDLE)
            dovecot.append(mailbox, _mail(thread, 1))
            assert await _next(thread) == "1"
            await _idling(proxy, idles)  # back in IDLE after reading mail 1
            proxy.cut()
            dovecot.append(mailbox, _mail(thread, 2))  # arrives while the link is down
            assert await _next(thread) == "2"
            await _nothing_more(thread)
            assert proxy.connections == 2 and inbox.fetched == 2 and inbox.error is None
        finally:
            await inbox.stop()

    run(body())


def test_a_connection_dropped_mid_fetch_reads_the_mail_once_after_reconnecting(
    dovecot: Dovecot, mailbox: str, proxy: ImapProxy
) -> None:
    async def body() -> None:
        inbox = _inbox(dovecot, mailbox, proxy)
        await inbox.start()
        try:
            thread = inbox.register()
            await _idling(proxy, 0)
            proxy.cut_on(b"UID FETCH")
            dovecot.append(mailbox, _mail(thread, 1))
            assert await _next(thread) == "1"
            await _nothing_more(thread)
            assert proxy.cuts == 1 and proxy.connections == 2 and inbox.fetched == 1
        finally:
            await inbox.stop()

    run(body())


def test_a_server_restart_mid_audit_loses_nothing(
    dovecot: Dovecot, mailbox: str, proxy: ImapProxy
) -> None:
    async def body() -> None:
        inbox = _inbox(dovecot, mailbox, proxy)
        await inbox.start()
        try:
            thread = inbox.register()
            await _idling(proxy, 0)
            proxy.down()
            proxy.cut()
            dovecot.append(mailbox, _mail(thread, 1))  # delivered while the server is "down"
            await asyncio.to_thread(proxy.wait_for, "a refused reconnect", lambda: proxy.refused >= 1)
            proxy.up()
            assert await _next(thread) == "1"
            await _nothing_more(thread)
            assert proxy.connections == 2 and inbox.fetched == 1 and inbox.error is None
        finally:
            await inbox.stop()

    run(body())


def test_a_real_dovecot_restart_mid_audit_loses_nothing_and_reads_nothing_twice(
    dovecot: Dovecot, mailbox: str, proxy: ImapProxy
) -> None:
    async def body() -> None:
        inbox = _inbox(dovecot, mailbox, proxy)
        await inbox.start()
        try:
            thread = inbox.register()
            await _idling(proxy, 0)
            idles = proxy.count(IDLE)
            dovecot.append(mailbox, _mail(thread, 1))
            assert await _next(thread) == "1"
            await _idling(proxy, idles)
            await asyncio.to_thread(dovecot.stop)
            await asyncio.to_thread(proxy.wait_for, "a reconnect while dovecot is down",
                                    lambda: proxy.refused >= 1)
            await asyncio.to_thread(dovecot.start)
            dovecot.append(mailbox, _mail(thread, 2))
            assert await _next(thread) == "2"
            await _nothing_more(thread)
            assert inbox.fetched == 2 and inbox.error is None and proxy.connections >= 2
        finally:
            await inbox.stop()

    run(body(), timeout=90)


def test_a_server_without_move_copies_deletes_and_expunges(
    dovecot: Dovecot, mailbox: str, tmp_path: Path
) -> None:
    proxy = ImapProxy(dovecot.port, hide=frozenset({b"MOVE"}))

    def script(message: EmailMessage, count: int) -> list[EmailMessage]:
        stranger = EmailMessage()
        stranger["From"], stranger["Subject"] = "news@else.test", "Newsletter"
        stranger.set_content("unrelated")
        return [stranger, reply_to(message, "Done.")]

    async def body() -> list[str]:
        async with ScriptedDesk(script, imap_deliverer(dovecot, mailbox)) as desk:
            t = target(desk.port, imap_inbox(dovecot, mailbox, port=proxy.port,
                                             move_handled_to="Handled"))
            assert t.inbox.imap is not None
            inbox = ImapInbox(t.inbox.imap)
            await inbox.start()
            try:
                session = EmailSession(t, inbox, context(tmp_path))
                await session.open()
                await session.say("Hello", subject="Move me")
                turns = await session.await_reply(within_s=15, settle_s=0.2)
                await asyncio.to_thread(proxy.wait_for, "the expunge",
                                        lambda: proxy.count(b"UID EXPUNGE") >= 1)
                await session.close(failed=False)
            finally:
                await inbox.stop()
        return [t.text for t in turns]

    try:
        assert run(body()) == ["Done."]
    finally:
        proxy.close()
    assert proxy.count(b"UID MOVE") == 0 and proxy.count(b"UID COPY") == 1
    after = dovecot.snapshot(mailbox)
    assert sorted(after) == ["Handled", "INBOX"]
    assert len(after["Handled"]) == 1 and len(after["INBOX"]) == 1  # the newsletter stays
    assert all("Deleted" not in flags for _, flags in after["INBOX"])
