"""The column-mapping file of the generic CSV importer, read and checked.

The language is documented in docs/importing.md; every mistake is refused here, before
the data file is read, with a message that names the key at fault.
"""

from __future__ import annotations

import json
import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.domain.errors import ValidationError
from app.domain.tickets import Criticality, ServiceType, Status

TEXT_FIELDS = (
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
    "criticality",
    "product",
)
DATE_FIELDS = ("updated_at", "opened_at", "resolved_at", "closed_at")
INT_FIELDS = ("reassignment_count", "reopen_count")
FIELDS = frozenset((*TEXT_FIELDS, *DATE_FIELDS, *INT_FIELDS, "made_sla"))
# Fields whose value maps translate to one of ours; checked when the mapping is read.
_TARGETS: dict[str, frozenset[str]] = {
    "status": frozenset(s.value for s in Status),
    "priority": frozenset({"1", "2", "3", "4", "P1", "P2", "P3", "P4"}),
    "criticality": frozenset(c.value for c in Criticality),
    "service_type": frozenset(s.value for s in ServiceType),
}
KEYS = frozenset(
    {
        "source_system",
        "username_prefix",
        "date_formats",
        "timezone",
        "missing",
        "columns",
        "subject_template",
        "values",
        "defaults",
        "people",
        "encoding",
        "delimiter",
    }
)
JOIN = " / "  # how the cells of a field mapped to several columns are joined
_PREFIX = re.compile(r"^[a-z][a-z0-9]{0,15}$")
DEFAULT_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S")


@dataclass(frozen=True)
class Mapping:
    source_system: str
    # our field → the file's column(s); several columns are joined with JOIN
    columns: dict[str, tuple[str, ...]]
    username_prefix: str
    date_formats: tuple[str, ...] = DEFAULT_FORMATS
    timezone: str | None = None  # the zone of times written without an offset
    missing: frozenset[str] = frozenset({"", "?"})
    values: dict[str, dict[str, Any]] = field(default_factory=dict)
    defaults: dict[str, Any] = field(default_factory=dict)
    subject_template: str | None = None  # e.g. "{Category}: {Short description}"
    fold_case: bool = True  # "Ann Lee" and "ann lee" are one person
    encoding: str | None = None
    delimiter: str | None = None

    @property
    def default_customer(self) -> str | None:
        value = self.defaults.get("customer")
        return str(value) if value else None

    @property
    def template_columns(self) -> tuple[str, ...]:
        if not self.subject_template:
            return ()
        names = (f for _, f, _, _ in string.Formatter().parse(self.subject_template) if f)
        return tuple(dict.fromkeys(names))

    @property
    def used_columns(self) -> set[str]:
        return {c for cols in self.columns.values() for c in cols} | set(self.template_columns)

    @classmethod
    def load(cls, path: str | Path) -> Mapping:
        file = Path(path)
        try:
            raw = json.loads(file.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ValidationError(f"cannot read mapping {file}: {exc.strerror or exc}.") from None
        except json.JSONDecodeError as exc:
            raise ValidationError(f"mapping {file.name} line {exc.lineno}: {exc.msg}.") from None
        except UnicodeDecodeError:
            raise ValidationError(f"mapping {file.name} is not UTF-8 text.") from None
        return cls.from_dict(raw, file.name)

    @classmethod
    def from_dict(cls, raw: Any, name: str = "mapping") -> Mapping:
        def bad(message: str) -> ValidationError:
            return ValidationError(f"{name}: {message}")

        if not isinstance(raw, dict):
            raise bad("expected a JSON object.")
        extra = sorted(set(raw) - KEYS)
        if extra:
            raise bad(f"unknown keys {', '.join(extra)}; known: {', '.join(sorted(KEYS))}.")
        system = str(raw.get("source_system") or "").strip().lower()
        if not _PREFIX.fullmatch(system.replace("_", "")):
            raise bad("source_system must be a short lower-case name.")
        columns = _columns(raw.get("columns"), bad)
        template = raw.get("subject_template")
        if template is not None:
            _check_template(template, bad)
        if "updated_at" not in columns and "opened_at" not in columns:
            raise bad("map 'updated_at' or 'opened_at' to a date column.")
        prefix = str(raw.get("username_prefix") or system.replace("_", "")[:16])
        if not _PREFIX.fullmatch(prefix):
            raise bad("username_prefix must be lower-case letters/digits.")
        formats = raw.get("date_formats")
        if formats is not None and (
            not isinstance(formats, list) or not all(isinstance(f, str) and f for f in formats)
        ):
            raise bad("date_formats must be a list of strptime formats.")
        zone = raw.get("timezone")
        if zone is not None:
            check_zone(str(zone), f"{name}: timezone")
        people = raw.get("people", "casefold")
        if people not in ("casefold", "exact"):
            raise bad("people must be 'casefold' (the default) or 'exact'.")
        values = raw.get("values") or {}
        if not isinstance(values, dict) or not all(isinstance(v, dict) for v in values.values()):
            raise bad("values must map a field to an object of source value → our value.")
        _check_values(values, bad)
        delimiter = raw.get("delimiter")
        if delimiter is not None and (not isinstance(delimiter, str) or len(delimiter) != 1):
            raise bad("delimiter must be one character.")
        return cls(
            source_system=system,
            columns=columns,
            username_prefix=prefix,
            date_formats=tuple(formats) if formats else DEFAULT_FORMATS,
            timezone=str(zone) if zone else None,
            missing=frozenset(raw.get("missing", ["", "?"])),
            values={k: dict(v) for k, v in values.items()},
            defaults=dict(raw.get("defaults") or {}),
            subject_template=template,
            fold_case=people == "casefold",
            encoding=raw.get("encoding"),
            delimiter=delimiter,
        )


def check_zone(zone: str, what: str = "--source-tz") -> ZoneInfo:
    try:
        return ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            f"{what}: unknown time zone {zone!r}; use a name like Europe/Athens or UTC."
        ) from None


def _columns(raw: Any, bad: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(raw, dict) or "number" not in raw:
        raise bad("columns must map at least 'number' to a header.")
    unknown = sorted(set(raw) - FIELDS)
    if unknown:
        raise bad(f"unknown fields {', '.join(unknown)}; known: {', '.join(sorted(FIELDS))}.")
    columns: dict[str, tuple[str, ...]] = {}
    for our, theirs in raw.items():
        names = [theirs] if isinstance(theirs, str) else theirs
        if (
            not isinstance(names, list)
            or not names
            or not all(isinstance(n, str) and n for n in names)
        ):
            raise bad(f"columns.{our} must be a header name or a list of header names.")
        if len(names) > 1 and our not in TEXT_FIELDS:
            raise bad(f"columns.{our}: only text fields may combine columns.")
        columns[our] = tuple(names)
    return columns


def _check_template(template: Any, bad: Any) -> None:
    if not isinstance(template, str) or not template.strip():
        raise bad('subject_template must be text such as "{Category}: {Summary}".')
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise bad(f"subject_template: {exc}.") from None
    if not any(f for _, f, _, _ in parts):
        raise bad("subject_template names no column (write column names in braces).")
    if any(spec or conv for _, f, spec, conv in parts if f):
        raise bad("subject_template: write {Column} only, without formats.")


def _check_values(values: dict[str, dict[str, Any]], bad: Any) -> None:
    for our, table in values.items():
        if our not in FIELDS:
            raise bad(f"values.{our}: not a field we know.")
        allowed = _TARGETS.get(our)
        if allowed is None:
            continue
        wrong = sorted(
            {str(v) for v in table.values() if str(v).strip().lower() not in _lower(allowed)}
        )
        if wrong:
            raise bad(
                f"values.{our}: {', '.join(repr(w) for w in wrong)} not one of ours "
                f"({', '.join(sorted(allowed))})."
            )


def _lower(values: frozenset[str]) -> set[str]:
    return {v.lower() for v in values}
