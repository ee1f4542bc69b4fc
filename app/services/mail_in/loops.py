"""Loop protection: mail written by machines never opens a ticket and never gets an
answer from us (RFC 3834 auto-replies, bulk and list mail, bounce reports)."""

from __future__ import annotations

from app.services.mail_in.parse import ParsedMail

BOUNCE_SENDERS = ("mailer-daemon@", "postmaster@")


def machine_reason(mail: ParsedMail) -> str | None:
    """Why ``mail`` is an automatic message, or ``None`` for a person's mail."""
    headers = mail.headers
    auto = headers.get("auto-submitted", "").strip().lower()
    precedence = headers.get("precedence", "").strip().lower()
    suppress = headers.get("x-auto-response-suppress", "").strip().lower()
    ctype = headers.get("content-type", "").lower()
    checks = (
        (auto not in {"", "no"}, f"Auto-Submitted: {auto}"),
        (precedence in {"bulk", "junk", "list", "auto_reply"}, f"Precedence: {precedence}"),
        (bool(headers.get("x-autoreply") or headers.get("x-autorespond")), "X-Autoreply"),
        ("all" in suppress or "oof" in suppress, f"X-Auto-Response-Suppress: {suppress}"),
        (bool(headers.get("list-id") or headers.get("list-unsubscribe")), "mailing-list mail"),
        (
            "multipart/report" in ctype or "delivery-status" in ctype,
            "delivery status report (bounce)",
        ),
        (
            mail.sender.startswith(BOUNCE_SENDERS) or headers.get("return-path", "") == "<>",
            "bounce from a mail server",
        ),
    )
    return next((reason for hit, reason in checks if hit), None)
