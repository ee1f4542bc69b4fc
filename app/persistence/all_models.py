"""Imports every module that defines ORM models, so ``Base.metadata`` is complete
(for Alembic and for tests that compare the schema). Add new model modules here."""

from app.persistence import (
    orm,  # noqa: F401
    orm_sla,  # noqa: F401
)
