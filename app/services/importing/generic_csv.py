"""A CSV of tickets from any other system, described by a JSON column-mapping file
(:mod:`app.services.importing.mapping`; the language is in docs/importing.md).

Several rows with the same number are successive updates of one ticket, applied in file
order (a file with one row per ticket is the simple case). Header columns not mapped
are kept in the history data.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, tzinfo

from app.domain.errors import ValidationError
from app.domain.tickets import SUBJECT_MAX, Criticality, ServiceType, Status
from app.services.importing.csvfile import CsvFile, check_width
from app.services.importing.mapping import JOIN, Mapping
from app.services.importing.model import ParsedFile, Problem, Problems, SourceRow

__all__ = ["Mapping", "parse"]


class _RowError(Exception):
    pass


def parse(file: CsvFile, mapping: Mapping, zone: tzinfo | None) -> ParsedFile:
    """Parse the whole file into memory (tests, small files); the import streams
    :func:`read` instead."""
    parsed = ParsedFile(mapping.source_system)
    parsed.rows.extend(read(file, mapping, zone, parsed.problems))
    return parsed


def read(
    file: CsvFile, mapping: Mapping, zone: tzinfo | None, problems: Problems
) -> Iterator[SourceRow]:
    """The file's rows as a stream. ``zone``: the zone of times written without an
    offset (None: such a time refuses the file, it is never taken as UTC)."""
    rows = file.records(problems)
    header = next(rows, None)
    if header is None:
        if not problems:
            problems.append(Problem(1, "the file is empty; expected a header line."))
        return
    line, names = header
    names = [n.strip() for n in names]
    missing = sorted(mapping.used_columns - set(names))
    if missing:
        problems.append(
            Problem(line, f"the mapping names columns the file lacks: {', '.join(missing)}.")
        )
        return
    mapped = mapping.used_columns
    for line, cells in rows:
        if not check_width(line, cells, len(names), problems):
            continue
        values = {n: c.strip() for n, c in zip(names, cells, strict=True)}
        try:
            yield _row(line, values, mapping, mapped, problems, zone)
        except _RowError as exc:
            problems.append(Problem(line, str(exc)))


class NoTimeZone(ValidationError):
    """A time without an offset, and no zone to read it in."""


def _row(  # noqa: PLR0917 - internal, positional by design
    line: int,
    v: dict[str, str],
    m: Mapping,
    mapped: set[str],
    problems: list[Problem],
    zone: tzinfo | None,
) -> SourceRow:
    def get(name: str) -> str | None:
        # Several columns: their given cells joined ("Closed / Resolved").
        parts = [v[c] for c in m.columns.get(name, ()) if v[c] not in m.missing]
        if not parts:
            default = m.defaults.get(name)
            return None if default is None else str(default)
        return JOIN.join(parts)

    def date(name: str) -> datetime | None:
        raw = get(name)
        if raw is None:
            return None
        for fmt in m.date_formats:
            try:
                parsed = datetime.strptime(raw, fmt)
            except ValueError:
                continue
            if parsed.tzinfo is None:
                if zone is None:
                    raise NoTimeZone(
                        f"line {line}: {name} {raw!r} says no time zone; give the exporter's "
                        'zone with --source-tz (or "timezone" in the mapping).'
                    )
                parsed = parsed.replace(tzinfo=zone)
            return parsed.astimezone(UTC)
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
    criticality = get("criticality")
    if criticality is not None:
        criticality = str(m.values.get("criticality", {}).get(criticality, criticality)).lower()
        if criticality not in Criticality.__members__.values():
            raise _RowError(f"{number}: unknown criticality {criticality!r}.")
    subject = get("subject")
    if m.subject_template:
        filled = m.subject_template.format_map(_Cells(v, m.missing))
        subject = filled if filled.strip(" /:-") else subject
    subject = " ".join((subject or f"{m.source_system} ticket {number}").split())
    product = get("product")
    return SourceRow(
        line=line,
        number=number,
        updated_at=updated,
        source_state=state,
        status=status,
        priority=priority,
        criticality=criticality,
        product=product.strip().upper() if product else None,
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


class _Cells(dict[str, str]):
    """The row's cells for the subject template; a missing cell reads as empty."""

    def __init__(self, row: dict[str, str], missing: frozenset[str]) -> None:
        super().__init__({k: ("" if c in missing else c) for k, c in row.items()})

    def __missing__(self, key: str) -> str:
        return ""


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
