"""One way to show a moment: in the user's time zone, with the zone named (Qt-free).

The desk, its tooltips and its PDFs all use :func:`user_zone`, so the same ticket never
reads 13:40 in one place and 15:40 in another. The zone is the computer's own unless
``SUPPORTDESK_TZ`` names another (e.g. a desk serving customers abroad); SLA due times
are computed in the customer's calendar and shown in this zone, labelled.
"""

from __future__ import annotations

from datetime import datetime

from app.display_zone import user_zone, user_zone_name

__all__ = ["plain_time", "stamp", "user_zone", "user_zone_name"]


def stamp(moment: datetime, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """``2026-03-02 13:40 EET``: the moment in the user's zone, the zone labelled."""
    local = moment.astimezone(user_zone())
    return f"{local.strftime(fmt)} {local.strftime('%Z')}"


def plain_time(moment: datetime, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """The moment in the user's zone without the label (table cells; the window says it)."""
    return moment.astimezone(user_zone()).strftime(fmt)
