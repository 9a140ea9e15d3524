"""The blocking half of the IMAP inbox: one imaplib connection, driven from a worker thread.

Python's imaplib is mature, typed in typeshed and handles TLS and STARTTLS; what it lacks
before 3.14 is IDLE, which is a few lines here (RFC 2177): send ``IDLE``, wait for any
untagged line, send ``DONE``. The folder is opened with ``EXAMINE`` (read-only, so not even
``\\Recent`` changes) unless the audit asked to move handled mail; messages are fetched with
``BODY.PEEK[]``, which never sets ``\\Seen``.
"""

from __future__ import annotations

import imaplib
import logging
import re
import ssl
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from shopper.probes.email.clock import datetime_ms
from shopper.probes.email.config import ImapSettings

log = logging.getLogger(__name__)

COMMAND_TIMEOUT_S = 30.0
UID_IN_FETCH = re.compile(rb"\bUID (\d+)")
INTERNALDATE = re.compile(
    rb'INTERNALDATE "\s?(\d{1,2})-(\w{3})-(\d{4}) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)"'
)
MONTHS = {m: i for i, m in enumerate(
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], 1)}


class LoginRefused(Exception):
    """The server refused the credentials: permanent, never retried."""


@dataclass(frozen=True)
class Fetched:
    uid: int
    internaldate_ms: float
    raw: bytes


def internaldate_ms(fetch_head: bytes) -> float | None:
    """Epoch ms of the ``INTERNALDATE "01-Jan-2024 10:00:00 +0000"`` in a FETCH response."""
    match = INTERNALDATE.search(fetch_head)
    if match is None:
        return None
    day, month, year, hh, mm, ss, sign, zh, zm = match.groups()
    offset = timedelta(hours=int(zh), minutes=int(zm)) * (-1 if sign == b"-" else 1)
    moment = datetime(int(year), MONTHS[month.decode().title()], int(day), int(hh), int(mm),
                      int(ss), tzinfo=timezone(offset))
    return datetime_ms(moment)


def _quote(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


class ImapClient:
    """One connection; every method blocks and is called through ``asyncio.to_thread``."""

    def __init__(
        self, settings: ImapSettings, context: ssl.SSLContext | None, idle_timeout_s: float
    ) -> None:
        self.settings = settings
        self.context = context
        self.idle_timeout_s = idle_timeout_s  # silence allowed in IDLE before the link is dead
        self.conn: imaplib.IMAP4 | None = None
        self.capabilities: frozenset[str] = frozenset()
        self.uidvalidity: int | None = None
        self._idle_tag: bytes | None = None
        self._done_sent = False
        self._done_early = False  # done() came before idle() started: skip that IDLE
        self._lock = threading.Lock()

    def connect(self) -> int:
        """Connect, log in, open the folder; returns UIDNEXT (the first UID not yet seen)."""
        s = self.settings
        timeout = COMMAND_TIMEOUT_S
        if s.security == "tls":
            context = self.context or ssl.create_default_context()
            conn: imaplib.IMAP4 = imaplib.IMAP4_SSL(
                s.host, s.port, ssl_context=context, timeout=timeout
            )
        else:
            conn = imaplib.IMAP4(s.host, s.port, timeout=timeout)
            if s.security == "starttls":
                conn.starttls(ssl_context=self.context or ssl.create_default_context())
        try:
            conn.login(s.username, s.password.get_secret_value())
        except imaplib.IMAP4.error as exc:
            conn.shutdown()
            raise LoginRefused(str(exc.args[0] if exc.args else exc)) from exc
        self.conn = conn
        _, caps = conn.capability()  # after login: servers add MOVE, UIDPLUS, ... only now
        listed = caps[-1].decode().split() if caps and isinstance(caps[-1], bytes) else []
        self.capabilities = frozenset(c.upper() for c in [*conn.capabilities, *listed])
        readonly = s.move_handled_to is None
        status, data = conn.select(_quote(s.folder), readonly=readonly)
        if status != "OK":
            raise imaplib.IMAP4.error(f"cannot open folder {s.folder!r}: {data!r}")
        self.uidvalidity = self._response_int("UIDVALIDITY")
        uidnext = self._response_int("UIDNEXT")
        return uidnext if uidnext is not None else self._max_uid() + 1

    def _response_int(self, name: str) -> int | None:
        assert self.conn is not None
        _, values = self.conn.response(name)
        for value in values or []:
            if isinstance(value, bytes) and value.strip().isdigit():
                return int(value)
        return None

    def _max_uid(self) -> int:
        assert self.conn is not None
        _, data = self.conn.uid("SEARCH", "ALL")
        uids = [int(u) for u in (data[0] or b"").split()] if data else []
        return max(uids, default=0)

    @property
    def supports_idle(self) -> bool:
        return "IDLE" in self.capabilities

    def fetch_since(self, first_uid: int) -> list[Fetched]:
        """Every message with UID >= ``first_uid``, fetched without setting any flag."""
        assert self.conn is not None
        self.conn.noop()  # lets the server report new messages before the search
        _, data = self.conn.uid("SEARCH", f"UID {first_uid}:*")
        uids = sorted(u for u in (int(x) for x in (data[0] or b"").split()) if u >= first_uid)
        found: list[Fetched] = []
        for uid in uids:
            _, parts = self.conn.uid("FETCH", str(uid), "(UID INTERNALDATE BODY.PEEK[])")
            for part in parts:
                if not isinstance(part, tuple):
                    continue
                head, raw = part
                ms = internaldate_ms(head)
                if ms is None:
                    log.warning("imap uid %d: no INTERNALDATE in %r", uid, head[:200])
                    continue
                match = UID_IN_FETCH.search(head)
                found.append(Fetched(uid=int(match.group(1)) if match else uid,
                                     internaldate_ms=ms, raw=raw))
        return found

    def idle(self) -> bool:
        """Wait in IDLE until the server reports something or :meth:`done` is called.

        Returns True when the server pushed news (new mail may be there).
        """
        assert self.conn is not None
        conn = self.conn
        with self._lock:
            if self._done_early:
                self._done_early = False
                return False
            tag = conn._new_tag()
            conn.send(tag + b" IDLE\r\n")
            self._idle_tag, self._done_sent = tag, False
        conn.sock.settimeout(self.idle_timeout_s)
        try:
            first = conn.readline()
            if not first.startswith(b"+"):
                raise imaplib.IMAP4.abort(f"IDLE refused: {first!r}")
            pushed = False
            while True:
                line = conn.readline()
                if not line:
                    raise imaplib.IMAP4.abort("connection closed during IDLE")
                if line.startswith(tag):
                    return pushed
                if line.startswith(b"*") and not line.startswith(b"* OK"):
                    pushed = True
                    self.done()
        finally:
            with self._lock:
                self._idle_tag = None
            conn.sock.settimeout(COMMAND_TIMEOUT_S)

    def done(self) -> None:
        """End an IDLE (from any thread); a no-op when not idling or already ended."""
        with self._lock:
            if self._idle_tag is None:
                self._done_early = True
                return
            if self.conn is None or self._done_sent:
                return
            self._done_sent = True
            self.conn.send(b"DONE\r\n")

    def move(self, uids: list[int], folder: str) -> None:
        """Move handled messages (only when the audit asked for it)."""
        assert self.conn is not None
        self.conn.create(_quote(folder))  # NO when it exists: fine
        uid_set = ",".join(str(u) for u in uids)
        if "MOVE" in self.capabilities:
            self.conn.uid("MOVE", uid_set, _quote(folder))
            return
        self.conn.uid("COPY", uid_set, _quote(folder))
        self.conn.uid("STORE", uid_set, "+FLAGS.SILENT", r"(\Deleted)")
        if "UIDPLUS" in self.capabilities:
            self.conn.uid("EXPUNGE", uid_set)

    def close(self) -> None:
        conn, self.conn = self.conn, None
        if conn is None:
            return
        try:
            conn.logout()
        except (OSError, imaplib.IMAP4.error):
            conn.shutdown()
