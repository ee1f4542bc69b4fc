"""A throw-away Dovecot IMAP server for one test: its own config, TLS certificate,
mailbox and free ports in a temp dir; started in the foreground, stopped after.

Nothing is installed here: ``dovecot-imapd`` must be on the machine (CI installs it).
"""

from __future__ import annotations

import imaplib
import os
import pwd
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
USER, PASSWORD = "support", "imap-secret-1"


def dovecot_missing() -> str | None:
    return (
        None
        if Path(DOVECOT).exists()
        else "dovecot is not installed (apt-get install dovecot-imapd)"
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Dovecot:
    host: str
    imaps_port: int
    imap_port: int  # plain port: STARTTLS required before login
    cafile: Path
    user: str = USER
    password: str = PASSWORD

    def client(self) -> imaplib.IMAP4_SSL:
        context = ssl.create_default_context(cafile=str(self.cafile))
        conn = imaplib.IMAP4_SSL(self.host, self.imaps_port, ssl_context=context, timeout=10)
        conn.login(self.user, self.password)
        return conn

    def append(self, raw: bytes, folder: str = "INBOX") -> None:
        """Deliver a mail the way a mail server's delivery agent would: IMAP APPEND."""
        conn = self.client()
        try:
            status, _ = conn.append(folder, None, None, raw)
            assert status == "OK", status
        finally:
            conn.logout()

    def count(self, folder: str) -> int:
        conn = self.client()
        try:
            status, data = conn.select(f'"{folder}"', readonly=True)
            return int(data[0] or 0) if status == "OK" else 0
        finally:
            conn.logout()


def _certificate(where: Path) -> tuple[Path, Path]:
    cert, key = where / "cert.pem", where / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@contextmanager
def dovecot(tmp: Path) -> Iterator[Dovecot]:
    tmp.mkdir(parents=True, exist_ok=True)
    cert, key = _certificate(tmp)
    # Dovecot never runs mail processes as root: as root, hand the mailbox to "nobody".
    me = pwd.getpwuid(os.geteuid())
    mail_user = pwd.getpwnam("nobody") if me.pw_uid == 0 else me
    # The mail user must reach its home: a folder of its own outside the (0700) test dir.
    home = Path(tempfile.mkdtemp(prefix="supportdesk-imap-"))
    home.chmod(0o711)
    os.chown(home, mail_user.pw_uid, mail_user.pw_gid)
    internal = "dovecot" if me.pw_uid == 0 else me.pw_name
    login = "dovenull" if me.pw_uid == 0 else me.pw_name
    # Dovecot's UNIX sockets live in base_dir: a short path (sun_path holds 108 bytes;
    # pytest's per-test folders under xdist are longer than that).
    run = Path(tempfile.mkdtemp(prefix="sd-dovecot-"))
    imaps_port, imap_port = _free_port(), _free_port()
    config = tmp / "dovecot.conf"
    config.write_text(
        f"""
base_dir = {run}
state_dir = {tmp}/state
log_path = {tmp}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <{cert}
ssl_key = <{key}
disable_plaintext_auth = yes
auth_mechanisms = plain
default_internal_user = {internal}
default_login_user = {login}
first_valid_uid = {min(mail_user.pw_uid, 500)}
mail_location = maildir:{home}/Maildir
passdb {{
  driver = static
  args = password={PASSWORD}
}}
userdb {{
  driver = static
  args = uid={mail_user.pw_uid} gid={mail_user.pw_gid} home={home}
}}
service imap-login {{
  inet_listener imap {{
    port = {imap_port}
  }}
  inet_listener imaps {{
    port = {imaps_port}
    ssl = yes
  }}
}}
namespace inbox {{
  inbox = yes
}}
""",
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [DOVECOT, "-F", "-c", str(config)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    server = Dovecot("127.0.0.1", imaps_port, imap_port, cert)
    try:
        _wait_until_listening(process, server, tmp)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(home, ignore_errors=True)
        shutil.rmtree(run, ignore_errors=True)


def _wait_until_listening(process: subprocess.Popen[bytes], server: Dovecot, tmp: Path) -> None:
    """Poll the port (the server prints nothing when ready); fail with its log."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            out = process.stdout.read().decode() if process.stdout else ""
            log = (tmp / "dovecot.log").read_text() if (tmp / "dovecot.log").exists() else ""
            raise RuntimeError(f"dovecot exited with {process.returncode}: {out}\n{log}")
        try:
            with socket.create_connection((server.host, server.imaps_port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("dovecot did not start listening within 20 s")
