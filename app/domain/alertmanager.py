"""Prometheus Alertmanager's webhook payload (``webhook_configs``, version "4"), checked
and turned into plain records before anything touches the database.

A payload is one notification of one alert group::

    {"version": "4", "status": "firing", "receiver": "...", "groupKey": "...",
     "groupLabels": {...}, "commonLabels": {...}, "alerts": [
        {"status": "firing" | "resolved", "labels": {...}, "annotations": {...},
         "startsAt": RFC 3339, "endsAt": RFC 3339 ("0001-01-01T00:00:00Z" = not yet),
         "generatorURL": "...", "fingerprint": "..."}, ...]}

An alert *episode* is its fingerprint plus the instant it started firing: Alertmanager
repeats the same episode every ``repeat_interval`` and we must recognise the repeat.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from app.domain.errors import ValidationError

MAX_PAYLOAD_BYTES = 1_000_000
MAX_ALERTS = 1000
SUPPORTED_VERSION = "4"
# Go's zero time: Alertmanager's "no end known yet".
_ZERO_YEAR = 1
# RFC 3339 with up to nanoseconds; Python keeps microseconds.
_FRACTION = re.compile(r"(\.\d{1,6})\d*")


@dataclass(frozen=True, slots=True)
class AlertRecord:
    status: str  # "firing" or "resolved"
    fingerprint: str
    labels: Mapping[str, str]
    annotations: Mapping[str, str]
    starts_at: datetime
    ends_at: datetime | None

    @property
    def name(self) -> str:
        return self.labels.get("alertname", "alert")


@dataclass(frozen=True, slots=True)
class Notification:
    receiver: str
    group_key: str
    alerts: tuple[AlertRecord, ...]


def parse_payload(raw: bytes | str) -> Notification:
    """The payload's alerts, or a :class:`ValidationError` that says what is wrong."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    if len(raw) > MAX_PAYLOAD_BYTES:
        raise ValidationError(f"alert payload too large (over {MAX_PAYLOAD_BYTES} bytes).")
    try:
        doc = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(f"alert payload is not valid JSON: {exc}.") from None
    if not isinstance(doc, dict):
        raise ValidationError("alert payload must be a JSON object (Alertmanager webhook).")
    version = doc.get("version")
    if version != SUPPORTED_VERSION:
        raise ValidationError(
            f"unsupported Alertmanager webhook version {version!r}; expected {SUPPORTED_VERSION!r}."
        )
    alerts = doc.get("alerts")
    if not isinstance(alerts, list):
        raise ValidationError("alert payload has no 'alerts' list.")
    if len(alerts) > MAX_ALERTS:
        raise ValidationError(f"alert payload has more than {MAX_ALERTS} alerts.")
    records = tuple(_alert(i, a) for i, a in enumerate(alerts, start=1))
    return Notification(
        receiver=str(doc.get("receiver") or ""),
        group_key=str(doc.get("groupKey") or ""),
        alerts=records,
    )


def _alert(index: int, item: Any) -> AlertRecord:
    where = f"alert {index}"
    if not isinstance(item, dict):
        raise ValidationError(f"{where} is not a JSON object.")
    status = item.get("status")
    if status not in ("firing", "resolved"):
        raise ValidationError(f"{where}: status must be 'firing' or 'resolved', not {status!r}.")
    labels = _strings(where, "labels", item.get("labels"))
    annotations = _strings(where, "annotations", item.get("annotations") or {})
    if not labels.get("alertname"):
        raise ValidationError(f"{where} has no alertname label.")
    starts = _instant(where, "startsAt", item.get("startsAt"))
    if starts is None:
        raise ValidationError(f"{where} has no startsAt.")
    ends = _instant(where, "endsAt", item.get("endsAt"))
    if status == "resolved" and ends is None:
        raise ValidationError(f"{where} is resolved but has no endsAt.")
    if ends is not None and ends < starts:
        raise ValidationError(f"{where} ends before it starts.")
    fingerprint = item.get("fingerprint") or _fingerprint(labels)
    if not isinstance(fingerprint, str) or len(fingerprint) > 64:
        raise ValidationError(f"{where}: fingerprint must be a string of at most 64 characters.")
    return AlertRecord(status, fingerprint, labels, annotations, starts, ends)


def _strings(where: str, name: str, value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise ValidationError(f"{where}: {name} must map names to strings.")
    return dict(value)


def _instant(where: str, name: str, value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValidationError(f"{where}: {name} must be an RFC 3339 time.")
    try:
        moment = datetime.fromisoformat(_FRACTION.sub(r"\1", value.strip()))
    except ValueError:
        raise ValidationError(f"{where}: {name} {value!r} is not an RFC 3339 time.") from None
    if moment.tzinfo is None:
        raise ValidationError(f"{where}: {name} {value!r} has no time zone.")
    if moment.year == _ZERO_YEAR:
        return None
    return moment.astimezone(UTC)


def _fingerprint(labels: Mapping[str, str]) -> str:
    """Alertmanager always sends one; for hand-written payloads, a stable stand-in."""
    canonical = json.dumps(sorted(labels.items()), separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]
