"""Fetching mail from IMAP mailboxes (IMAPS or STARTTLS, never plain text).

Each mail in the watched folder is read with ``BODY.PEEK[]``, handed to
:class:`~app.services.mail_in.service.MailInService`, and only then moved to the
"done" folder — a crash in between leaves it in the inbox, and the unique Message-ID
turns the second attempt into a no-op. Refused mail (too big, unreadable) moves to the
"refused" folder, kept for inspection. With IDLE the fetcher waits for the server to
say new mail has arrived instead of polling.
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import re
import select
import ssl
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.domain.errors import ValidationError
from app.services.mail_in.arrival import MailboxDefaults
from app.services.mail_in.outcome import IngestResult
from app.services.mail_in.service import MailInService, MailRefused

log = logging.getLogger("supportdesk.mail")
KEYRING_SERVICE = "supportdesk-imap"
SECURITY = ("ssl", "starttls")
SIZE = re.compile(rb"RFC822\.SIZE (\d+)")


@dataclass(frozen=True)
class ImapMailbox:
    """One mailbox of ``mail.mailboxes`` in the settings."""

    name: str
    host: str
    username: str
    port: int = 993
    security: str = "ssl"  # ssl (IMAPS, port 993) | starttls (port 143)
    folder: str = "INBOX"
    done_folder: str = "SupportDesk-Done"
    refused_folder: str = "SupportDesk-Refused"
    cafile: str | None = None  # a private CA (tests, in-house servers)
    defaults: MailboxDefaults = field(default_factory=MailboxDefaults)

    @classmethod
    def from_settings(cls, raw: Mapping[str, Any]) -> ImapMailbox:
        try:
            name, host, username = str(raw["name"]), str(raw["host"]), str(raw["username"])
        except KeyError as exc:
            raise ValidationError(f"a mailbox in the settings needs {exc.args[0]!r}.") from None
        security = str(raw.get("security", "ssl")).lower()
        if security not in SECURITY:
            raise ValidationError(
                f"mailbox {name}: security must be ssl or starttls (got {security!r}); "
                "passwords never travel unencrypted."
            )
        return cls(
            name=name,
            host=host,
            username=username,
            port=int(raw.get("port", 993 if security == "ssl" else 143)),
            security=security,
            folder=str(raw.get("folder", "INBOX")),
            done_folder=str(raw.get("done_folder", "SupportDesk-Done")),
            refused_folder=str(raw.get("refused_folder", "SupportDesk-Refused")),
            cafile=raw.get("cafile"),
            defaults=MailboxDefaults.from_settings(dict(raw), name),
        )


def configured_mailboxes(settings: Mapping[str, Any]) -> list[ImapMailbox]:
    return [ImapMailbox.from_settings(m) for m in (settings.get("mail") or {}).get("mailboxes", [])]


def mailbox_password(box: ImapMailbox, env: Mapping[str, str]) -> str:
    """``SUPPORTDESK_IMAP_PASSWORD_<NAME>`` (services, cron), else the OS keyring."""
    key = f"SUPPORTDESK_IMAP_PASSWORD_{re.sub(r'[^A-Z0-9]', '_', box.name.upper())}"
    if env.get(key):
        return env[key]
    import keyring  # only here: most commands never need it

    secret = keyring.get_password(KEYRING_SERVICE, f"{box.username}@{box.host}")
    if not secret:
        raise ValidationError(
            f"no password for mailbox {box.name}: store it with "
            f"`supportdesk mail password {box.name}` or set {key}."
        )
    return secret


def store_password(box: ImapMailbox, secret: str) -> None:
    import keyring

    keyring.set_password(KEYRING_SERVICE, f"{box.username}@{box.host}", secret)


@dataclass
class FetchReport:
    results: list[IngestResult] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


class ImapFetcher:
    def __init__(self, mail: MailInService, say: Callable[[str], None] = log.info) -> None:
        self.mail = mail
        self.say = say

    def connect(self, box: ImapMailbox, password: str) -> imaplib.IMAP4:
        context = ssl.create_default_context(cafile=box.cafile)
        try:
            if box.security == "ssl":
                conn: imaplib.IMAP4 = imaplib.IMAP4_SSL(
                    box.host, box.port, ssl_context=context, timeout=30
                )
            else:
                conn = imaplib.IMAP4(box.host, box.port, timeout=30)
                conn.starttls(ssl_context=context)
            conn.login(box.username, password)
        except (OSError, imaplib.IMAP4.error) as exc:
            raise ValidationError(f"mailbox {box.name} ({box.host}:{box.port}): {exc}") from None
        return conn

    def fetch_once(self, box: ImapMailbox, password: str) -> FetchReport:
        conn = self.connect(box, password)
        try:
            return self._drain(conn, box)
        finally:
            _logout(conn)

    def watch(
        self, box: ImapMailbox, password: str, stop: threading.Event, *, idle_seconds: int = 300
    ) -> None:
        """Fetch, then wait with IDLE (or poll) until ``stop`` is set."""
        while not stop.is_set():
            conn = self.connect(box, password)
            try:
                self._drain(conn, box)
                if "IDLE" in capabilities(conn):
                    self.say(f"{box.name}: waiting for new mail (IDLE)")
                    wait_for_news(conn, idle_seconds, stop)
                else:
                    stop.wait(60)
            finally:
                _logout(conn)

    # -- one connection ------------------------------------------------------------------

    def _drain(self, conn: imaplib.IMAP4, box: ImapMailbox) -> FetchReport:
        report = FetchReport()
        caps = capabilities(conn)
        for folder in (box.done_folder, box.refused_folder):
            conn.create(_quoted(folder))  # "already exists" is fine
        _ok(conn.select(_quoted(box.folder)), f"select {box.folder}")
        status, data = conn.uid("SEARCH", "ALL")
        uids = (data[0] or b"").split() if status == "OK" else []
        for uid in uids:
            size = _size(conn, uid)
            try:
                if size > self.mail.max_message_bytes:
                    raise MailRefused(
                        f"the message is {size:,} bytes; mail larger than "
                        f"{self.mail.max_message_bytes:,} bytes is refused (nothing was stored)."
                    )
                result = self.mail.ingest(_body(conn, uid), box.defaults)
            except MailRefused as exc:
                line = (
                    f"{box.name} uid {uid.decode()}: refused, kept in {box.refused_folder}: {exc}"
                )
                self.say(line)
                report.refused.append(line)
                _move(conn, uid, box.refused_folder, caps)
                continue
            self.say(f"{box.name}: {result.line()}")
            report.results.append(result)
            _move(conn, uid, box.done_folder, caps)
        conn.expunge()
        return report


def wait_for_news(conn: imaplib.IMAP4, seconds: float, stop: threading.Event) -> bool:
    """IMAP IDLE (RFC 2177) until the server reports new mail, ``seconds`` pass or
    ``stop`` is set. imaplib has no IDLE before Python 3.14, so it is spoken here."""
    tag = conn._new_tag()
    conn.send(tag + b" IDLE\r\n")
    if not conn.readline().startswith(b"+"):
        return False
    news = False
    waited = 0.0
    sock = conn.socket()
    while not stop.is_set() and waited < seconds and not news:
        pending = isinstance(sock, ssl.SSLSocket) and sock.pending()
        ready = pending or select.select([sock], [], [], 1.0)[0]
        waited += 1.0
        if ready:
            line = conn.readline()
            news = b"EXISTS" in line or b"RECENT" in line or not line
    conn.send(b"DONE\r\n")
    while True:
        line = conn.readline()
        if not line or line.startswith(tag):
            return news


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _ok(answer: tuple[str, list[Any]], what: str) -> None:
    if answer[0] != "OK":
        raise ValidationError(f"IMAP {what} failed: {answer[1]!r}")


def _size(conn: imaplib.IMAP4, uid: bytes) -> int:
    status, data = conn.uid("FETCH", uid.decode(), "(RFC822.SIZE)")
    found = SIZE.search(data[0] if status == "OK" and isinstance(data[0], bytes) else b"")
    return int(found.group(1)) if found else 0


def _body(conn: imaplib.IMAP4, uid: bytes) -> bytes:
    status, data = conn.uid("FETCH", uid.decode(), "(BODY.PEEK[])")
    _ok((status, data), f"fetch uid {uid.decode()}")
    for item in data:
        if isinstance(item, tuple):
            return bytes(item[1])
    raise ValidationError(f"IMAP fetch of uid {uid.decode()} returned no message.")


def capabilities(conn: imaplib.IMAP4) -> set[str]:
    """What the server offers after login (it may offer more than before)."""
    status, data = conn.capability()
    words = b" ".join(d for d in data if isinstance(d, bytes)).decode(errors="replace")
    return set(words.upper().split()) if status == "OK" else set(conn.capabilities)


def _move(conn: imaplib.IMAP4, uid: bytes, folder: str, caps: set[str]) -> None:
    """MOVE when the server has it (RFC 6851), else COPY and delete."""
    if "MOVE" in caps:
        _ok(conn.uid("MOVE", uid.decode(), _quoted(folder)), f"move to {folder}")
        return
    _ok(conn.uid("COPY", uid.decode(), _quoted(folder)), f"copy to {folder}")
    conn.uid("STORE", uid.decode(), "+FLAGS", "(\\Deleted)")


def _logout(conn: imaplib.IMAP4) -> None:
    with contextlib.suppress(OSError, imaplib.IMAP4.error):
        conn.logout()
