"""Every model of the Administration window passes qtmodeltester, filled and empty, and
behaves as its section relies on: sorting by value, filtering across columns, the
week grid's round trip to the schedule text, targets edited in place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.sla import DEFAULT_TARGETS, Target
from ui.admin.records import Column, RecordFilter, RecordModel, RecordRole
from ui.admin.schedule_grid import ScheduleGridModel, hours_of, spec_of
from ui.admin.targets_model import BUSINESS, PRIORITY, RESPONSE, TargetsModel


@dataclass(frozen=True)
class Row:
    code: str
    size: int
    since: date | None
    active: bool


ROWS = [
    Row("ACME", 10, date(2026, 1, 5), True),
    Row("beta", 2, None, False),
    Row("Cobalt", 33, date(2025, 6, 1), True),
]


def record_model() -> RecordModel[Row]:
    model: RecordModel[Row] = RecordModel(
        [
            Column("Code", lambda r: r.code),
            Column("Size", lambda r: str(r.size), key=lambda r: r.size),
            Column(
                "Since", lambda r: r.since.isoformat() if r.since else "—", key=lambda r: r.since
            ),
            Column("Active", lambda r: "", check=lambda r: r.active),
        ]
    )
    model.set_records(ROWS)
    return model


def test_record_model_and_its_filter_pass_the_model_tester(qtmodeltester: Any) -> None:
    model = record_model()
    qtmodeltester.check(model)
    proxy = RecordFilter()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    model.set_records([])
    qtmodeltester.check(model)


def test_records_sort_by_value_and_filter_on_any_column() -> None:
    proxy = RecordFilter()
    proxy.setSourceModel(record_model())
    proxy.sort(1, Qt.SortOrder.AscendingOrder)  # numbers as numbers: 2, 10, 33
    assert [proxy.index(r, 0).data() for r in range(3)] == ["beta", "ACME", "Cobalt"]
    proxy.sort(2, Qt.SortOrder.AscendingOrder)  # no date first, then by date
    assert [proxy.index(r, 0).data() for r in range(3)] == ["beta", "Cobalt", "ACME"]
    proxy.sort(0, Qt.SortOrder.AscendingOrder)  # text ignores case
    assert [proxy.index(r, 0).data() for r in range(3)] == ["ACME", "beta", "Cobalt"]
    proxy.setFilterFixedString("2025-06")
    assert proxy.rowCount() == 1
    assert proxy.index(0, 0).data(RecordRole) == ROWS[2]
    assert proxy.index(0, 3).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def test_schedule_grid_passes_the_model_tester_and_round_trips(qtmodeltester: Any) -> None:
    model = ScheduleGridModel()
    qtmodeltester.check(model)
    model.set_spec("mon-fri 09:00-17:00; sat 22:00-02:00", "Europe/Athens")
    qtmodeltester.check(model)
    assert (0, 9) in model.cells and (0, 17) not in model.cells
    assert {(5, 22), (5, 23), (6, 0), (6, 1)} <= model.cells  # across midnight
    assert hours_of(model.spec()) == model.cells
    saturday_ten = model.index(5, 10)
    assert model.setData(saturday_ten, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert "sat 10:00-11:00" in model.spec()
    model.set_block(range(7), range(24))
    assert hours_of(model.spec()) == {(d, h) for d in range(7) for h in range(24)}
    model.set_block(range(7), range(24), on=False)
    assert model.spec() == ""  # an empty week: always on duty


def test_spec_of_writes_runs_per_day() -> None:
    assert spec_of({(0, 9), (0, 10), (0, 14)}) == "mon 09:00-11:00; mon 14:00-15:00"
    assert spec_of({(2, h) for h in range(24)}) == "wed 00:00-12:00; wed 12:00-24:00"


def test_targets_model_edits_in_place_and_refuses_what_the_domain_refuses(
    qtbot: QtBot, qtmodeltester: Any
) -> None:
    model = TargetsModel()
    model.set_targets(list(DEFAULT_TARGETS))
    qtmodeltester.check(model)
    edited: list[Target] = []
    refused: list[str] = []
    model.edited.connect(edited.append)
    model.refused.connect(refused.append)
    first = model.targets[0]
    assert model.setData(model.index(0, PRIORITY), 3)
    assert edited[-1].priority == 3 and model.index(0, PRIORITY).data() == "P3"
    # A response longer than the resolution is refused with the domain's words.
    assert not model.setData(model.index(0, RESPONSE), first.resolution_minutes + 1)
    assert "first-response target" in refused[-1]
    was = model.targets[0].business_hours
    assert model.setData(
        model.index(0, BUSINESS),
        Qt.CheckState.Unchecked if was else Qt.CheckState.Checked,
        Qt.ItemDataRole.CheckStateRole,
    )
    assert edited[-1].business_hours is (not was)
    assert len(edited) == 2
