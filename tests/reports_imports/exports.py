"""Generated help-desk exports for the report and import tests: ticket histories as
plain data, written as a mapped CSV with its mapping file."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

DATE = "%Y-%m-%d %H:%M:%S"
HEADER = ["Id", "At", "Opened", "Status", "Prio", "Owner", "SLA"]
MAPPING: dict[str, Any] = {
    "source_system": "gen",
    "timezone": "UTC",
    "date_formats": [DATE],
    "columns": {
        "number": "Id",
        "updated_at": "At",
        "opened_at": "Opened",
        "status": "Status",
        "priority": "Prio",
        "assignee": "Owner",
        "made_sla": "SLA",
    },
}


@dataclass(frozen=True)
class Update:
    at: datetime
    status: str
    owner: str | None


@dataclass(frozen=True)
class History:
    """One ticket as its source recorded it: updates in time order, the first at opening."""

    number: str
    priority: int
    updates: tuple[Update, ...]
    made_sla: bool | None  # written on the last row only, as a source's final verdict

    @property
    def opened(self) -> datetime:
        return self.updates[0].at


def write(folder: Path, histories: list[History], name: str = "export") -> tuple[Path, Path]:
    data = folder / f"{name}.csv"
    with data.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        for h in histories:
            for i, u in enumerate(h.updates):
                last = i == len(h.updates) - 1
                sla = "" if not last or h.made_sla is None else str(h.made_sla).lower()
                out.writerow(
                    [
                        h.number,
                        u.at.strftime(DATE),
                        h.opened.strftime(DATE),
                        u.status,
                        str(h.priority),
                        u.owner or "",
                        sla,
                    ]
                )
    mapping = folder / f"{name}.json"
    mapping.write_text(json.dumps(MAPPING), encoding="utf-8")
    return data, mapping
