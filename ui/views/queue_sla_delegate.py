"""Paints the queue's SLA column in its state's colours.

The colours come from :meth:`QueueModel.sla_brushes` and go straight onto the style
option. Handing Qt the same QBrush through the model (ForegroundRole/BackgroundRole,
a QVariant built by PySide) cost ~40 µs per coloured cell on every paint — most of the
queue's repaint cost beyond a plain QStandardItemModel (issue 19, benchmarks/
queue_model_bench.py). The model still answers those roles for anyone who asks.

A coloured cell gets a whole palette built once per (view palette, SLA state), not a
``setBrush`` on the option's palette: that detached (copied) the palette for every
coloured cell of every paint, ~12 µs each — a third of what the queue's repaint cost
beyond the plain model. Assigning a ready palette only shares it.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ui.models.queue_model import QueueModel

_TEXT = QPalette.ColorRole.Text
# A state's look: the option's palette with the state's text colour, and its background
# brush (None: the row's own); None for a state without colours ("missed", "").
Look = tuple[QPalette, QBrush | None] | None


class SlaDelegate(QStyledItemDelegate):
    def __init__(self, model: QueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        # Looks for one base palette at a time: a theme switch (a new view palette,
        # hence a new cache key) starts a fresh set; there are three states.
        self._key: tuple[int, QPalette.ColorGroup] | None = None
        self._looks: dict[str, Look] = {}

    def initStyleOption(  # noqa: N802
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        row = self._model.row_data(index.row())
        if row is None or not row.sla_state:
            return
        palette = option.palette
        key = (palette.cacheKey(), palette.currentColorGroup())
        if key != self._key:
            self._key, self._looks = key, {}
        state = row.sla_state
        if state in self._looks:
            look = self._looks[state]
        else:
            look = self._looks[state] = self._look(palette, index.row())
        if look is not None:
            option.palette = look[0]
            if look[1] is not None:
                option.backgroundBrush = look[1]

    def _look(self, base: QPalette, row: int) -> Look:
        text, background = self._model.sla_brushes(row)
        if text is None:
            # No text colour: the option keeps its palette (as before: only a
            # background, if any, is set).
            return None if background is None else (QPalette(base), background)
        palette = QPalette(base)
        palette.setBrush(_TEXT, text)
        return palette, background
