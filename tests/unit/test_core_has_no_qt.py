"""The core (``app``) must never import Qt: it runs headless, in cron jobs and on servers."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import app

APP_DIR = Path(app.__file__).parent
# The one sanctioned door from the core to the client: `supportdesk` without a command
# starts the GUI, importing it lazily at that moment only.
GUI_LAUNCHER = "app/cli/__init__.py: ui.main"
# `report ... --format pdf` draws the PDF with Qt's PDF writer and QtCharts: the PDF
# writer package (shared with the client), imported lazily, only when a PDF is asked for.
PDF_WRITER = "app/cli/reports.py: ui.printing"
# `sla-report --format pdf` (issue 17): the same package's monthly SLA report, as lazily.
MONTHLY_PDF_WRITER = "app/cli/monthly.py: ui.printing.monthly"


def test_no_module_under_app_imports_pyside6() -> None:
    offenders = []
    for path in APP_DIR.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.relative_to(APP_DIR.parent)}: {n}"
                for n in names
                if n.split(".")[0] in {"PySide6", "shiboken6", "ui"}
            ]
    assert [o for o in offenders if o not in {GUI_LAUNCHER, PDF_WRITER, MONTHLY_PDF_WRITER}] == []


def test_importing_every_app_module_loads_no_qt() -> None:
    modules = [
        m.name
        for m in pkgutil.walk_packages([str(APP_DIR)], "app.")
        if ".migrations.versions" not in m.name and not m.name.endswith("migrations.env")
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(loaded))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""
    assert len(modules) > 20  # the walk really found the package
