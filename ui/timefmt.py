"""One way to show a moment: in the user's time zone, with the zone named (Qt-free).

The desk, its PDFs and tooltips all go through :func:`stamp`, so the same ticket never
reads 13:40 in one place and 15:40 in another. The zone is the computer's own unless
``SUPPORTDESK_TZ`` names another (e.g. a support desk serving a customer abroad).
"""

from __future__ import annotations

import os
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def user_zone() -> tzinfo | None:
    """The zone times are shown in (``None``: the computer's local zone)."""
    name = os.environ.get("SUPPORTDESK_TZ", "").strip()
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            return None
    return None


def stamp(moment: datetime, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """``2026-03-02 13:40 EET``: the moment in the user's zone, the zone labelled."""
    local = moment.astimezone(user_zone())
    return f"{local.strftime(fmt)} {local.strftime('%Z') or local.strftime('%z')}"
