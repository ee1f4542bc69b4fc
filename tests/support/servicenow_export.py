"""Writing ServiceNow-format incident exports (one row per update) for tests and benchmarks."""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Iterable, Mapping
from pathlib import Path

from app.services.importing.servicenow import COLUMNS

# The values of a typical first row; a test overrides what its story needs.
BASE: dict[str, str] = {
    "incident_state": "New",
    "active": "true",
    "reassignment_count": "0",
    "reopen_count": "0",
    "sys_mod_count": "0",
    "made_sla": "true",
    "caller_id": "Caller 2403",
    "opened_by": "Opened by 8",
    "opened_at": "?",
    "sys_created_by": "Created by 6",
    "sys_created_at": "?",
    "sys_updated_by": "Updated by 21",
    "sys_updated_at": "?",
    "contact_type": "Phone",
    "location": "Location 143",
    "category": "Category 55",
    "subcategory": "Subcategory 170",
    "u_symptom": "Symptom 72",
    "cmdb_ci": "?",
    "impact": "2 - Medium",
    "urgency": "2 - Medium",
    "priority": "3 - Moderate",
    "assignment_group": "Group 56",
    "assigned_to": "?",
    "knowledge": "true",
    "u_priority_confirmation": "false",
    "notify": "Do Not Notify",
    "problem_id": "?",
    "rfc": "?",
    "vendor": "?",
    "caused_by": "?",
    "closed_code": "?",
    "resolved_by": "?",
    "resolved_at": "?",
    "closed_at": "?",
}


def incident(number: str, *updates: Mapping[str, str]) -> list[dict[str, str]]:
    """The rows of one incident: each update changes the previous row's values."""
    rows: list[dict[str, str]] = []
    current = {"number": number, **BASE}
    for index, change in enumerate(updates):
        current = {**current, **change, "sys_mod_count": str(index)}
        rows.append(current)
    return rows


def export_text(rows: Iterable[Mapping[str, str]], columns: Iterable[str] = COLUMNS) -> str:
    out = io.StringIO()
    names = list(columns)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([row.get(c, "?") for c in names])
    return out.getvalue()


def write_export(path: Path, rows: Iterable[Mapping[str, str]]) -> Path:
    path.write_text(export_text(rows), encoding="utf-8")
    return path


STATES = ["Active", "Awaiting User Info", "Active", "Resolved", "Closed"]


def synthetic_rows(row_count: int, seed: int = 7) -> list[dict[str, str]]:
    """About ``row_count`` rows of plausible incidents, ~6 updates each (benchmarks)."""
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    n = 0
    while len(rows) < row_count:
        n += 1
        day, hour = 1 + n % 28, n % 20
        opened = f"{day}/{1 + n % 12}/2016 {hour:02d}:00"
        updates: list[dict[str, str]] = [
            {"opened_at": opened, "sys_created_at": opened, "sys_updated_at": opened}
        ]
        resolver = f"Resolver {rng.randrange(150)}"
        for step, state in enumerate(STATES, start=1):
            at = f"{day}/{1 + n % 12}/2016 {hour:02d}:{step * 9:02d}"
            change = {"incident_state": state, "sys_updated_at": at}
            change["sys_updated_by"] = f"Updated by {rng.randrange(200)}"
            if step == 1:
                change["assigned_to"] = resolver
            if step == 2 and rng.random() < 0.2:
                change["priority"] = "2 - High"
            if state == "Resolved":
                change |= {"resolved_at": at, "resolved_by": resolver, "closed_code": "code 5"}
            if state == "Closed":
                change |= {"closed_at": at, "active": "false"}
            updates.append(change)
        rows.extend(incident(f"INC{n:07d}", *updates))
    return rows[:row_count]
