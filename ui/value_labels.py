"""The core's stored values (``second_level_support``, ``on_test``, ``least_loaded``…) as
people read them, in the installed language.

``app/`` stores and compares plain English identifiers; screens show them through
:func:`value_label`, and combo boxes keep the identifier as item data (:func:`relabel`)
so code reads ``currentData()``, never the words. The catalogue lists every value for
``pyside6-lupdate`` (it reads only literal strings).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QLocale
from PySide6.QtWidgets import QComboBox

from ui.domain_labels import label
from ui.i18n import translate

CONTEXT = "values"
# (QT_TRANSLATE_NOOP returns its text; its stubs say object.)
VALUES: dict[str, object] = {
    # criticality, category, service type, environment (app/domain/tickets.py)
    "low": QT_TRANSLATE_NOOP("values", "Low"),
    "medium": QT_TRANSLATE_NOOP("values", "Medium"),
    "high": QT_TRANSLATE_NOOP("values", "High"),
    "critical": QT_TRANSLATE_NOOP("values", "Critical"),
    "incident": QT_TRANSLATE_NOOP("values", "Incident"),
    "service_request": QT_TRANSLATE_NOOP("values", "Service request"),
    "upgrade": QT_TRANSLATE_NOOP("values", "Upgrade"),
    "patch": QT_TRANSLATE_NOOP("values", "Patch"),
    "question": QT_TRANSLATE_NOOP("values", "Question"),
    "managed_hosting": QT_TRANSLATE_NOOP("values", "Managed hosting"),
    "software_maintenance": QT_TRANSLATE_NOOP("values", "Software maintenance"),
    "first_level_support": QT_TRANSLATE_NOOP("values", "First level support"),
    "second_level_support": QT_TRANSLATE_NOOP("values", "Second level support"),
    "system_monitoring": QT_TRANSLATE_NOOP("values", "System monitoring"),
    "test": QT_TRANSLATE_NOOP("values", "Test"),
    "production": QT_TRANSLATE_NOOP("values", "Production"),
    # how a customer's answer reached us
    "phone": QT_TRANSLATE_NOOP("values", "Phone"),
    "email": QT_TRANSLATE_NOOP("values", "E-mail"),
    "meeting": QT_TRANSLATE_NOOP("values", "Meeting"),
    "portal": QT_TRANSLATE_NOOP("values", "Portal"),
    # engineers' availability (app/domain/assignment.py) and assignment policies
    "available": QT_TRANSLATE_NOOP("values", "Available"),
    "away": QT_TRANSLATE_NOOP("values", "Away"),
    "busy": QT_TRANSLATE_NOOP("values", "Busy"),
    "off": QT_TRANSLATE_NOOP("values", "Off duty"),
    "least_loaded": QT_TRANSLATE_NOOP("values", "Least loaded first"),
    "round_robin": QT_TRANSLATE_NOOP("values", "Round robin"),
    # releases and promotions (app/domain/releases.py)
    "planned": QT_TRANSLATE_NOOP("values", "Planned"),
    "withdrawn": QT_TRANSLATE_NOOP("values", "Withdrawn"),
    "major": QT_TRANSLATE_NOOP("values", "Major"),
    "minor": QT_TRANSLATE_NOOP("values", "Minor"),
    "on_test": QT_TRANSLATE_NOOP("values", "On test"),
    "awaiting_verification": QT_TRANSLATE_NOOP("values", "Awaiting verification"),
    "verified": QT_TRANSLATE_NOOP("values", "Verified"),
    "rejected": QT_TRANSLATE_NOOP("values", "Rejected"),
    "on_production": QT_TRANSLATE_NOOP("values", "On production"),
    "install_on_test": QT_TRANSLATE_NOOP("values", "Install on test"),
    "notify": QT_TRANSLATE_NOOP("values", "Notify"),
    "verify": QT_TRANSLATE_NOOP("values", "Verify"),
    "reject": QT_TRANSLATE_NOOP("values", "Reject"),
    "install_on_production": QT_TRANSLATE_NOOP("values", "Install on production"),
    # SLA states (the queue's words)
    "on_track": QT_TRANSLATE_NOOP("values", "On track"),
    "at_risk": QT_TRANSLATE_NOOP("values", "At risk"),
    "breached": QT_TRANSLATE_NOOP("values", "Breached"),
    "met": QT_TRANSLATE_NOOP("values", "Met"),
    "missed": QT_TRANSLATE_NOOP("values", "Missed"),
    "paused": QT_TRANSLATE_NOOP("values", "Paused"),
    # mail server security (a plain connection is "none")
    "none": QT_TRANSLATE_NOOP("values", "None (plain)"),
    "ssl": QT_TRANSLATE_NOOP("values", "SSL/TLS"),
    "starttls": QT_TRANSLATE_NOOP("values", "STARTTLS"),
    # report age buckets (app/services/report_model.AGE_BUCKETS)
    "under 1 day": QT_TRANSLATE_NOOP("values", "under 1 day"),
    "1-3 days": QT_TRANSLATE_NOOP("values", "1-3 days"),
    "3-7 days": QT_TRANSLATE_NOOP("values", "3-7 days"),
    "7-30 days": QT_TRANSLATE_NOOP("values", "7-30 days"),
    "over 30 days": QT_TRANSLATE_NOOP("values", "over 30 days"),
}
ROLES = ("engineer", "care", "manager", "admin")  # the "labels" context has these


def value_label(value: str | None) -> str:
    """``value`` in words, in the installed language; an unknown value tidied up."""
    if not value:
        return "–"
    if value in ROLES:
        return label(value)
    english = VALUES.get(value)
    return translate(CONTEXT, str(english)) if english else value.replace("_", " ")


def relabel(combo: QComboBox) -> QComboBox:
    """Show each item's value in words; the value stays (or becomes) the item's data."""
    for index in range(combo.count()):
        value = combo.itemData(index)
        if value is None:
            value = combo.itemText(index)
            combo.setItemData(index, value)
        if isinstance(value, str):
            combo.setItemText(index, value_label(value))
    return combo


def day_name(day: int) -> str:
    """Monday = 0 … Sunday = 6, short, in the user's locale (Δευ, Τρί …)."""
    return QLocale().dayName(day + 1, QLocale.FormatType.ShortFormat)
