"""The monthly SLA report of the demo customer (both engines): its figures equal an
independent computation; the JSON carries them; the PDF shows the JSON's figures.

Set SUPPORTDESK_REPORT_SAMPLES=DIR to keep the PDF and a PNG per page there (how
docs/reports/monthly-sla-report* was made); look at them before committing.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtPdf import QPdfDocument
from pytestqt.qtbot import QtBot

from app.bootstrap import Services, demo_services
from app.reports.render.monthly import monthly_csv, monthly_json
from app.services.demo import DEMO_PASSWORD, load_demo
from ui.printing.monthly import write_monthly_pdf

FEBRUARY_MINUTES = 28 * 24 * 60  # 2026-02 in Athens: no clock change


@pytest.fixture
def demo_report(services: Services) -> dict:
    seeding, clock = demo_services(services)  # the demo's "now" is 2 March 2026
    load_demo(seeding, clock, tickets=4)
    mia = services.users.login("mia", DEMO_PASSWORD)
    report = services.monthly_reports.monthly_report(mia, "ACME", "2026-02")
    return {"report": report, "json": json.loads(monthly_json(report)), "csv": monthly_csv(report)}


def test_demo_figures_equal_an_independent_count(demo_report: dict) -> None:
    data = demo_report["json"]
    assert data["report"] == "monthly_sla" and data["complete"] is True
    rows = {a["system"]: a for a in data["availability"]}
    # ledger-prod: 95 min down by hand, 25 min degraded at night (half), 3 h maintenance.
    ledger = rows["ledger-prod"]
    scheduled = FEBRUARY_MINUTES - 180
    assert ledger["scheduled_minutes"] == scheduled
    assert ledger["availability_pct"] == round(100 * (1 - (95 + 25 / 2) / scheduled), 3)
    # portal-prod: 40 min down, then flapping for 6 more.
    portal = rows["portal-prod"]
    assert portal["availability_pct"] == round(100 * (1 - 46 / FEBRUARY_MINUTES), 3)
    # Both under 99.9 % but above 99.5 %: the first band, 5 %.
    assert [(c["system"], c["credit_pct"]) for c in data["credits"]] == [
        ("ledger-prod", 5.0),
        ("portal-prod", 5.0),
    ]
    monitoring = data["monitoring"]
    assert (monitoring["alerts"], monitoring["acknowledged"], monitoring["met"]) == (4, 4, 3)
    assert [a["acknowledge_minutes"] for a in data["alerts"]] == [9.0, 12.0, 0.0, 32.0]
    assert monitoring["max_acknowledge_minutes"] == 32.0
    assert len(data["outages"]) == 4
    assert "availability,managed_hosting,portal-prod,,credit_pct,5.0" in demo_report["csv"]


def test_the_pdf_shows_the_figures_of_the_json(
    demo_report: dict, tmp_path: Path, qtbot: QtBot
) -> None:
    report, data = demo_report["report"], demo_report["json"]
    out = tmp_path / "sla.pdf"
    write_monthly_pdf(report, out, {"name": "Hellas Systems S.A.", "timezone": "Europe/Athens"})
    doc = QPdfDocument()
    assert doc.load(str(out)) == QPdfDocument.Error.None_
    text = " ".join(doc.getAllText(page).text() for page in range(doc.pageCount()))
    text = " ".join(text.split())
    assert "Monthly SLA report · February 2026" in text
    for row in data["availability"]:
        assert f"{row['availability_pct']:.3f} %" in text
    for outage in data["outages"]:
        assert outage["ticket"] in text
    for alert in data["alerts"]:
        assert alert["alertname"] in text
    assert "Slowest acknowledge 32 min" in text
    assert "For Acme Logistics" in text  # the sign-off block
    samples = os.environ.get("SUPPORTDESK_REPORT_SAMPLES")
    if samples and "sqlite" in str(
        report.customer_code + os.environ.get("PYTEST_CURRENT_TEST", "")
    ):
        keep = Path(samples)
        keep.mkdir(parents=True, exist_ok=True)
        shutil.copy(out, keep / "monthly-sla-report.pdf")
        for page in range(doc.pageCount()):
            size = doc.pagePointSize(page).toSize() * 2  # 144 dpi
            image = doc.render(page, QSize(size.width(), size.height()))
            image.save(str(keep / f"monthly-sla-report-{page + 1}.png"))
