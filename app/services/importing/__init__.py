"""Import of tickets, with their history, from other help desks (ServiceNow, generic CSV)."""

from app.services.importing.engine import ImportService
from app.services.importing.model import ImportSummary, Problem

__all__ = ["ImportService", "ImportSummary", "Problem"]
