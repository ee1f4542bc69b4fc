"""Customer-facing words in the customer's language (issue 18): e-mails and PDF reports.

``app/`` never imports Qt, so Qt's translators are no use here; a customer's texts come
from plain catalogues (``app/i18n/el.py``: English text → Greek), looked up with
:func:`translator`. English is the source language and needs no catalogue. The desk's own
screens follow the *user's* language (``ui/i18n.py``); what a customer receives follows
``customers.language``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from app.domain.errors import ValidationError

LANGUAGES = ("en", "el")
Translate = Callable[[str], str]


def parse_language(value: str | None) -> str:
    """``en`` or ``el`` (case and region ignored: ``el_GR`` is ``el``); else refused."""
    code = (value or "").strip().lower().replace("-", "_").split("_")[0]
    if code not in LANGUAGES:
        raise ValidationError(f"language must be one of {', '.join(LANGUAGES)}; got {value!r}.")
    return code


def catalogue(language: str) -> dict[str, str]:
    if language == "el":
        from app.i18n.el import MESSAGES

        return MESSAGES
    return {}


def translator(language: str | None) -> Translate:
    """``_(english)`` in ``language``; text the catalogue lacks stays English. A key may
    carry a context before ``|`` (``count|Opened``: a number of tickets, not a date) where
    English says the same word for two things Greek says differently."""
    messages = catalogue(language or "en")
    return lambda text: messages.get(text, text.rsplit("|", 1)[-1])


def templates(language: str) -> dict[str, tuple[str, str]]:
    """Built-in e-mail templates (subject, body) in ``language``; empty for English (the
    English ones live beside the mail code, in app/services/notifications.py)."""
    if language == "el":
        from app.i18n.el import TEMPLATES

        return TEMPLATES
    return {}


# Month and day names for dates written in a customer's language (no OS locale needed).
_MONTHS_EL = [
    "Ιανουαρίου",
    "Φεβρουαρίου",
    "Μαρτίου",
    "Απριλίου",
    "Μαΐου",
    "Ιουνίου",
    "Ιουλίου",
    "Αυγούστου",
    "Σεπτεμβρίου",
    "Οκτωβρίου",
    "Νοεμβρίου",
    "Δεκεμβρίου",
]
_MONTHS_EL_NOMINATIVE = [
    "Ιανουάριος",
    "Φεβρουάριος",
    "Μάρτιος",
    "Απρίλιος",
    "Μάιος",
    "Ιούνιος",
    "Ιούλιος",
    "Αύγουστος",
    "Σεπτέμβριος",
    "Οκτώβριος",
    "Νοέμβριος",
    "Δεκέμβριος",
]
_DAYS_EL = ["Δευ", "Τρί", "Τετ", "Πέμ", "Παρ", "Σάβ", "Κυρ"]


def when(moment: datetime, zone: ZoneInfo, language: str) -> str:
    """``Mon 02 Mar 2026, 13:40`` in English; ``Δευ 2 Μαρτίου 2026, 13:40`` in Greek."""
    local = moment.astimezone(zone)
    if language == "el":
        day = _DAYS_EL[local.weekday()]
        return f"{day} {local.day} {_MONTHS_EL[local.month - 1]} {local.year}, {local:%H:%M}"
    return local.strftime("%a %d %b %Y, %H:%M")


def month_name(month: int, language: str, *, in_date: bool = False) -> str:
    """``March`` / ``Μάρτιος`` (``Μαρτίου`` inside a date: ``2 Μαρτίου``)."""
    if language == "el":
        return (_MONTHS_EL if in_date else _MONTHS_EL_NOMINATIVE)[month - 1]
    return datetime(2000, month, 1).strftime("%B")


def number(value: float, decimals: int, language: str) -> str:
    """``1,234.5`` / ``1.234,5``."""
    text = f"{value:,.{decimals}f}"
    if language == "el":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text
