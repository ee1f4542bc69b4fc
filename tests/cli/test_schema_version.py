"""Every command's "is the schema current?" answered without Alembic (issue 12): the heads
read from the migration scripts' text are Alembic's own, and a database that is not at
them is still refused with Alembic's exact reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

from app.domain.errors import SchemaOutdated
from app.persistence import migrations, schema_version
from app.persistence.database import Database


def test_the_heads_read_from_the_scripts_are_alembics() -> None:
    alembic = ScriptDirectory.from_config(migrations.alembic_config())

    assert schema_version.script_heads() == frozenset(alembic.get_heads())


def test_a_merge_has_several_parents_and_two_branches_two_heads(tmp_path: Path) -> None:
    for name, revision, down in (
        ("a.py", "a1", "None"),
        ("b.py", "b1", '"a1"'),
        ("c.py", "c1", '"a1"'),
        ("d.py", "d1", '("b1", "c1")'),
        ("e.py", "e1", '"d1"'),
        ("f.py", "f1", '"d1"'),
    ):
        (tmp_path / name).write_text(
            f'"""Revision ID: {revision}"""\n'
            f'revision: str = "{revision}"\n'
            f"down_revision: str | None = {down}\n"
        )

    assert schema_version.script_heads(tmp_path) == {"e1", "f1"}


def test_a_script_in_another_form_sends_the_question_to_alembic(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text('revision = "a1"\ndown_revision = (\n    "x",\n)\n')

    assert schema_version.script_heads(tmp_path) == frozenset()


def test_a_database_behind_the_scripts_is_refused_with_alembics_reason(db_url: str) -> None:
    db = Database.open(db_url)
    try:
        assert schema_version.is_current(db.engine)
        db.require_current_schema()
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))

        assert not schema_version.is_current(db.engine)
        with pytest.raises(SchemaOutdated, match="older schema"):
            db.require_current_schema()
    finally:
        db.dispose()


def test_a_database_without_a_version_table_is_not_current(db_url: str) -> None:
    db = Database.open(db_url)
    try:
        with db.engine.begin() as conn:
            conn.execute(text("DROP TABLE alembic_version"))

        assert not schema_version.is_current(db.engine)
        with pytest.raises(SchemaOutdated, match="no SupportDesk schema"):
            db.require_current_schema()
    finally:
        db.dispose()
