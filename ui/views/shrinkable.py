"""Combos that may be narrower than their longest choice."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox


def shrinkable(combo: QComboBox, letters: int = 10) -> QComboBox:
    """A combo that asks for its longest choice's width but may shrink to ``letters``
    characters (eliding its text; its list still opens wide enough to read). Its least
    width was its longest choice: in Greek "Υποστήριξη δεύτερου επιπέδου" alone set the
    detail form's. (Qt uses the minimum contents length for the least width only.)"""
    combo.setMinimumContentsLength(letters)
    return combo
