"""Pure mail rules: the customer's own words, loop detection, decoding oddities."""

from __future__ import annotations

from app.services.mail_in.fold import fold
from app.services.mail_in.loops import machine_reason
from app.services.mail_in.parse import parse_mail


def test_gmail_outlook_and_greek_quotes_and_signatures_are_folded() -> None:
    gmail = "Works now, thanks!\n\nOn Mon, 2 Mar 2026 at 10:00, Support <s@x> wrote:\n> old"
    outlook = (
        "Still broken.\n\n________________________________\nFrom: Support\n"
        "Sent: Monday\nSubject: [SD-000001] VPN\n\nold text"
    )
    greek = "Ευχαριστώ.\n\nΣτις Δευ, 2 Μαρ 2026, ο/η Support έγραψε:\n> παλιό"
    signed = "See attached.\n-- \nJo Smith\n+30 210 000 0000"
    mobile = "Yes.\n\nSent from my phone"
    inline = "> what version?\n2.10\n> and the OS?\nDebian 12"
    assert fold(gmail) == "Works now, thanks!"
    assert fold(outlook) == "Still broken."
    assert fold(greek) == "Ευχαριστώ."
    assert fold(signed) == "See attached."
    assert fold(mobile) == "Yes."
    assert fold(inline) == "2.10\nDebian 12"  # answers kept, the quoted questions folded
    assert fold("> only a quote") == "> only a quote"  # nothing is lost


def mail(headers: str, body: str = "x") -> bytes:
    return (headers.strip().replace("\n", "\r\n") + "\r\n\r\n" + body).encode()


def test_machines_are_recognised_and_people_are_not() -> None:
    person = parse_mail(mail("From: jo@acme.example\nSubject: hi\nAuto-Submitted: no"))
    assert machine_reason(person) is None
    cases = {
        "Auto-Submitted: auto-replied": "Auto-Submitted: auto-replied",
        "Precedence: junk": "Precedence: junk",
        "X-Autoreply: yes": "X-Autoreply",
        "List-Id: <news.acme.example>": "mailing-list mail",
        "Content-Type: multipart/report; report-type=delivery-status; boundary=b": (
            "delivery status report (bounce)"
        ),
    }
    for header, reason in cases.items():
        parsed = parse_mail(mail(f"From: jo@acme.example\nSubject: x\n{header}"))
        assert machine_reason(parsed) == reason, header


def test_odd_but_readable_mail_is_read() -> None:
    # No Message-ID: a stable one from the bytes, so a second delivery is a duplicate.
    raw = mail(
        "From: Jo <JO@Acme.Example>\nSubject: =?utf-8?B?zpHOvc6xz4bOv8+BzqwgzrLOu86szrLOt8+C?="
    )
    first, again = parse_mail(raw), parse_mail(raw)
    assert first.message_id == again.message_id and first.message_id.endswith("@no-message-id>")
    assert (first.sender, first.sender_name, first.subject) == (
        "jo@acme.example",
        "Jo",
        "Αναφορά βλάβης",
    )
    # A charset that lies: declared us-ascii, really UTF-8.
    lying = mail("From: jo@acme.example\nContent-Type: text/plain; charset=us-ascii", "")
    parsed = parse_mail(lying + "Καλημέρα".encode())
    assert parsed.text == "Καλημέρα"
    # A path in an attachment's name keeps only the file name.
    evil = mail(
        "From: jo@acme.example\nContent-Type: application/octet-stream\n"
        'Content-Disposition: attachment; filename="../../etc/passwd"'
    )
    assert [p.filename for p in parse_mail(evil).parts] == ["passwd"]
