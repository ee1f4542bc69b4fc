"""Attachments on both engines: big files round-trip byte for byte, limits speak
plainly, the history chain covers the bytes, and a public reply mails its files."""

from __future__ import annotations

import hashlib
import os

import pytest
from sqlalchemy import select, update

from app.bootstrap import Services, open_services
from app.domain.errors import ValidationError
from app.persistence.orm_mail import Blob
from app.services.attachments import DEFAULT_MAX_FILE, FileUpload
from tests.support.mail_story import Footprint
from tests.support.people import People
from tests.support.smtp import smtp_server


def new_ticket(services: Services, people: People) -> str:
    return services.tickets.open_ticket(
        people.care,
        customer="ACME",
        subject="Crash on start",
        service_type="first_level_support",
        contact="Jo Smith",
    ).number


def test_a_25_mb_file_round_trips_and_one_byte_more_is_refused(
    services: Services, people: People
) -> None:
    number = new_ticket(services, people)
    data = os.urandom(DEFAULT_MAX_FILE)
    services.attachments.comment(
        people.engineer, number, "The core dump.", [FileUpload("core.dump", data)], internal=True
    )
    [stored] = services.attachments.list(people.engineer, number)
    assert (stored.size, stored.sha256) == (len(data), hashlib.sha256(data).hexdigest())
    view, back = services.attachments.content(people.engineer, stored.id)
    assert back == data
    assert view.content_type == "application/octet-stream"

    before = Footprint.of(services)
    with pytest.raises(ValidationError) as refused:
        services.attachments.comment(
            people.engineer, number, "", [FileUpload("bigger.bin", data + b"x")]
        )
    assert str(refused.value) == (
        "bigger.bin is 26,214,401 bytes; a file may be at most 26,214,400 bytes (25.0 MB)."
    )
    assert Footprint.of(services) == before


def test_the_same_bytes_are_stored_once(services: Services, people: People) -> None:
    number = new_ticket(services, people)
    log = b"ERROR disk full\n" * 100
    for name in ("a.log", "b.log"):
        services.attachments.comment(people.care, number, "log", [FileUpload(name, log)])
    with services.db.session() as s:
        assert s.scalar(select(Blob.size).where(Blob.sha256 == hashlib.sha256(log).hexdigest()))
        assert len(s.scalars(select(Blob.sha256)).all()) == 1


def test_history_verify_detects_a_changed_attachment_byte(
    services: Services, people: People
) -> None:
    number = new_ticket(services, people)
    data = bytearray(os.urandom(300_000))
    services.attachments.comment(
        people.care, number, "screenshot", [FileUpload("s.png", bytes(data))]
    )
    assert services.history.verify(number).ok

    sha = hashlib.sha256(data).hexdigest()
    data[123_456] ^= 0x01
    with services.db.session() as s:
        s.execute(update(Blob).where(Blob.sha256 == sha).values(data=bytes(data)))
        s.commit()
    report = services.history.verify(number)
    assert not report.ok
    assert any("was changed" in str(p) for p in report.problems)


def test_a_public_reply_mails_its_files_in_the_ticket_thread(
    services: Services, people: People
) -> None:
    number = new_ticket(services, people)
    services.tickets.comment(people.care, number, "We are looking into it.")
    pdf = b"%PDF-1.7 " + os.urandom(5000)
    services.attachments.comment(
        people.care, number, "The fix is attached.", [FileUpload("fix.pdf", pdf)]
    )
    with smtp_server() as (inbox, settings):
        report = services.notifications.send_pending(settings)
    assert (report.sent, report.errors) == (2, [])
    first, second = inbox.to("jo@acme.example")
    assert f"[{number}]" in second["Subject"]
    assert second["In-Reply-To"] == first["Message-ID"]
    assert first["Message-ID"] in second["References"]
    [part] = list(second.iter_attachments())
    assert (part.get_filename(), part.get_content()) == ("fix.pdf", pdf)


def test_the_per_ticket_limit_counts_what_the_ticket_holds(
    services: Services, people: People
) -> None:
    limited = open_services(
        services.db.url.render_as_string(hide_password=False),
        clock=services.ctx.clock,
        settings={"attachments": {"max_file_bytes": 1000, "max_ticket_bytes": 2500}},
    )
    try:
        number = new_ticket(limited, people)
        for name in ("a.txt", "b.txt"):
            limited.attachments.comment(people.care, number, "", [FileUpload(name, b"x" * 1000)])
        with pytest.raises(ValidationError) as refused:
            limited.attachments.comment(people.care, number, "", [FileUpload("c.txt", b"y" * 501)])
        assert str(refused.value) == (
            "adding c.txt would bring the ticket's attachments to 2,501 bytes; "
            "the limit is 2,500 bytes (2 KB)."
        )
        limited.attachments.comment(people.care, number, "", [FileUpload("c.txt", b"y" * 500)])
        assert len(limited.attachments.list(people.care, number)) == 3
    finally:
        limited.db.dispose()
