"""Services reach storage only through the unit of work's repositories.

They import no SQLAlchemy and never touch a session: every query lives in
``app/persistence`` where a reader (and a code-walking tool) finds the whole storage
surface declared on ``UnitOfWork``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import app

SERVICES = Path(app.__file__).parent / "services"


def _service_files() -> list[Path]:
    files = sorted(SERVICES.rglob("*.py"))
    assert len(files) > 20  # the walk really found the services
    return files


def test_no_service_module_imports_sqlalchemy() -> None:
    offenders = []
    for path in _service_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "sqlalchemy"]
    assert offenders == []


def test_no_service_module_touches_a_session() -> None:
    offenders = []
    for path in _service_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "session":
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []
