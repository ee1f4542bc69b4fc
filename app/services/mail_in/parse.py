"""Turn the bytes of one received e-mail into plain facts (standard ``email`` package).

Real mail is messy: any charset (ISO-8859-7, Windows-1253 …), encoded-word subjects,
HTML-only bodies, inline images referenced by Content-ID, broken headers. Everything
here decodes defensively and never raises for a strange but readable mail; a mail we
cannot read at all raises :class:`MalformedMail`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr

from app.services.mail_in.html_text import html_to_text

MESSAGE_ID = re.compile(r"<[^<>\s]+>")
MESSAGE_ID_MAX = 500  # the column's width (mail_messages.message_id)


class MalformedMail(ValueError):
    """The bytes are not a mail we can read (no sender, no headers …)."""


@dataclass(frozen=True)
class MailPart:
    filename: str
    content_type: str
    data: bytes
    inline: bool = False
    content_id: str = ""


@dataclass(frozen=True)
class ParsedMail:
    message_id: str
    sender: str  # the address, lower case
    sender_name: str
    subject: str
    text: str  # the body as plain text (HTML turned into text when that is all there is)
    in_reply_to: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    parts: list[MailPart] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)  # lower-case name → value

    @property
    def thread_ids(self) -> list[str]:
        """Message-IDs this mail answers, oldest first, In-Reply-To last (the closest)."""
        ids = [m for m in self.references if m not in self.in_reply_to]
        return ids + self.in_reply_to


def parse_mail(raw: bytes) -> ParsedMail:
    try:
        msg = BytesParser(policy=policy.default).parsebytes(raw)
    except Exception as exc:  # the parser is lenient; this is truly unreadable input
        raise MalformedMail(f"cannot parse the message: {exc}") from None
    if not isinstance(msg, EmailMessage) or not msg.keys():
        raise MalformedMail("the message has no headers.")
    sender_name, sender = _sender(msg)
    if not sender:
        raise MalformedMail("the message has no readable From address.")
    message_id = _ids(_header(msg, "Message-ID"))
    # A mail without a Message-ID still gets a stable one, so a second delivery of the
    # same bytes is recognised as a duplicate.
    mid = message_id[0] if message_id else f"<{hashlib.sha256(raw).hexdigest()}@no-message-id>"
    mid = mid[:MESSAGE_ID_MAX]  # as stored: a duplicate of an absurdly long id still matches
    text, parts = _body(msg)
    return ParsedMail(
        message_id=mid,
        sender=sender,
        sender_name=sender_name,
        subject=" ".join(_header(msg, "Subject").split()),
        text=text,
        in_reply_to=_ids(_header(msg, "In-Reply-To")),
        references=_ids(_header(msg, "References")),
        parts=parts,
        headers={k.lower(): _header(msg, k) for k in msg},
    )


def _header(msg: Message, name: str) -> str:
    """A header as text, encoded words decoded; a broken header as its raw text."""
    try:
        value = msg.get(name)
    except Exception:  # a header the policy cannot parse: fall back to the raw value
        value = next((v for k, v in msg.raw_items() if k.lower() == name.lower()), None)
    return "" if value is None else str(value)


def _ids(value: str) -> list[str]:
    return MESSAGE_ID.findall(value or "")


def _sender(msg: EmailMessage) -> tuple[str, str]:
    for name in ("Reply-To", "From", "Sender"):
        try:
            header = msg.get(name)
            addresses: tuple[Address, ...] = getattr(header, "addresses", ())
        except Exception:
            addresses = ()
        for address in addresses:
            if address.addr_spec and "@" in address.addr_spec:
                return address.display_name, address.addr_spec.lower()
        raw = _header(msg, name)
        if raw:
            pairs = getaddresses([raw]) or [parseaddr(raw)]
            for display, addr in pairs:
                if "@" in addr:
                    return display, addr.lower()
    return "", ""


def _body(msg: EmailMessage) -> tuple[str, list[MailPart]]:
    """The best text of the mail and its files (attachments and inline images)."""
    plain: str | None = None
    html: str | None = None
    parts: list[MailPart] = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        disposition = part.get_content_disposition()  # None | inline | attachment
        filename = _filename(part)
        if disposition != "attachment" and not filename and ctype in ("text/plain", "text/html"):
            text = _text(part)
            if ctype == "text/plain" and plain is None:
                plain = text
            elif ctype == "text/html" and html is None:
                html = text
            continue
        data = part.get_payload(decode=True)
        if not isinstance(data, bytes):
            continue
        cid = (_header(part, "Content-ID") or "").strip().strip("<>")
        parts.append(
            MailPart(
                filename=filename or _name_for(ctype, len(parts) + 1),
                content_type=ctype,
                data=data,
                inline=disposition != "attachment" and bool(cid),
                content_id=cid,
            )
        )
    if plain is not None and plain.strip():
        return plain, parts
    return (html_to_text(html) if html else plain or ""), parts


def _text(part: Message) -> str:
    """Decode a text part with its declared charset, tolerating lies and unknowns."""
    data = part.get_payload(decode=True)
    if not isinstance(data, bytes):
        return ""
    charset = part.get_content_charset() or "us-ascii"
    for candidate in (charset, "utf-8", "windows-1252"):
        try:
            return data.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", errors="replace")


def _filename(part: Message) -> str:
    try:
        name = part.get_filename()
    except Exception:
        name = None
    if not name:
        return ""
    # Only the last path component: a name like "../../etc/passwd" is just "passwd".
    return re.split(r"[\\/]", name)[-1].strip()[:255]


def _name_for(ctype: str, index: int) -> str:
    extension = {
        "image/png": "png",
        "image/jpeg": "jpg",
        "image/gif": "gif",
        "application/pdf": "pdf",
    }.get(ctype, "bin")
    return f"part-{index}.{extension}"
