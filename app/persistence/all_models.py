"""Imports every module that defines ORM models, so ``Base.metadata`` is complete
(for Alembic and for tests that compare the schema). Add new model modules here."""

# ruff: noqa: F401 - imported for their side effect: registering tables on Base.metadata
import app.persistence.orm
import app.persistence.orm_annex
import app.persistence.orm_assignment
import app.persistence.orm_faults
import app.persistence.orm_import
import app.persistence.orm_jobs
import app.persistence.orm_mail
import app.persistence.orm_queue
import app.persistence.orm_releases
import app.persistence.orm_report_rules
import app.persistence.orm_reports
import app.persistence.orm_saved_searches
import app.persistence.orm_security
import app.persistence.orm_sla
import app.persistence.report_indexes
import app.persistence.report_month_keys
from app.persistence import orm, orm_sla
