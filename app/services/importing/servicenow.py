"""ServiceNow incident exports with one row per update (the standard column set).

Mapping decisions (documented in docs/importing.md):

- ``?`` or an empty cell means "not given". Dates are day-first (``29/2/2016 01:16``)
  in the exporter's time zone, which the file does not say: the import is told
  (``--source-tz``), never guesses UTC.
- States: New → new; Active → in_progress (ServiceNow's "Active" means someone works
  on it, our "assigned" means nobody started yet); Awaiting User Info / Problem /
  Vendor / Evidence → waiting_on_customer; Resolved → resolved; Closed → closed.
  The original name is kept in the history event's data. Any other state (e.g.
  ``-100``) maps to nothing: the ticket keeps its previous status, the name is kept in
  the event data and the import reports it.
- Priority ``1 - Critical … 4 - Low`` → P1…P4 and criticality critical…low.
- The subject is ``category / subcategory / u_symptom`` (the values present), else
  ``ServiceNow incident <number>``.
- Service type: see :data:`SERVICE_KEYWORDS`; default first_level_support.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, tzinfo
from functools import lru_cache
from sys import intern

from app.domain.tickets import SUBJECT_MAX, ServiceType, Status
from app.services.importing.csvfile import CsvFile, check_width
from app.services.importing.model import ParsedFile, Problem, Problems, SourceRow

SOURCE = "servicenow"

COLUMNS = [
    "number",
    "incident_state",
    "active",
    "reassignment_count",
    "reopen_count",
    "sys_mod_count",
    "made_sla",
    "caller_id",
    "opened_by",
    "opened_at",
    "sys_created_by",
    "sys_created_at",
    "sys_updated_by",
    "sys_updated_at",
    "contact_type",
    "location",
    "category",
    "subcategory",
    "u_symptom",
    "cmdb_ci",
    "impact",
    "urgency",
    "priority",
    "assignment_group",
    "assigned_to",
    "knowledge",
    "u_priority_confirmation",
    "notify",
    "problem_id",
    "rfc",
    "vendor",
    "caused_by",
    "closed_code",
    "resolved_by",
    "resolved_at",
    "closed_at",
]

STATES: dict[str, Status] = {
    "new": Status.NEW,
    "active": Status.IN_PROGRESS,
    "awaiting user info": Status.WAITING_ON_CUSTOMER,
    "awaiting problem": Status.WAITING_ON_CUSTOMER,
    "awaiting vendor": Status.WAITING_ON_CUSTOMER,
    "awaiting evidence": Status.WAITING_ON_CUSTOMER,
    "resolved": Status.RESOLVED,
    "closed": Status.CLOSED,
}

# First keyword found in contact_type, then category / subcategory, decides the service.
SERVICE_KEYWORDS: tuple[tuple[str, ServiceType], ...] = (
    ("monitor", ServiceType.SYSTEM_MONITORING),
    ("alert", ServiceType.SYSTEM_MONITORING),
    ("event", ServiceType.SYSTEM_MONITORING),
    ("hosting", ServiceType.MANAGED_HOSTING),
    ("server", ServiceType.MANAGED_HOSTING),
    ("network", ServiceType.MANAGED_HOSTING),
    ("hardware", ServiceType.MANAGED_HOSTING),
    ("database", ServiceType.MANAGED_HOSTING),
    ("software", ServiceType.SOFTWARE_MAINTENANCE),
    ("application", ServiceType.SOFTWARE_MAINTENANCE),
)
DEFAULT_SERVICE = ServiceType.FIRST_LEVEL_SUPPORT

# Columns that become SourceRow fields; the rest go to ``extra`` as they are.
_MAPPED = frozenset(
    [
        "number",
        "incident_state",
        "reassignment_count",
        "reopen_count",
        "made_sla",
        "opened_by",
        "opened_at",
        "sys_updated_by",
        "sys_updated_at",
        "priority",
        "assignment_group",
        "assigned_to",
        "closed_code",
        "resolved_by",
        "resolved_at",
        "closed_at",
    ]
)
_MISSING = frozenset({"", "?"})
_PRIORITY = re.compile(r"\s*([1-4])\s*-")
_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?")


class _RowError(Exception):
    pass


def parse(file: CsvFile, zone: tzinfo) -> ParsedFile:
    """Parse the whole file into memory (tests, small files); the import streams
    :func:`read` instead."""
    parsed = ParsedFile(SOURCE)
    parsed.rows.extend(read(file, zone, parsed.problems))
    return parsed


def read(file: CsvFile, zone: tzinfo, problems: Problems) -> Iterator[SourceRow]:
    """The file's rows as a stream; problems are collected in ``problems`` (the first
    hundred listed, all counted), not raised. ``zone``: the exporter's time zone."""
    rows = file.records(problems)
    header = next(rows, None)
    if header is None:
        if not problems:
            problems.append(Problem(1, "the file is empty; expected a ServiceNow header."))
        return
    line, names = header
    names = [n.strip() for n in names]
    if not _header_ok(line, names, problems):
        return
    for line, fields in rows:
        if not check_width(line, fields, len(names), problems):
            continue
        # Only the values given, interned: the same names and codes repeat on many rows.
        values = {
            n: intern(text)
            for n, v in zip(names, fields, strict=True)
            if (text := v.strip()) not in _MISSING
        }
        try:
            yield _row(line, values, problems, zone)
        except _RowError as exc:
            problems.append(Problem(line, str(exc)))


def _header_ok(line: int, names: list[str], problems: list[Problem]) -> bool:
    missing = [c for c in COLUMNS if c not in names]
    unknown = [n for n in names if n not in COLUMNS]
    if not missing and not unknown and len(set(names)) == len(names):
        return True
    parts = []
    if missing:
        parts.append(f"missing columns: {', '.join(missing)}")
    if unknown:
        parts.append(f"unknown columns: {', '.join(unknown)}")
    if not parts:
        parts.append("a column appears twice")
    problems.append(Problem(line, "not a ServiceNow incident export (" + "; ".join(parts) + ")."))
    return False


def _row(line: int, v: dict[str, str], problems: list[Problem], zone: tzinfo) -> SourceRow:
    get = v.get
    number = get("number")
    if number is None:
        raise _RowError("the incident number is missing.")

    def _date(name: str) -> datetime | None:
        return _when(v, name, zone)

    updated = _date("sys_updated_at") or _date("sys_created_at")
    if updated is None:
        raise _RowError("neither sys_updated_at nor sys_created_at is given.")
    state = get("incident_state")
    status = STATES.get(state.lower()) if state else None
    if state and status is None:
        problems.append(
            Problem(line, f"{number}: unknown state {state!r} kept as it is", fatal=False)
        )
    priority = _priority(get("priority"))
    if get("priority") and priority is None:
        problems.append(
            Problem(line, f"{number}: unknown priority {get('priority')!r} ignored", fatal=False)
        )
    return SourceRow(
        line=line,
        number=number,
        updated_at=updated,
        source_state=state,
        status=status,
        priority=priority,
        subject=subject(number, get("category"), get("subcategory"), get("u_symptom")),
        service_type=service_type(get("contact_type"), get("category"), get("subcategory")),
        assignee=get("assigned_to"),
        group=get("assignment_group"),
        actor=get("sys_updated_by"),
        opened_by=get("opened_by"),
        opened_at=_date("opened_at") or _date("sys_created_at"),
        resolved_at=_date("resolved_at"),
        closed_at=_date("closed_at"),
        resolved_by=get("resolved_by"),
        closed_code=get("closed_code"),
        reassignment_count=_count(v, "reassignment_count"),
        reopen_count=_count(v, "reopen_count"),
        made_sla=_flag(v, "made_sla"),
        extra={k: val for k, val in v.items() if k not in _MAPPED},
    )


@lru_cache(maxsize=4096)
def _joined(*parts: str | None) -> str:
    return " ".join(" / ".join(p for p in parts if p).split())[:SUBJECT_MAX]


def subject(number: str, *parts: str | None) -> str:
    return _joined(*parts) or f"ServiceNow incident {number}"


@lru_cache(maxsize=4096)
def service_type(*hints: str | None) -> str:
    for hint in hints:
        low = (hint or "").lower()
        for keyword, service in SERVICE_KEYWORDS:
            if keyword in low:
                return service.value
    return DEFAULT_SERVICE.value


def _when(v: dict[str, str], name: str, zone: tzinfo) -> datetime | None:
    raw = v.get(name)
    if raw is None:
        return None
    moment = _parse_date(raw, zone)
    if moment is None:
        raise _RowError(f"{name} {raw!r} is not a day-first date like 29/2/2016 01:16.")
    return moment


@lru_cache(maxsize=65_536)
def _parse_date(raw: str, zone: tzinfo) -> datetime | None:
    # A regular expression instead of strptime: exports repeat few distinct minutes, and
    # strptime is the slowest part of reading 150,000 rows.
    match = _DATE.fullmatch(raw)
    if match is None:
        return None
    day, month, year, hour, minute, second = (int(g or 0) for g in match.groups())
    try:
        local = datetime(year, month, day, hour, minute, second, tzinfo=zone)
        return local.astimezone(UTC)
    except ValueError:  # 31/2/2016, 25:00 …
        return None


def _priority(raw: str | None) -> int | None:
    match = _PRIORITY.match(raw or "")
    return int(match.group(1)) if match else None


def _count(v: dict[str, str], name: str) -> int | None:
    raw = v.get(name)
    if raw is None:
        return None
    if not raw.isdigit():
        raise _RowError(f"{name} {raw!r} is not a whole number.")
    return int(raw)


def _flag(v: dict[str, str], name: str) -> bool | None:
    if name not in v:
        return None
    raw = v[name].lower()
    if raw in ("true", "1", "yes"):
        return True
    if raw in ("false", "0", "no"):
        return False
    raise _RowError(f"{name} {v[name]!r} is neither true nor false.")
