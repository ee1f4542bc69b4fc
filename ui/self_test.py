"""``supportdesk --self-test``: prove an installation works, end to end, in seconds.

On a throw-away embedded database in a temporary folder (the user's own database,
settings and log are never touched) it migrates the schema, runs one ticket through its
whole life, verifies the history chain, renders the main window and a PDF report
offscreen, and loads the Greek translation. Each step prints one line; the first failure
names its step and ends with exit code 1. CI runs it from the installed wheel and from
the installed ``.deb`` (packaging/ci_check.sh).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

PASSWORD = "self-test-password-1"


class SelfTest:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.url = f"sqlite:///{folder / 'self-test.db'}"
        self.state: dict[str, Any] = {}

    def steps(self) -> list[tuple[str, Callable[[], str]]]:
        return [
            ("migrate a new embedded database", self.migrate),
            ("one ticket through its life", self.ticket_life),
            ("history chain verifies", self.verify),
            ("main window renders", self.main_window),
            ("PDF report renders", self.pdf),
            ("Greek translation loads", self.greek),
        ]

    def migrate(self) -> str:
        from app.bootstrap import open_services

        services = open_services(self.url, create=True, require_schema=False, settings={})
        services.db.upgrade()
        services.db.require_current_schema()
        self.state["services"] = services
        return self.url

    def ticket_life(self) -> str:
        s = self.state["services"]
        s.users.create_first_admin("admin", PASSWORD, "Self Test")
        admin = s.users.login("admin", PASSWORD)
        for name, role in (("care", "care"), ("eng", "engineer"), ("boss", "manager")):
            s.users.add_user(admin, username=name, password=PASSWORD, role=role, full_name=name)
        care, eng, boss = (s.users.login(n, PASSWORD) for n in ("care", "eng", "boss"))
        s.customers.add_customer(boss, code="ACME", name="Acme Corp")
        s.customers.add_contact(boss, customer_code="ACME", name="Jo Smith", email="jo@acme.test")
        number = s.tickets.open_ticket(
            care,
            customer="ACME",
            contact="jo@acme.test",
            service_type="first_level_support",
            criticality="high",
            subject="Self-test ticket",
            description="Opened by supportdesk --self-test.",
        ).number
        s.tickets.take(eng, number)
        s.tickets.start(eng, number)
        s.tickets.comment(eng, number, "Looking into it", internal=True)
        s.tickets.resolve(eng, number, problem_nature="self-test", solution="none needed")
        closed = s.tickets.approve(care, number, contact="Jo Smith", channel="phone")
        if closed.status != "closed":
            raise AssertionError(f"{number} ended {closed.status}, not closed")
        self.state.update(number=number, boss=boss, eng=eng)
        return f"{number} opened, taken, started, resolved, approved: closed"

    def verify(self) -> str:
        report = self.state["services"].history.verify()
        if not report.ok:
            raise AssertionError("; ".join(map(str, report.problems[:3])))
        return f"{report.tickets_checked} ticket, {report.events_checked} events"

    def main_window(self) -> str:
        from PySide6.QtCore import QSettings

        from ui.login_flow import LoginResult, Outcome
        from ui.main import open_main_window
        from ui.tasks import TaskRunner

        app = _application()
        runner = TaskRunner(app)
        settings = QSettings(str(self.folder / "qsettings.ini"), QSettings.Format.IniFormat)
        result = LoginResult(
            Outcome.OK, services=self.state["services"], actor=self.state["eng"], url=self.url
        )
        window = open_main_window(result, runner, settings)
        try:
            window.resize(1200, 800)
            window.show()
            # The window loads its queue and counts in the background: let them land.
            if not runner.wait_idle(15_000):
                raise AssertionError("the main window's first loads did not finish in 15 s")
            app.processEvents()
            image = window.grab().toImage()
            if image.isNull() or image.width() < 100:
                raise AssertionError("the main window drew nothing")
            return f"{image.width()}×{image.height()} pixels, '{window.windowTitle()}'"
        finally:
            window.close()
            window.deleteLater()
            app.processEvents()
            runner.shutdown()

    def pdf(self) -> str:
        from ui.printing import write_pdf

        s = self.state["services"]
        report = s.reports.ticket_report(self.state["boss"], self.state["number"])
        out = self.folder / "report.pdf"
        write_pdf(report, out, {"name": "Self-test"})
        data = out.read_bytes()
        if not data.startswith(b"%PDF") or len(data) < 1000:
            raise AssertionError(f"{out} is not a PDF ({len(data)} bytes)")
        return f"{len(data):,} bytes"

    def greek(self) -> str:
        from ui.i18n import load_translator

        _application()
        translator = load_translator("el")
        if translator is None:
            raise AssertionError("no Greek translation is installed")
        return "el"

    def close(self) -> None:
        services = self.state.pop("services", None)
        if services is not None:
            services.db.dispose()


def _application() -> Any:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication([sys.argv[0], "-platform", os.environ["QT_QPA_PLATFORM"]])
    return app


def run_self_test(out: Any = None) -> int:
    """Run every step; 0 when all pass, 1 at the first failure (which it names)."""
    out = out or sys.stdout
    from app import __version__

    print(f"supportdesk {__version__} self-test ({sys.executable})", file=out)
    with tempfile.TemporaryDirectory(prefix="supportdesk-self-test-") as scratch:
        test = SelfTest(Path(scratch))
        try:
            for title, step in test.steps():
                started = time.perf_counter()
                try:
                    detail = step()
                except Exception as exc:
                    print(f"FAILED  {title}: {type(exc).__name__}: {exc}", file=out)
                    return 1
                took = time.perf_counter() - started
                print(f"ok      {title} ({took:.2f} s): {detail}", file=out)
        finally:
            test.close()
    print("self-test passed", file=out)
    return 0
