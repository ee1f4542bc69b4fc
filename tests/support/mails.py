"""Real-world shaped e-mails, built with the standard ``email`` package, as bytes."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid

JO = "jo@acme.example"


def plain(
    subject: str,
    body: str,
    *,
    sender: str = f"Jo Smith <{JO}>",
    message_id: str | None = None,
    in_reply_to: str | None = None,
    references: str | None = None,
    headers: dict[str, str] | None = None,
    charset: str = "utf-8",
) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = "support@desk.example"
    mail["Subject"] = subject
    mail["Message-ID"] = message_id or make_msgid(domain="acme.example")
    if in_reply_to:
        mail["In-Reply-To"] = in_reply_to
    if references:
        mail["References"] = references
    for name, value in (headers or {}).items():
        mail[name] = value
    mail.set_content(body, charset=charset)
    return mail


def alternative(subject: str, text: str, html: str, **kwargs: object) -> EmailMessage:
    mail = plain(subject, text, **kwargs)  # type: ignore[arg-type]
    mail.add_alternative(html, subtype="html")
    return mail


def html_only(subject: str, html: str) -> EmailMessage:
    mail = plain(subject, "")
    mail.set_content(html, subtype="html")
    return mail


def with_inline_image(subject: str, text: str, image: bytes) -> EmailMessage:
    """multipart/related: HTML that shows an image by Content-ID, plus a text part."""
    mail = plain(subject, text)
    cid = make_msgid(domain="acme.example")
    mail.add_alternative(f'<p>{text}</p><img src="cid:{cid[1:-1]}">', subtype="html")
    html_part = next(p for p in mail.iter_parts() if p.get_content_type() == "text/html")
    html_part.add_related(image, maintype="image", subtype="png", cid=cid)
    return mail


def attach(mail: EmailMessage, name: str, data: bytes, ctype: str = "application/pdf") -> None:
    maintype, subtype = ctype.split("/")
    mail.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)


def raw(mail: EmailMessage) -> bytes:
    return bytes(mail)
