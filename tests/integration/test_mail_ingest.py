"""Mail in through the pipe (``MailInService.ingest``) with real-world shaped mail:
a known contact opens a ticket, replies thread back, machines and strangers don't."""

from __future__ import annotations

import pytest

from app.bootstrap import Services
from app.domain.clock import FakeClock
from app.services.mail_in.outcome import MailStatus
from app.services.mail_in.service import MailRefused
from tests.support.mail_story import (
    Footprint,
    gold_contract,
    mail_rows,
    our_message_ids,
    ticket_row,
)
from tests.support.mails import alternative, attach, html_only, plain, raw, with_inline_image
from tests.support.people import People
from tests.support.smtp import smtp_server

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def opened(services: Services, people: People, mail: bytes) -> str:
    result = services.mail.ingest(mail)
    assert result.status == MailStatus.TICKET, result
    assert result.ticket is not None
    return result.ticket


def test_a_contacts_mail_opens_a_ticket_and_a_reply_ends_the_wait(
    services: Services, people: People, clock: FakeClock
) -> None:
    gold_contract(services, people)
    number = opened(services, people, raw(plain("Invoices are not sent", "Since 9:00 today.")))
    view = services.tickets.show(people.care, number)
    assert (view.customer_code, view.subject) == ("ACME", "Invoices are not sent")
    assert view.description == "Since 9:00 today."
    assert view.history[0].actor == "system"

    # The engineer answers publicly and waits on Jo: the SLA clock pauses.
    services.tickets.take(people.engineer, number)
    services.tickets.start(people.engineer, number)
    services.tickets.comment(people.engineer, number, "Which mail server do you use?")
    services.tickets.wait_on_customer(people.engineer, number, "mail server name")
    assert ticket_row(services, number).sla_state == "paused"
    ours = our_message_ids(services, number)
    assert ours, "the public comment was queued as mail"

    # Jo answers our mail (In-Reply-To our Message-ID), quoting it and signing.
    clock.advance(minutes=30)
    body = (
        "We use Postfix on mx1.\n\n-- \nJo Smith\nAcme Corp\n\n"
        "On Mon, 2 Mar 2026 at 10:00, Support wrote:\n> Which mail server do you use?\n"
    )
    reply = plain("Re: whatever the client made of it", body, in_reply_to=ours[-1])
    result = services.mail.ingest(raw(reply))
    assert (result.status, result.ticket) == (MailStatus.REPLY, number)
    row = ticket_row(services, number)
    assert row.status == "in_progress"
    assert row.sla_state == "on_track" and row.sla_due_at is not None  # the clock runs again
    last = services.tickets.show(people.care, number).history
    replies = [e for e in last if e.kind == "customer_reply"]
    assert [e.text for e in replies] == ["We use Postfix on mx1."]  # quote and signature folded
    assert replies[0].data["contact"] == "Jo Smith"
    assert last[-1].field == "status" and last[-1].new_value == "in_progress"
    assert services.history.verify(number).ok  # chain, replay and files agree


def test_the_ticket_number_in_the_subject_matches_when_headers_are_lost(
    services: Services, people: People
) -> None:
    number = opened(services, people, raw(plain("VPN down", "No tunnel.")))
    result = services.mail.ingest(raw(plain(f"AW: [{number}] VPN down", "Works again.")))
    assert (result.status, result.ticket) == (MailStatus.REPLY, number)
    assert ticket_row(services, number).status == "new"  # not waiting: only the event


def test_auto_replies_and_duplicates_change_nothing(services: Services, people: People) -> None:
    first = plain("Printer", "Offline again.")
    number = opened(services, people, raw(first))
    before = Footprint.of(services)
    assert services.mail.ingest(raw(first)).status == MailStatus.DUPLICATE
    out_of_office = plain(
        f"Out of office [{number}]", "I am away.", headers={"Auto-Submitted": "auto-replied"}
    )
    bulk = plain("Newsletter", "News.", headers={"Precedence": "bulk"})
    bounce = plain("Undelivered", "550 no such user", sender="MAILER-DAEMON@acme.example")
    for machine in (out_of_office, bulk, bounce):
        assert services.mail.ingest(raw(machine)).status == MailStatus.IGNORED
    assert Footprint.of(services) == before
    assert [status for _, status, _ in mail_rows(services)] == ["ticket", *["ignored"] * 3]


def test_an_unknown_sender_waits_in_unmatched_mail_until_care_decides(
    services: Services, people: People
) -> None:
    stranger = plain("Help", "Our site is down.", sender="Nia Newcomer <nia@newco.example>")
    spam = plain("Cheap pills", "Buy now.", sender="x@spam.example")
    assert services.mail.ingest(raw(stranger)).status == MailStatus.UNMATCHED
    assert services.mail.ingest(raw(spam)).status == MailStatus.UNMATCHED
    waiting = services.unmatched_mail.list(people.care)
    assert [(m.sender, m.reason) for m in waiting] == [
        ("nia@newco.example", "unknown sender nia@newco.example"),
        ("x@spam.example", "unknown sender x@spam.example"),
    ]
    number = services.unmatched_mail.attach(people.care, waiting[0].id, customer="ACME")
    view = services.tickets.show(people.care, number)
    assert (view.subject, view.description) == ("Help", "Our site is down.")
    assert view.contact == "Nia Newcomer"
    assert view.history[0].actor == "cara"
    assert services.history.verify(number).ok
    services.unmatched_mail.discard(people.care, waiting[1].id, "spam")
    assert services.unmatched_mail.list(people.care) == []
    statuses = {mid: (status, reason) for mid, status, reason in mail_rows(services)}
    assert statuses[waiting[1].message_id] == (
        "discarded",
        "unknown sender x@spam.example; discarded by cara: spam",
    )
    # Nia is a contact now: her next mail opens a ticket by itself.
    assert services.mail.ingest(raw(plain("Again", "x", sender="nia@newco.example"))).ticket


def test_a_stranger_cannot_write_into_a_ticket_by_its_number(
    services: Services, people: People
) -> None:
    number = opened(services, people, raw(plain("VPN", "down")))
    result = services.mail.ingest(raw(plain(f"[{number}] hi", "x", sender="eve@evil.example")))
    assert result.status == MailStatus.UNMATCHED
    assert "not a contact of ACME" in result.reason


def test_multipart_alternative_html_only_and_inline_images(
    services: Services, people: People
) -> None:
    both = alternative("Both", "The plain words.", "<p>The <b>HTML</b> words.</p>")
    number = opened(services, people, raw(both))
    assert services.tickets.show(people.care, number).description == "The plain words."

    html = html_only(
        "Only HTML",
        "<html><head><style>p{color:red}</style></head><body><p>Line one</p>"
        "<p>Line &amp; two</p><blockquote>old quoted text</blockquote></body></html>",
    )
    number = opened(services, people, raw(html))
    assert services.tickets.show(people.care, number).description == "Line one\n\nLine & two"

    inline = with_inline_image("Screenshot", "See the error.", PNG)
    number = opened(services, people, raw(inline))
    files = services.attachments.list(people.care, number)
    assert [(f.content_type, f.size) for f in files] == [("image/png", len(PNG))]
    assert services.attachments.content(people.care, files[0].id)[1] == PNG


def test_attachments_are_stored_once_and_named_in_history(
    services: Services, people: People
) -> None:
    pdf = b"%PDF-1.4 invoice " * 1000
    mail = plain("Invoice wrong", "See attached.")
    attach(mail, "invoice.pdf", pdf)
    attach(mail, "copy.pdf", pdf)
    number = opened(services, people, raw(mail))
    files = services.attachments.list(people.care, number)
    assert [f.filename for f in files] == ["invoice.pdf", "copy.pdf"]
    assert files[0].sha256 == files[1].sha256  # one blob
    event = services.tickets.show(people.care, number).history[-1]
    assert [a["name"] for a in event.data["attachments"]] == ["invoice.pdf", "copy.pdf"]
    assert event.data["attachments"][0]["sha256"] == files[0].sha256
    assert services.history.verify(number).ok


@pytest.mark.parametrize("charset", ["iso-8859-7", "windows-1253"])
def test_greek_in_legacy_charsets_and_encoded_word_subjects(
    services: Services, people: People, charset: str
) -> None:
    greek = "Ο εκτυπωτής δεν λειτουργεί"
    mail = plain(greek, f"{greek}.\nΕυχαριστώ", charset=charset)
    data = raw(mail)
    assert b"=?utf-8?" in data.lower() or b"=?iso" in data.lower()  # an encoded word
    assert greek.encode("utf-8") not in data  # the body really is in the legacy charset
    number = opened(services, people, data)
    view = services.tickets.show(people.care, number)
    assert view.subject == greek
    assert view.description == f"{greek}.\nΕυχαριστώ"


def test_iso_8859_7_encoded_word_subject(services: Services, people: People) -> None:
    subject = "=?ISO-8859-7?Q?=C2=EB=DC=E2=E7?="  # "Βλάβη"
    data = (
        f"From: jo@acme.example\r\nSubject: {subject}\r\nMessage-ID: <g1@acme.example>\r\n"
        "Content-Type: text/plain; charset=windows-1253\r\n\r\n"
    ).encode() + "Καλημέρα".encode("windows-1253")
    number = opened(services, people, data)
    view = services.tickets.show(people.care, number)
    assert (view.subject, view.description) == ("Βλάβη", "Καλημέρα")


def test_too_big_or_malformed_mail_is_refused_and_nothing_is_written(
    services: Services, people: People
) -> None:
    before = Footprint.of(services)
    mail = plain("Huge", "x")
    attach(mail, "big.bin", b"\0" * (41 * 1024 * 1024), "application/octet-stream")
    with pytest.raises(MailRefused, match="bytes; mail larger than"):
        services.mail.ingest(raw(mail))
    with pytest.raises(MailRefused, match="malformed"):
        services.mail.ingest(b"this is not a mail at all")
    assert Footprint.of(services) == before
    assert mail_rows(services) == []


def test_our_next_mail_answers_the_customers_latest_in_the_same_thread(
    services: Services, people: People, clock: FakeClock
) -> None:
    request = plain("Scanner jams", "Every morning.")
    number = opened(services, people, raw(request))
    services.tickets.comment(people.care, number, "Which model is it?")
    clock.advance(minutes=5)
    answer = plain(
        "Re: Scanner jams", "A Fujitsu fi-7160.", in_reply_to=our_message_ids(services, number)[-1]
    )
    assert services.mail.ingest(raw(answer)).status == MailStatus.REPLY
    clock.advance(minutes=5)
    services.tickets.comment(people.care, number, "Thanks, a driver update is coming.")
    with smtp_server() as (inbox, settings):
        assert services.notifications.send_pending(settings).sent == 2
    last = inbox.to("jo@acme.example")[-1]
    references = last["References"].split()
    assert references[0] == request["Message-ID"]  # the mail that opened the ticket
    assert last["In-Reply-To"] == answer["Message-ID"]  # the customer's latest word
    assert f"[{number}]" in last["Subject"]
