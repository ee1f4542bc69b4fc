"""Alembic environment: the engine comes from the caller, never from a URL in a file."""

from __future__ import annotations

from alembic import context

from app.persistence.all_models import orm

Base = orm.Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        raise RuntimeError("SupportDesk runs its migrations with an engine it passes in.")
    from app.persistence.engine import write_bind

    with write_bind(engine).connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
            # The caller's progress report, one call per applied revision (``init``).
            on_version_apply=config.attributes.get("on_version_apply"),
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("offline migrations are not supported")
run_migrations_online()
