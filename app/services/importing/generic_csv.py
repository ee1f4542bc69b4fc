"""A CSV of tickets from any other system, described by a JSON column-mapping file.

The mapping (see docs/importing.md for a full example)::

    {
      "source_system": "jira",            # required; tickets are matched by (system, number)
      "username_prefix": "jira",          # imported people become e.g. jira.ann.lee
      "date_formats": ["%Y-%m-%d %H:%M"], # tried in order; times are taken as UTC
      "missing": ["", "?", "N/A"],        # cells that mean "not given"
      "columns": {"number": "Key", "updated_at": "Updated", "status": "Status", ...},
      "values": {"status": {"Open": "new", "Done": "closed"}, "priority": {"Highest": 1}},
      "defaults": {"customer": "ACME", "service_type": "first_level_support"}
    }

``columns`` maps our fields (:data:`FIELDS`) to the file's header names; ``number`` and
one of ``updated_at`` / ``opened_at`` are required. Several rows with the same number
are successive updates of one ticket, applied in file order (a file with one row per
ticket is the simple case). Header columns not mapped are kept in the history data.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.domain.errors import ValidationError
from app.domain.tickets import SUBJECT_MAX, ServiceType, Status
from app.services.importing.csvfile import CsvFile, check_width, records
from app.services.importing.model import ParsedFile, Problem, SourceRow

TEXT_FIELDS = [
    "number",
    "status",
    "subject",
    "description",
    "service_type",
    "customer",
    "assignee",
    "group",
    "actor",
    "opened_by",
    "resolved_by",
    "solution",
    "priority",
]
DATE_FIELDS = ("updated_at", "opened_at", "resolved_at", "closed_at")
INT_FIELDS = ("reassignment_count", "reopen_count")
FIELDS = frozenset((*TEXT_FIELDS, *DATE_FIELDS, *INT_FIELDS, "made_sla"))
_PREFIX = re.compile(r"^[a-z][a-z0-9]{0,15}$")


@dataclass(frozen=True)
class Mapping:
    source_system: str
    columns: dict[str, str]
    username_prefix: str
    date_formats: tuple[str, ...] = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S")
    missing: frozenset[str] = frozenset({"", "?"})
    values: dict[str, dict[str, Any]] = field(default_factory=dict)
    defaults: dict[str, Any] = field(default_factory=dict)

    @property
    def default_customer(self) -> str | None:
        value = self.defaults.get("customer")
        return str(value) if value else None

    @classmethod
    def load(cls, path: str | Path) -> Mapping:
        file = Path(path)
        try:
            raw = json.loads(file.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ValidationError(f"cannot read mapping {file}: {exc.strerror or exc}.") from None
        except json.JSONDecodeError as exc:
            raise ValidationError(f"mapping {file.name} line {exc.lineno}: {exc.msg}.") from None
        return cls.from_dict(raw, file.name)

    @classmethod
    def from_dict(cls, raw: Any, name: str = "mapping") -> Mapping:
        if not isinstance(raw, dict):
            raise ValidationError(f"{name}: expected a JSON object.")
        system = str(raw.get("source_system") or "").strip().lower()
        if not _PREFIX.fullmatch(system.replace("_", "")):
            raise ValidationError(f"{name}: source_system must be a short lower-case name.")
        columns = raw.get("columns")
        if not isinstance(columns, dict) or "number" not in columns:
            raise ValidationError(f"{name}: columns must map at least 'number' to a header.")
        unknown = sorted(set(columns) - FIELDS)
        if unknown:
            raise ValidationError(
                f"{name}: unknown fields {', '.join(unknown)}; known: {', '.join(sorted(FIELDS))}."
            )
        if "updated_at" not in columns and "opened_at" not in columns:
            raise ValidationError(f"{name}: map 'updated_at' or 'opened_at' to a date column.")
        prefix = str(raw.get("username_prefix") or system.replace("_", "")[:16])
        if not _PREFIX.fullmatch(prefix):
            raise ValidationError(f"{name}: username_prefix must be lower-case letters/digits.")
        formats = raw.get("date_formats")
        return cls(
            source_system=system,
            columns={k: str(v) for k, v in columns.items()},
            username_prefix=prefix,
            date_formats=tuple(formats) if formats else cls.date_formats,
            missing=frozenset(raw.get("missing", ["", "?"])),
            values=dict(raw.get("values") or {}),
            defaults=dict(raw.get("defaults") or {}),
        )


class _RowError(Exception):
    pass


def parse(file: CsvFile, mapping: Mapping) -> ParsedFile:
    parsed = ParsedFile(mapping.source_system)
    rows = records(file.text, parsed.problems)
    header = next(rows, None)
    if header is None:
        if not parsed.problems:
            parsed.problems.append(Problem(1, "the file is empty; expected a header line."))
        return parsed
    line, names = header
    names = [n.strip() for n in names]
    missing = [c for c in mapping.columns.values() if c not in names]
    if missing:
        parsed.problems.append(
            Problem(line, f"the mapping names columns the file lacks: {', '.join(missing)}.")
        )
        return parsed
    mapped = set(mapping.columns.values())
    for line, cells in rows:
        if not check_width(line, cells, len(names), parsed.problems):
            continue
        values = {n: c.strip() for n, c in zip(names, cells, strict=True)}
        try:
            parsed.rows.append(_row(line, values, mapping, mapped, parsed.problems))
        except _RowError as exc:
            parsed.problems.append(Problem(line, str(exc)))
    return parsed


def _row(
    line: int, v: dict[str, str], m: Mapping, mapped: set[str], problems: list[Problem]
) -> SourceRow:
    def get(name: str) -> str | None:
        column = m.columns.get(name)
        raw = v[column] if column else None
        if raw is None or raw in m.missing:
            default = m.defaults.get(name)
            return None if default is None else str(default)
        return raw

    def date(name: str) -> datetime | None:
        raw = get(name)
        if raw is None:
            return None
        for fmt in m.date_formats:
            try:
                parsed = datetime.strptime(raw, fmt)
            except ValueError:
                continue
            return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
        raise _RowError(f"{name} {raw!r} matches none of the date formats {list(m.date_formats)}.")

    number = get("number")
    if number is None:
        raise _RowError("the ticket number is missing.")
    opened = date("opened_at")
    updated = date("updated_at") or opened
    if updated is None:
        raise _RowError(f"{number}: no update or opening time.")
    state = get("status")
    status = _status(state, m)
    if state is not None and status is None:
        note = f"{number}: unknown status {state!r} kept as it is"
        problems.append(Problem(line, note, fatal=False))
    priority = _priority(get("priority"), m)
    if get("priority") is not None and priority is None:
        problems.append(
            Problem(line, f"{number}: unknown priority {get('priority')!r} ignored", False)
        )
    service = get("service_type")
    if service is not None:
        service = str(m.values.get("service_type", {}).get(service, service))
        if service not in ServiceType.__members__.values():
            raise _RowError(f"{number}: unknown service type {service!r}.")
    subject = " ".join((get("subject") or f"{m.source_system} ticket {number}").split())
    return SourceRow(
        line=line,
        number=number,
        updated_at=updated,
        source_state=state,
        status=status,
        priority=priority,
        subject=subject[:SUBJECT_MAX],
        description=get("description") or "",
        service_type=service,
        customer=(get("customer") or "").upper() or None,
        assignee=get("assignee"),
        group=get("group"),
        actor=get("actor"),
        opened_by=get("opened_by"),
        opened_at=opened,
        resolved_at=date("resolved_at"),
        closed_at=date("closed_at"),
        resolved_by=get("resolved_by"),
        closed_code=get("solution"),
        reassignment_count=_int(get("reassignment_count"), "reassignment_count"),
        reopen_count=_int(get("reopen_count"), "reopen_count"),
        made_sla=_flag(get("made_sla")),
        extra={k: val for k, val in v.items() if k not in mapped and val not in m.missing},
    )


def _status(raw: str | None, m: Mapping) -> Status | None:
    if raw is None:
        return None
    value = m.values.get("status", {}).get(raw, raw)
    try:
        return Status(str(value).strip().lower())
    except ValueError:
        return None


def _priority(raw: str | None, m: Mapping) -> int | None:
    if raw is None:
        return None
    value = m.values.get("priority", {}).get(raw, raw)
    text = str(value).strip().upper().removeprefix("P")
    return int(text) if text in ("1", "2", "3", "4") else None


def _int(raw: str | None, name: str) -> int | None:
    if raw is None:
        return None
    if not raw.isdigit():
        raise _RowError(f"{name} {raw!r} is not a whole number.")
    return int(raw)


def _flag(raw: str | None) -> bool | None:
    if raw is None:
        return None
    low = raw.lower()
    if low in ("true", "1", "yes", "y"):
        return True
    if low in ("false", "0", "no", "n"):
        return False
    raise _RowError(f"made_sla {raw!r} is neither true nor false.")
