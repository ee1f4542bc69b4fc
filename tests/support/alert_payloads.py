"""Alertmanager webhook payloads (version 4), built the way Alertmanager sends them."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

NOT_ENDED = "0001-01-01T00:00:00Z"  # Go's zero time: "no end yet"


def rfc3339(moment: datetime) -> str:
    # Alertmanager writes nanoseconds; the receiver must cope with more than 6 digits.
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f") + "123Z"


def alert(
    name: str,
    *,
    status: str = "firing",
    starts: datetime,
    ends: datetime | None = None,
    severity: str = "critical",
    system: str = "erp-prod",
    customer: str = "ACME",
    fingerprint: str | None = None,
    **labels: str,
) -> dict[str, Any]:
    return {
        "status": status,
        "labels": {
            "alertname": name,
            "severity": severity,
            "customer": customer,
            "system": system,
            **labels,
        },
        "annotations": {"summary": f"{name} on {system}", "description": "From Prometheus."},
        "startsAt": rfc3339(starts),
        "endsAt": rfc3339(ends) if ends else NOT_ENDED,
        "generatorURL": "http://prometheus.example:9090/graph",
        "fingerprint": fingerprint or hashlib.sha256(f"{name}/{system}".encode()).hexdigest()[:16],
    }


def payload(alerts: Sequence[dict[str, Any]], *, group_key: str = '{}:{alertname="x"}') -> str:
    firing = any(a["status"] == "firing" for a in alerts)
    return json.dumps(
        {
            "version": "4",
            "groupKey": group_key,
            "truncatedAlerts": 0,
            "status": "firing" if firing else "resolved",
            "receiver": "supportdesk",
            "groupLabels": {},
            "commonLabels": {},
            "commonAnnotations": {},
            "externalURL": "http://alertmanager.example:9093",
            "alerts": list(alerts),
        }
    )
