"""A throw-away Dovecot IMAP server for tests: loopback only, temp dirs, plain passwords.

Debian's ``dovecot-imapd`` is started in the foreground (``dovecot -F``) with a generated
configuration: a passwd-file user/pass database, maildirs under a temp dir, plain IMAP on one
high loopback port and implicit TLS (self-signed certificate made with the ``openssl`` CLI) on
another; STARTTLS is offered on the plain port. :meth:`Dovecot.add_user` gives each test a
fresh mailbox (from a pool written before the start). Dovecot cannot listen on port 0, so a
free port is picked first and the start is
retried on the rare race.
"""

from __future__ import annotations

import contextlib
import hashlib
import imaplib
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

LIST_LINE = re.compile(r'\((?P<flags>[^)]*)\) (?:"[^"]*"|NIL) (?P<name>.+)$')
DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"

CONFIG = """\
base_dir = {base}/run
state_dir = {base}/state
instance_name = shopper-test-{name}
log_path = {base}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{base}/cert.pem
ssl_key = <{base}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
mail_location = maildir:{mail}/%u
first_valid_uid = 1
default_login_user = {login_user}
default_internal_user = {internal_user}
mail_privileged_group =
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {base}/users
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {base}/users
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service imap-login {{
  chroot =
}}
"""


def free_port() -> int:
    """A port the kernel considers free right now (dovecot cannot bind port 0 itself)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_for_port(port: int, proc: subprocess.Popen[bytes], deadline_s: float) -> bool:
    """True once the port accepts connections; False if dovecot exited or time ran out."""
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if proc.poll() is not None:
            return False
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return True
        time.sleep(0.02)  # polling interval of a bounded condition wait, not a synchronisation
    return False


@dataclass
class Dovecot:
    """A running throw-away dovecot; use :func:`running_dovecot`."""

    base: Path
    mail: Path
    port: int
    tls_port: int
    cert: Path
    uid: int
    gid: int
    proc: subprocess.Popen[bytes] | None = None
    users: dict[str, str] = field(default_factory=dict)
    pool: list[str] = field(default_factory=list)

    def add_user(self) -> str:
        """A fresh user with an empty INBOX (its password in ``users``); returns its login.

        Users are written before dovecot starts (a pool of ``users``): dovecot's passwd-file
        reload is keyed on the file's mtime, too coarse for users added a moment apart.
        """
        if not self.pool:
            raise RuntimeError("the dovecot user pool is exhausted: raise running_dovecot(users=)")
        login = self.pool.pop(0)
        self.users[login] = password_of(login)
        return login

    def connect(self, login: str) -> imaplib.IMAP4:
        """A plain IMAP client logged in as ``login`` (test-side inspection and delivery)."""
        client = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        client.login(login, self.users[login])
        return client

    def append(self, login: str, raw: bytes, folder: str = "INBOX") -> None:
        """Deliver one message into a user's folder (what an MTA + LDA would do)."""
        client = self.connect(login)
        try:
            status, data = client.append(folder, "", None, raw)
            if status != "OK":
                raise RuntimeError(f"APPEND failed: {data!r}")
        finally:
            client.logout()

    def restart(self) -> None:
        """Stop the server and every process it started (its IMAP sessions too, which dovecot
        otherwise lets finish), then start it again on the same ports: a crash or a reboot."""
        if self.proc is not None:
            children = _descendants(self.proc.pid)
            _stop(self.proc)
            self.proc = None
            for pid in children:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        proc = subprocess.Popen([DOVECOT, "-F", "-c", str(self.base / "dovecot.conf")],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if not _wait_for_port(self.port, proc, 15):
            _stop(proc)
            raise RuntimeError("dovecot did not come back after a restart")
        self.proc = proc

    def snapshot(self, login: str) -> dict[str, list[tuple[int, str]]]:
        """Every folder with (uid, flags) of every message, read without changing anything."""
        client = self.connect(login)
        try:
            _, listing = client.list()
            folders = sorted(
                LIST_LINE.match(line.decode()).group("name").strip('"')  # type: ignore[union-attr]
                for line in listing
                if isinstance(line, bytes)
            )
            state: dict[str, list[tuple[int, str]]] = {}
            for folder in folders:
                client.select(f'"{folder}"', readonly=True)
                _, data = client.uid("FETCH", "1:*", "(FLAGS)")
                rows = [item for item in data if isinstance(item, bytes)]
                state[folder] = sorted(
                    (int(row.split(b"UID ")[1].split()[0].rstrip(b")")), row.decode())
                    for row in rows
                )
            return state
        finally:
            client.logout()


def password_of(login: str) -> str:
    """A user's password: distinctive, so redacting it never rewrites ordinary words ("secret")."""
    return "imap-" + hashlib.sha256(login.encode()).hexdigest()[:12]


def _users_for_privileges() -> tuple[str, str, int, int]:
    """(login user, internal user, mail uid, mail gid): root drops to system users."""
    if os.geteuid() != 0:
        me = pwd.getpwuid(os.geteuid())
        return me.pw_name, me.pw_name, me.pw_uid, me.pw_gid
    nobody = pwd.getpwnam("nobody")
    login = "dovenull" if _has_user("dovenull") else "nobody"
    internal = "dovecot" if _has_user("dovecot") else "nobody"
    return login, internal, nobody.pw_uid, nobody.pw_gid


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _make_cert(base: Path) -> Path:
    cert = base / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(base / "key.pem"), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )
    return cert


@contextlib.contextmanager
def running_dovecot(users: int = 50, attempts: int = 3) -> Iterator[Dovecot]:
    """Start dovecot on free loopback ports; stop it and remove every temp dir after."""
    base = Path(tempfile.mkdtemp(prefix="shopper-dovecot-"))
    mail = Path(tempfile.mkdtemp(prefix="shopper-dovecot-mail-"))
    login_user, internal_user, uid, gid = _users_for_privileges()
    os.chown(mail, uid, gid)
    base.chmod(0o755)  # the auth process (an unprivileged user) reads the passwd-file
    server = Dovecot(base=base, mail=mail, port=0, tls_port=0, cert=_make_cert(base),
                     uid=uid, gid=gid)
    server.pool = [f"user{n:03d}@shopper.test" for n in range(users)]
    (base / "users").write_text("".join(
        f"{login}:{{PLAIN}}{password_of(login)}:{uid}:{gid}::{mail}/{login}\n" for login in server.pool
    ), encoding="utf-8")
    try:
        for _ in range(attempts):
            server.port, server.tls_port = free_port(), free_port()
            conf = base / "dovecot.conf"
            conf.write_text(CONFIG.format(
                base=base, mail=mail, name=base.name, port=server.port,
                tls_port=server.tls_port, login_user=login_user, internal_user=internal_user,
            ), encoding="utf-8")
            proc = subprocess.Popen([DOVECOT, "-F", "-c", str(conf)],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            if _wait_for_port(server.port, proc, 15) and _wait_for_port(
                server.tls_port, proc, 5
            ):
                server.proc = proc
                break
            _stop(proc)
        else:
            log = (base / "dovecot.log").read_text(errors="replace") if (
                base / "dovecot.log").exists() else ""
            raise RuntimeError(f"dovecot did not start: {log[-2000:]}")
        yield server
    finally:
        if server.proc is not None:
            _stop(server.proc)
        shutil.rmtree(base, ignore_errors=True)
        shutil.rmtree(mail, ignore_errors=True)


def _descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (read from /proc: ours only, never matched by name)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
    found: list[int] = []
    frontier = [pid]
    while frontier:
        parent = frontier.pop()
        children = [child for child, ppid in parents.items() if ppid == parent]
        found.extend(children)
        frontier.extend(children)
    return found


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
    if proc.stderr is not None:
        proc.stderr.close()
