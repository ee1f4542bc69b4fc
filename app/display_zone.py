"""The one time zone people see times in: ``SUPPORTDESK_TZ``, else the computer's.

Shared by the desk (``ui.timefmt``) and the PDF writer, which the CLI also runs headless,
so the same ticket never reads 13:40 in one place and 15:40 in another. SLA deadlines are
still computed in the customer's calendar; this only decides how they are shown.
"""

from __future__ import annotations

import os
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
