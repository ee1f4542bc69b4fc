"""One way to show a moment: in the user's time zone, with the zone named (Qt-free).

The desk, its tooltips and its PDFs all use :func:`user_zone`, so the same ticket never
reads 13:40 in one place and 15:40 in another. The zone is the computer's own unless
``SUPPORTDESK_TZ`` names another (e.g. a desk serving customers abroad); SLA due times
are computed in the customer's calendar and shown in this zone, labelled.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from app.display_zone import user_zone, user_zone_name

if TYPE_CHECKING:
    from PySide6.QtCore import QLocale

__all__ = [
    "fast_locale_time",
    "locale_date_format",
    "locale_datetime_format",
    "locale_number",
    "locale_time",
    "plain_time",
    "stamp",
    "user_zone",
    "user_zone_name",
]


def stamp(moment: datetime, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """``2026-03-02 13:40 EET``: the moment in the user's zone, the zone labelled."""
    local = moment.astimezone(user_zone())
    return f"{local.strftime(fmt)} {local.strftime('%Z')}"


def plain_time(moment: datetime, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """The moment in the user's zone without the label (table cells; the window says it)."""
    return moment.astimezone(user_zone()).strftime(fmt)


# -- the user's locale (issue 18): dates and times as the language reads them -------------------
# ``stamp``/``plain_time`` above stay ISO for callers that want a fixed format (exports, logs);
# screens and PDFs use the helpers below. Qt is imported lazily so this module stays cheap.


def _locale() -> QLocale:
    from PySide6.QtCore import QLocale

    locale = QLocale()
    # The bare "C" locale (tests, LANG=C) writes "2 03 2026": read it as British English.
    if locale.language() == QLocale.Language.C:
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    return locale


def locale_date_format() -> str:
    """The locale's short date with a four-digit year (``dd/MM/yyyy``, ``d/M/yyyy``)."""
    from PySide6.QtCore import QLocale

    short = _locale().dateFormat(QLocale.FormatType.ShortFormat)
    return short if "yyyy" in short else short.replace("yy", "yyyy")


def locale_time_format() -> str:
    """The locale's short time, always on the 24-hour clock: desks across Greece and the
    UK read 14:05, and "2:05 μ.μ." beside a due time invites mistakes."""
    return "HH:mm"


def locale_datetime_format() -> str:
    """For QDateTimeEdit.setDisplayFormat: the locale's date and a 24-hour time."""
    return f"{locale_date_format()} {locale_time_format()}"


def locale_time(moment: datetime, *, zone: bool = False, date_only: bool = False) -> str:
    """``moment`` in the user's zone, written the locale's way (``02/03/2026 13:40`` in
    English, ``2/3/2026 13:40`` in Greek); ``zone=True`` adds the zone's abbreviation,
    like :func:`stamp`."""
    from PySide6.QtCore import QDate, QDateTime, QTime

    local = moment.astimezone(user_zone())
    # A naive Qt date-time from the local fields: Qt must not convert the zone again.
    qdate = QDate(local.year, local.month, local.day)
    locale = _locale()
    if date_only:
        text = locale.toString(qdate, locale_date_format())
    else:
        qtime = QTime(local.hour, local.minute)
        text = locale.toString(QDateTime(qdate, qtime), locale_datetime_format())
    return f"{text} {local.strftime('%Z')}" if zone else text


def locale_number(value: float, decimals: int = 0) -> str:
    """``1.234,5`` in Greek, ``1,234.5`` in English."""
    return (
        _locale().toString(float(value), "f", decimals)
        if decimals
        else _locale().toString(int(value))
    )


def locale_day_month(moment: datetime) -> str:
    """``17/03`` (en_GB), ``17/3`` (el), ``3/17`` (en_US): the locale's short date without
    its year, for chart axes where every character counts."""
    import re

    from PySide6.QtCore import QDate

    local = moment.astimezone(user_zone())
    # Drop the year and the separator beside it: "dd/MM/yyyy" -> "dd/MM", "yyyy-MM-dd" -> "MM-dd"
    fmt = re.sub(r"[^dMy]*y+[^dMy]*", "", locale_date_format()) or "d/M"
    return _locale().toString(QDate(local.year, local.month, local.day), fmt)


def locale_date(day: date) -> str:
    """A calendar date (a contract's start, a release day) the locale's way."""
    from PySide6.QtCore import QDate

    return _locale().toString(QDate(day.year, day.month, day.day), locale_date_format())


# -- the same, fast enough for every queue row ----------------------------------------------
#
# locale_time() builds a QLocale, QDate and QDateTime per call (~50 us); the queue cooks two
# times per row on every page. The locale's numeric pattern ("dd/MM/yyyy HH:mm",
# "d/M/yyyy HH:mm") is compiled once per default locale into field getters (~4 us a call).

_FIELDS: dict[str, Callable[[datetime], str]] = {
    "yyyy": lambda t: f"{t.year:04d}",
    "yy": lambda t: f"{t.year % 100:02d}",
    "MM": lambda t: f"{t.month:02d}",
    "M": lambda t: str(t.month),
    "dd": lambda t: f"{t.day:02d}",
    "d": lambda t: str(t.day),
    "HH": lambda t: f"{t.hour:02d}",
    "H": lambda t: str(t.hour),
    "mm": lambda t: f"{t.minute:02d}",
}
_compiled: dict[str, Callable[[datetime], str]] = {}


def fast_locale_time(moment: datetime) -> str:
    """Like ``locale_time(moment)``, for numeric locale patterns (those Qt gives for the
    languages we ship); a pattern with month names falls back to :func:`locale_time`."""
    from PySide6.QtCore import QLocale

    key = QLocale().name()
    render = _compiled.get(key)
    if render is None:
        render = _compiled[key] = _compile(locale_datetime_format())
    return render(moment)


def _literal(text: str) -> Callable[[datetime], str]:
    return lambda _moment: text


def _compile(pattern: str) -> Callable[[datetime], str]:
    import re

    parts = re.findall(r"yyyy|yy|MM|M|dd|d|HH|H|mm|[^yMdHm]+|[yMdHm]+", pattern)
    if any(p[0] in "yMdHm" and p not in _FIELDS for p in parts):
        return locale_time  # e.g. "MMM": names need QLocale
    getters = [_FIELDS.get(p) or _literal(p) for p in parts]

    def render(moment: datetime) -> str:
        local = moment.astimezone(user_zone())  # read each time: tests and settings change it
        return "".join(get(local) for get in getters)

    return render
