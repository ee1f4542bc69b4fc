"""Use cases: one method per user action, each one transaction, returning plain data."""
