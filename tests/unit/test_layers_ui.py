"""The desktop client goes through the services: nothing under ``ui`` imports the
persistence layer (SQL, sessions, migrations). The PDF writer package imports only Qt
and the core, so the CLI can print without loading the client."""

from __future__ import annotations

import ast
from pathlib import Path

import ui

UI_DIR = Path(ui.__file__).parent
PRINTING = UI_DIR / "printing"


def imported_modules(path: Path) -> list[str]:
    """Every module ``path`` imports, spelled out (``from a import b`` → ``a``, ``a.b``)."""
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]
    return names


def _is_persistence(name: str) -> bool:
    return name == "app.persistence" or name.startswith("app.persistence.")


def test_the_walk_finds_the_client() -> None:
    files = list(UI_DIR.rglob("*.py"))
    assert len(files) > 30
    assert UI_DIR / "dialogs" / "login.py" in files


def test_no_module_under_ui_imports_the_persistence_layer() -> None:
    offenders = [
        f"{path.relative_to(UI_DIR.parent)}: {name}"
        for path in sorted(UI_DIR.rglob("*.py"))
        for name in imported_modules(path)
        if _is_persistence(name)
    ]
    assert offenders == []


def test_the_check_catches_every_spelling(tmp_path: Path) -> None:
    def caught(code: str) -> bool:
        sample = tmp_path / "sample.py"
        sample.write_text(code, encoding="utf-8")
        return any(_is_persistence(n) for n in imported_modules(sample))

    assert caught("import app.persistence.database\n")
    assert caught("from app.persistence import migrations\n")
    assert caught("from app import persistence\n")
    assert caught("def late():\n    from app.persistence.database import Database\n")
    assert not caught("from app import config\nimport app.services.persistence_free\n")


def test_the_pdf_writer_imports_only_qt_and_the_core() -> None:
    offenders = [
        f"{path.relative_to(UI_DIR.parent)}: {name}"
        for path in sorted(PRINTING.rglob("*.py"))
        for name in imported_modules(path)
        if name.split(".")[0] == "ui" and not name.startswith("ui.printing")
    ]
    assert offenders == []
