"""Alertmanager payloads parsed and mapped to customers, systems and criticality."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from app.domain.alertmanager import parse_payload
from app.domain.availability import OutageKind
from app.domain.errors import ValidationError
from app.services.alerts import AlertMapping


def _doc(**alert: object) -> str:
    base = {
        "status": "firing",
        "labels": {"alertname": "Down", "customer": "acme-logistics", "instance": "db-1:9100",
                   "severity": "warning"},
        "annotations": {},
        "startsAt": "2026-03-05T10:00:00.123456789+02:00",
        "endsAt": "0001-01-01T00:00:00Z",
    } | alert  # fmt: skip
    return json.dumps({"version": "4", "alerts": [base]})


def test_go_times_and_the_zero_end_are_understood() -> None:
    [alert] = parse_payload(_doc()).alerts
    assert alert.starts_at == datetime(2026, 3, 5, 8, 0, 0, 123456, tzinfo=UTC)
    assert alert.ends_at is None
    # Without a fingerprint (hand-written payloads) a stable one stands in.
    assert alert.fingerprint == parse_payload(_doc()).alerts[0].fingerprint
    assert len(alert.fingerprint) == 16


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"startsAt": "yesterday"}, "not an RFC 3339 time"),
        ({"startsAt": "2026-03-05T10:00:00"}, "has no time zone"),
        ({"status": "resolved"}, "resolved but has no endsAt"),
        ({"labels": {"alertname": "X", "n": 1}}, "map names to strings"),
        ({"endsAt": "2026-03-05T07:00:00Z"}, "ends before it starts"),
    ],
)
def test_bad_alerts_are_named(change: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_payload(_doc(**change))


def test_the_settings_map_labels_to_customers_systems_and_outages() -> None:
    mapping = AlertMapping.from_settings(
        {
            "alerts": {
                "system_label": "instance",
                "customers": {"acme-logistics": "ACME"},
                "severities": {"warning": "high"},
                "outages": {"warning": "degraded"},
            }
        }
    )
    [alert] = parse_payload(_doc()).alerts
    assert mapping.customer(alert) == "ACME"
    assert mapping.system(alert) == "db-1:9100"
    assert mapping.criticality(alert) == "high"
    assert mapping.outage(alert) == OutageKind.DEGRADED
    # Defaults: the label value is the code; warnings record no outage.
    plain = AlertMapping.from_settings({})
    assert plain.customer(alert) == "ACME-LOGISTICS"
    assert plain.outage(alert) is None
    [odd] = parse_payload(
        _doc(labels={"alertname": "X", "customer": "a", "outage": "maybe"})
    ).alerts
    with pytest.raises(ValidationError, match="full, degraded or none"):
        plain.outage(odd)
