"""One way to show a moment: in the user's time zone, with the zone named (Qt-free).

The desk, its tooltips and its PDFs all use :func:`user_zone`, so the same ticket never
reads 13:40 in one place and 15:40 in another. The zone is the computer's own unless
``SUPPORTDESK_TZ`` names another (e.g. a desk serving customers abroad); SLA due times
are computed in the customer's calendar and shown in this zone, labelled.
"""

from __future__ import annotations

import os
from datetime import datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


@cache
def user_zone_name() -> str:
    """The IANA name of the zone times are shown in (``UTC`` when none can be found)."""
    for candidate in (os.environ.get("SUPPORTDESK_TZ", ""), os.environ.get("TZ", "")):
        name = candidate.strip().lstrip(":")
        if name and _valid(name):
            return name
    try:  # Linux and macOS: /etc/localtime links into the zoneinfo database
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        target = ""
    if "zoneinfo/" in target:
        name = target.split("zoneinfo/", 1)[1]
        if _valid(name):
            return name
    return "UTC"


def _valid(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def user_zone() -> ZoneInfo:
    return ZoneInfo(user_zone_name())


def stamp(moment: datetime, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """``2026-03-02 13:40 EET``: the moment in the user's zone, the zone labelled."""
    local = moment.astimezone(user_zone())
    return f"{local.strftime(fmt)} {local.strftime('%Z')}"


def plain_time(moment: datetime, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """The moment in the user's zone without the label (table cells; the window says it)."""
    return moment.astimezone(user_zone()).strftime(fmt)
