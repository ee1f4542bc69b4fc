"""Guided, multi-step flows (the release promotion wizard)."""
