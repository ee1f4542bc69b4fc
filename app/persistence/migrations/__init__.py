"""Alembic migrations shipped inside the package, run programmatically."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

HERE = Path(__file__).resolve().parent


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(HERE))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


@dataclass(frozen=True)
class SchemaState:
    current: frozenset[str]
    heads: frozenset[str]

    @property
    def is_current(self) -> bool:
        return bool(self.current) and self.current == self.heads

    @property
    def unknown(self) -> frozenset[str]:
        return self.current - self.known

    @property
    def known(self) -> frozenset[str]:
        return frozenset(
            rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()
        )


def state(engine: Engine) -> SchemaState:
    heads = frozenset(ScriptDirectory.from_config(alembic_config()).get_heads())
    with engine.connect() as conn:
        current = frozenset(MigrationContext.configure(conn).get_current_heads())
    return SchemaState(current=current, heads=heads)


def upgrade(engine: Engine) -> list[str]:
    before = state(engine).current
    command.upgrade(alembic_config(engine), "heads")
    after = state(engine)
    script = ScriptDirectory.from_config(alembic_config())
    applied = [
        rev.revision
        for rev in script.iterate_revisions(tuple(after.current), tuple(before) or "base")
        if rev.revision not in before
    ]
    return list(reversed(applied))
