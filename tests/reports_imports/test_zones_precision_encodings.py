"""Issue 16, problems 4, 5 and 7: full precision and honest caps, the exporter's and the
customer's time zones, and CSV files from Excel in other languages. Both engines."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from app.bootstrap import Services
from app.domain.errors import ValidationError
from app.reports.render.tabular import period_csv, to_json
from tests.reports_imports.exports import History, Update, write
from tests.support.people import People
from tests.support.servicenow_export import incident, write_export

MARCH_START, MARCH_END = date(2025, 3, 1), date(2025, 3, 31)


def test_servicenow_times_are_read_in_the_exporters_zone_never_silently_utc(
    services: Services, people: People, tmp_path: Path
) -> None:
    export = write_export(
        tmp_path / "sn.csv",
        incident(
            "INC0009001",
            {"opened_at": "1/3/2016 10:00", "sys_created_at": "1/3/2016 10:00",
             "sys_updated_at": "1/3/2016 10:00"},
        ),
    )  # fmt: skip
    with pytest.raises(ValidationError, match="give --source-tz"):
        services.importing.servicenow(people.manager, export, customer="ACME", source_tz=None)
    with pytest.raises(ValidationError, match="unknown time zone 'Athens'"):
        services.importing.servicenow(people.manager, export, customer="ACME", source_tz="Athens")
    assert services.tickets.list_tickets(people.manager) == []

    services.importing.servicenow(
        people.manager, export, customer="ACME", source_tz="Europe/Athens"
    )
    ticket = services.tickets.show(people.manager, "SD-000001")
    assert ticket.created_at == datetime(2016, 3, 1, 8, 0, tzinfo=UTC)  # UTC+2 in winter


def test_a_customers_period_is_counted_in_its_calendars_days(
    services: Services, people: People, tmp_path: Path
) -> None:
    services.sla.add_calendar(people.manager, code="NZ", timezone="Pacific/Auckland")
    services.sla.add_contract(
        people.manager,
        customer="ACME",
        tier="Gold",
        services=["first_level_support"],
        valid_from=date(2025, 1, 1),
        calendar="NZ",
    )
    # Auckland is UTC+13 in March: 28 Feb 12:00 UTC is already 1 March there, and
    # 31 March 12:00 UTC is 1 April.
    early = datetime(2025, 2, 28, 12, 0, tzinfo=UTC)
    late = datetime(2025, 3, 31, 12, 0, tzinfo=UTC)
    histories = [
        History(f"Z{i}", 3, (Update(at, "new", None),), None) for i, at in enumerate((early, late))
    ]
    data, mapping = write(tmp_path, histories)
    services.importing.generic(people.manager, data, mapping=mapping, customer="ACME")

    acme = services.reports.period_report(
        people.manager, customer="ACME", start=MARCH_START, end=MARCH_END
    )
    assert (acme.timezone, acme.opened) == ("Pacific/Auckland", 1)
    assert acme.by_priority[0].tickets == 1
    everyone = services.reports.period_report(
        people.manager, customer=None, start=MARCH_START, end=MARCH_END
    )
    assert (everyone.timezone, everyone.opened) == ("UTC", 1)  # the late one, by UTC days


def test_json_is_full_precision_and_a_capped_breach_list_says_so(
    services: Services, people: People, tmp_path: Path
) -> None:
    opened = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
    # 501 tickets the source says missed their SLA; resolved 1 h 0 min 1 s after opening.
    histories = [
        History(
            f"B{i}",
            2,
            (
                Update(opened + timedelta(minutes=i), "new", None),
                Update(opened + timedelta(minutes=i, hours=1, seconds=1), "resolved", None),
            ),
            False,
        )
        for i in range(501)
    ]
    data, mapping = write(tmp_path, histories)
    services.importing.generic(people.manager, data, mapping=mapping, customer="ACME")

    report = services.reports.period_report(
        people.manager, customer="ACME", start=MARCH_START, end=MARCH_END
    )
    document = json.loads(to_json(report))
    assert document["total"]["resolution_wall"]["median"] == pytest.approx(1 + 1 / 3600, rel=1e-12)
    assert document["total"]["resolution_wall"]["median"] != round(1 + 1 / 3600, 2)
    assert (document["breaches_total"], document["breaches_truncated"]) == (501, True)
    assert len(document["breaches"]) == 500
    table = period_csv(report)
    assert "breaches,total,501," in table and "first 500 listed" in table
    assert "1.0," in table  # the CSV is for reading: hours rounded to 2 decimals


GREEK_MAPPING = {
    "source_system": "greek",
    "timezone": "Europe/Athens",
    "date_formats": ["%d/%m/%Y %H:%M"],
    "columns": {"number": "Αριθμός", "updated_at": "Ενημέρωση", "subject": "Θέμα"},
}
GREEK_ROWS = [
    "Αριθμός;Ενημέρωση;Θέμα",
    "Α-1;03/03/2025 09:00;Δεν εκτυπώνονται τα τιμολόγια της εβδομάδας",
    "Α-2;03/03/2025 10:30;Αργή απόκριση στην οθόνη παραγγελιών, «ΕΠΕΙΓΟΝ»",
    "Α-3;04/03/2025 11:15;Λάθος ΦΠΑ στις πιστωτικές κάρτες πελατών",
]


def test_a_semicolon_windows_1253_export_is_read_as_written(
    services: Services, people: People, tmp_path: Path
) -> None:
    data = tmp_path / "greek.csv"
    data.write_bytes(("\r\n".join(GREEK_ROWS) + "\r\n").encode("cp1253"))
    mapping = tmp_path / "greek.json"
    mapping.write_text(json.dumps(GREEK_MAPPING, ensure_ascii=False), encoding="utf-8")

    # The Greek header is already not UTF-8: the refusal names line 1.
    wrong = r"line 1: not utf-8 text; give the file's encoding \(--encoding"
    with pytest.raises(ValidationError, match=wrong):
        services.importing.generic(
            people.manager, data, mapping=mapping, customer="ACME", encoding="utf-8"
        )
    with pytest.raises(ValidationError, match="unknown encoding 'klingon'"):
        services.importing.generic(
            people.manager, data, mapping=mapping, customer="ACME", encoding="klingon"
        )
    assert services.tickets.list_tickets(people.manager) == []

    summary = services.importing.generic(people.manager, data, mapping=mapping, customer="ACME")
    assert summary.tickets_new == 3
    subjects = [services.tickets.show(people.manager, f"SD-00000{i}").subject for i in (1, 2, 3)]
    assert subjects == [row.split(";")[2] for row in GREEK_ROWS[1:]]
