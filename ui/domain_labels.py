"""The core's English labels (statuses, saved views, queue columns, workflow steps) in
the user's language.

``app/`` never imports Qt, so its label tables stay English; the client shows them
through :func:`label`. The catalogue below lists them for ``pyside6-lupdate`` (which
reads only literal strings); tests/ui/test_translations.py fails when the core gains a
label this catalogue lacks.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ui.i18n import translate

CONTEXT = "labels"
CATALOGUE = (
    # statuses (app/domain/labels.py)
    QT_TRANSLATE_NOOP("labels", "New"),
    QT_TRANSLATE_NOOP("labels", "Assigned"),
    QT_TRANSLATE_NOOP("labels", "In progress"),
    QT_TRANSLATE_NOOP("labels", "Waiting on customer"),
    QT_TRANSLATE_NOOP("labels", "Resolved"),
    QT_TRANSLATE_NOOP("labels", "Closed"),
    QT_TRANSLATE_NOOP("labels", "Cancelled"),
    # saved views and queue columns (app/domain/queue.py)
    QT_TRANSLATE_NOOP("labels", "My tickets"),
    QT_TRANSLATE_NOOP("labels", "Unassigned"),
    QT_TRANSLATE_NOOP("labels", "At risk / breached"),
    QT_TRANSLATE_NOOP("labels", "Awaiting customer approval"),
    QT_TRANSLATE_NOOP("labels", "All open"),
    QT_TRANSLATE_NOOP("labels", "All"),
    QT_TRANSLATE_NOOP("labels", "Number"),
    QT_TRANSLATE_NOOP("labels", "Priority"),
    QT_TRANSLATE_NOOP("labels", "Status"),
    QT_TRANSLATE_NOOP("labels", "Subject"),
    QT_TRANSLATE_NOOP("labels", "Customer"),
    QT_TRANSLATE_NOOP("labels", "Assignee"),
    QT_TRANSLATE_NOOP("labels", "SLA due"),
    QT_TRANSLATE_NOOP("labels", "Updated"),
    # roles (app/domain/roles.py), shown as their values
    QT_TRANSLATE_NOOP("labels", "engineer"),
    QT_TRANSLATE_NOOP("labels", "care"),
    QT_TRANSLATE_NOOP("labels", "manager"),
    QT_TRANSLATE_NOOP("labels", "admin"),
    # workflow steps (ui/ticket_actions.py)
    QT_TRANSLATE_NOOP("labels", "Take"),
    QT_TRANSLATE_NOOP("labels", "Assign…"),
    QT_TRANSLATE_NOOP("labels", "Reassign…"),
    QT_TRANSLATE_NOOP("labels", "Start"),
    QT_TRANSLATE_NOOP("labels", "Wait on customer…"),
    QT_TRANSLATE_NOOP("labels", "Customer replied…"),
    QT_TRANSLATE_NOOP("labels", "Resolve…"),
    QT_TRANSLATE_NOOP("labels", "Customer approved…"),
    QT_TRANSLATE_NOOP("labels", "Customer rejected…"),
    QT_TRANSLATE_NOOP("labels", "Cancel…"),
)


def label(english: str) -> str:
    """``english`` (a core label) in the installed language; unknown text as it is."""
    return translate(CONTEXT, english)
