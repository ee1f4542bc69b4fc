"""Dialogs of the desktop client, one per module."""
