"""Schema migrations: `init` brings any older schema to the newest, twice is harmless,
and the migrated schema is exactly what the models describe."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from app.domain.errors import SchemaOutdated
from app.persistence import migrations
from app.persistence.all_models import orm
from app.persistence.database import Database
from tests.support.databases import PostgresFactory, SqliteFactory


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    """A database with no schema at all."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('mig')}/empty.db"
        drop = None
    else:
        factory: PostgresFactory = request.getfixturevalue("postgres_factory")
        url = factory.fresh_empty()
        drop = factory
    db = Database.open(url, create=True)
    yield db
    db.dispose()
    if drop is not None:
        drop.drop(url)


def test_init_upgrades_the_oldest_schema_and_is_idempotent(empty_db: Database) -> None:
    command.upgrade(migrations.alembic_config(empty_db.engine), "0001")
    heads = migrations.state(empty_db.engine).heads
    if heads != {"0001"}:
        with pytest.raises(SchemaOutdated, match="older schema"):
            empty_db.require_current_schema()
    applied = empty_db.upgrade()
    assert set(applied) | {"0001"} >= heads
    empty_db.require_current_schema()
    assert empty_db.upgrade() == []


def test_an_empty_database_asks_for_init(empty_db: Database) -> None:
    with pytest.raises(SchemaOutdated, match="supportdesk init"):
        empty_db.require_current_schema()


def test_migrated_schema_matches_the_models(empty_db: Database) -> None:
    empty_db.upgrade()
    with empty_db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, orm.Base.metadata)
    # FTS structures and other database-specific objects are not in the models.
    relevant = [d for d in diff if not _is_search_machinery(d)]
    assert relevant == []


def _is_search_machinery(diff: object) -> bool:
    text = repr(diff)
    return "fts" in text or "search" in text


def test_sqlite_factory_template_is_current(sqlite_factory: SqliteFactory) -> None:
    db = Database.open(f"sqlite:///{sqlite_factory.template}")
    try:
        db.require_current_schema()
    finally:
        db.dispose()


def test_an_upgrade_reports_its_plan_and_each_step_as_it_ends(empty_db: Database) -> None:
    """`supportdesk init` on a big desk takes minutes: it says what it will do, then each
    revision as it is applied, then the statistics refresh."""
    command.upgrade(migrations.alembic_config(empty_db.engine), "0020")
    planned = [revision for revision, _doc in migrations.pending(empty_db.engine)]
    assert planned and planned[0] == "0021"
    heard: list[str] = []
    applied = empty_db.upgrade(progress=heard.append)
    assert applied == planned
    assert heard[0].startswith(f"upgrading the schema: {len(planned)} step(s)")
    steps = [line.split()[1] for line in heard if line.startswith("  applied ")]
    assert steps == planned
    assert heard[-1] == "refreshing the planner's statistics"
    assert migrations.pending(empty_db.engine) == []
    heard.clear()
    assert empty_db.upgrade(progress=heard.append) == []
    assert heard == []  # nothing to do: nothing said
