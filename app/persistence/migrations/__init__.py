"""Alembic migrations shipped inside the package, run programmatically."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


Progress = Callable[[str], None]


def pending(engine: Engine) -> list[tuple[str, str]]:
    """The revisions an upgrade would apply, oldest first: (revision, its one-line doc)."""
    before = state(engine).current
    script = ScriptDirectory.from_config(alembic_config())
    steps = script.iterate_revisions("heads", tuple(before) or "base")
    return [(rev.revision, (rev.doc or "").strip()) for rev in reversed(list(steps))]


def upgrade(engine: Engine, progress: Progress | None = None) -> list[str]:
    """Applies every pending revision; ``progress`` hears the plan first and each step
    as it ends (an upgrade of a big desk recounts its report rollups: minutes, and a
    manager at the terminal should see it moving, not a cursor that seems hung)."""
    before = state(engine).current
    config = alembic_config(engine)
    if progress is not None:
        steps = pending(engine)
        if steps:
            progress(
                f"upgrading the schema: {len(steps)} step(s); a large database may take minutes"
            )
        started = time.monotonic()

        def applied_one(*, step: Any, **_: Any) -> None:
            nonlocal started
            done = ", ".join(step.up_revision_ids) if step.is_upgrade else "?"
            progress(f"  applied {done} in {time.monotonic() - started:.1f} s")
            started = time.monotonic()

        config.attributes["on_version_apply"] = applied_one
    command.upgrade(config, "heads")
    after = state(engine)
    script = ScriptDirectory.from_config(alembic_config())
    applied = [
        rev.revision
        for rev in script.iterate_revisions(tuple(after.current), tuple(before) or "base")
        if rev.revision not in before
    ]
    return list(reversed(applied))
