"""Greek and English: the Greek catalogue is complete and current, and what a Greek user
sees is Greek — the login and first-run dialogs and the main window's menus, toolbar,
views, queue headers and status bar, and then every screen a manager reaches: a ticket's
detail and history, the dashboard, each page of the promotion wizard, the release views
and the administration window (the walks below)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QSettings
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.domain.labels import STATUS_LABELS
from app.domain.queue import QueueColumn, SavedView
from app.domain.roles import Role
from app.services.auth import Passwords
from tests.support.people import People
from tests.ui.desk import NoKeyring, close, mias_window, wait
from tests.ui.i18n_screens import DATA, english_on_every_screen, seed
from tests.ui.i18n_walk import english_words, headers, untranslated
from ui.dialogs.first_run import FirstRunDialog
from ui.dialogs.login import LoginDialog
from ui.domain_labels import CATALOGUE
from ui.i18n import Translations, locale_for, system_language
from ui.resource_files import read_bytes
from ui.tasks import TaskRunner
from ui.ticket_actions import STEP_INFO

TS = Path(__file__).resolve().parents[2] / "ui" / "resources" / "translations"


def test_the_compiled_catalogue_is_the_committed_source(tmp_path: Path) -> None:
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    assert lrelease is not None
    fresh = tmp_path / "el.qm"
    subprocess.run(
        [lrelease, "-silent", str(TS / "supportdesk_el.ts"), "-qm", str(fresh)], check=True
    )
    assert fresh.read_bytes() == read_bytes("translations/supportdesk_el.qm"), (
        "supportdesk_el.qm is stale: run .venv/bin/python scripts/translations.py"
    )


def test_every_label_of_the_core_is_in_the_catalogue() -> None:
    core = (
        list(STATUS_LABELS.values())
        + [v.label for v in SavedView]
        + [c.label for c in QueueColumn]
        + [r.value for r in Role]
        + [i.label for i in STEP_INFO.values()]
    )
    assert [text for text in core if text not in CATALOGUE] == []


def test_the_language_follows_the_system_and_dates_follow_the_language(greek: Translations) -> None:
    assert system_language(QLocale(QLocale.Language.Greek, QLocale.Country.Greece)) == "el"
    assert system_language(QLocale(QLocale.Language.French, QLocale.Country.France)) == "en"
    assert QLocale().language() == QLocale.Language.Greek
    assert locale_for("el").monthName(3) == "Μαρτίου"
    assert QLocale().toString(1234.5, "f", 1) == "1.234,5"


def test_the_walk_catches_english() -> None:
    assert english_words("&Αρχείο") == []
    assert english_words("Σύνδεση στο SupportDesk") == []
    assert english_words("Log in") == ["Log", "in"]
    assert english_words("Eli Engineer · μηχανικός", ["Eli Engineer"]) == []


def test_the_login_and_first_run_dialogs_speak_greek(
    qtbot: QtBot, greek: Translations, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "c.ini"), QSettings.Format.IniFormat)
    login = LoginDialog(TaskRunner(), settings, NoKeyring(), str(tmp_path / "x.db"))
    qtbot.addWidget(login)
    login.show()
    assert login.windowTitle() == "Σύνδεση στο SupportDesk"
    assert untranslated(login, data=[str(tmp_path)]) == []
    login.kind.setCurrentIndex(1)  # the PostgreSQL page
    assert untranslated(login) == []

    first = FirstRunDialog(login)
    qtbot.addWidget(first)
    first.show()
    assert untranslated(first, data=["admin", "mia", "cara", "eli", "demo-password-1"]) == []


def test_the_main_windows_menus_toolbar_views_headers_and_status_bar_speak_greek(
    qtbot: QtBot,
    greek: Translations,
    db_url: str,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    window = mias_window(qtbot, db_url, fast_passwords, tmp_path)
    try:
        wait(qtbot, lambda: window.sidebar.list.count() > 0)
        # Names are data: the filters' choices (customers, engineers) once they are in.
        names = ["Acme Corp", "Eli Engineer", "Eva Engineer"]
        data = ["Mia Manager", "mia", window.ctx.connection_label, *names]
        # The panes inside (ticket detail, history, composer) are listed in
        # the last test; here: everything around them, and the queue's column headers.
        panes = [window.detail, window.history, window.composer]
        assert untranslated(window, data=data, skip=panes) == []
        queue_headers = " ".join(headers(window.queue.table))
        assert queue_headers.startswith("Αριθμός")
        assert english_words(queue_headers) == []
    finally:
        close(window)


def test_every_screen_speaks_greek(
    qtbot: QtBot,
    greek: Translations,
    db_url: str,
    services: Services,
    people: People,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    """The main window with a ticket open, the dashboard, every page of the promotion
    wizard, the release views and every administration section and tab."""
    number = seed(services, people)
    window = mias_window(qtbot, db_url, fast_passwords, tmp_path)
    try:
        data = [*DATA, window.ctx.connection_label, number]
        assert english_on_every_screen(qtbot, window, number, data) == []
    finally:
        close(window)


def test_the_ticket_dialogs_speak_greek(qtbot: QtBot, greek: Translations) -> None:
    """New ticket, resolve, cancel, wait, the customer's reply and answer: every label,
    button, title, placeholder and choice."""
    from app.services.dto import CustomerView
    from ui.dialogs.cancel import CancelDialog
    from ui.dialogs.customer_answer import CustomerAnswerDialog
    from ui.dialogs.customer_reply import CustomerReplyDialog, WaitDialog
    from ui.dialogs.new_ticket import NewTicketDialog
    from ui.dialogs.resolve import ResolveDialog

    number, data = "SD-000042", ["SD-000042", "Jo Smith", "ACME", "Acme Corp"]
    dialogs = [
        NewTicketDialog([CustomerView(1, "ACME", "Acme Corp")], []),
        ResolveDialog(number),
        CancelDialog(number),
        WaitDialog(number),
        CustomerReplyDialog(number, ["Jo Smith"]),
        CustomerAnswerDialog(number, ["Jo Smith"], approved=True),
        CustomerAnswerDialog(number, ["Jo Smith"], approved=False),
    ]
    found = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        found += [f"{type(dialog).__name__}: {t}" for t in untranslated(dialog, data=data)]
    assert found == []
