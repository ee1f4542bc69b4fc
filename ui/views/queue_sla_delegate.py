"""Paints the queue's SLA column in its state's colours.

The colours come from :meth:`QueueModel.sla_brushes` and go straight onto the style
option. Handing Qt the same QBrush through the model (ForegroundRole/BackgroundRole,
a QVariant built by PySide) cost ~40 µs per coloured cell on every paint — most of the
queue's repaint cost beyond a plain QStandardItemModel (issue 19, benchmarks/
queue_model_bench.py). The model still answers those roles for anyone who asks.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ui.models.queue_model import QueueModel


class SlaDelegate(QStyledItemDelegate):
    def __init__(self, model: QueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def initStyleOption(  # noqa: N802
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        text, background = self._model.sla_brushes(index.row())
        if text is not None:
            option.palette.setBrush(QPalette.ColorRole.Text, text)
        if background is not None:
            option.backgroundBrush = background
