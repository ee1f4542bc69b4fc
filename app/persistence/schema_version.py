"""Is the database's schema the newest? The everyday answer, without Alembic.

Every ``supportdesk`` process asks before it runs its command. Alembic answers by
importing itself (Mako, its DDL modules: ~0.1-0.4 s of CPU) and executing every
migration script; 16 scripts of CLI commands paid that on each command (issue 12).
Here the scripts' ``revision``/``down_revision`` lines are read as text and the
database's ``alembic_version`` rows are compared with the heads they give. Only a
"no" goes on to Alembic (``migrations.state``), which then says exactly what is wrong;
``tests/cli/test_schema_version.py`` checks these heads against Alembic's own.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

VERSIONS = Path(__file__).resolve().parent / "migrations" / "versions"
# Module-level ``revision: str = "0020"`` and ``down_revision: ... = ("0002", "0003")``.
_ASSIGNMENT = re.compile(r"^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(.+?)\s*$", re.MULTILINE)


def script_heads(folder: Path = VERSIONS) -> frozenset[str]:
    """The revisions no other migration script revises (what ``alembic heads`` lists);
    empty if a script's lines are not in the plain form read here."""
    revisions: set[str] = set()
    revised: set[str] = set()
    for script in folder.glob("*.py"):
        found = dict(_ASSIGNMENT.findall(script.read_text(encoding="utf-8")))
        if "revision" not in found:
            continue
        try:
            revisions.add(ast.literal_eval(found["revision"]))
            down = ast.literal_eval(found.get("down_revision", "None"))
        except (ValueError, SyntaxError):  # e.g. a tuple over several lines: ask Alembic
            return frozenset()
        revised.update((down,) if isinstance(down, str) else down or ())
    return frozenset(revisions - revised)


def is_current(engine: Engine) -> bool:
    """True if the database is at the scripts' heads; False also when this cannot be
    told here (no version table, no scripts found): the caller then asks Alembic."""
    heads = script_heads()
    if not heads:
        return False
    try:
        with engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars()
            return frozenset(rows) == heads
    except DBAPIError:
        return False
