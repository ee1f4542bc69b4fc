"""Paints the queue's SLA column in its state's colours.

The colours come from :meth:`QueueModel.sla_brushes` and go straight onto the style
option. Handing Qt the same QBrush through the model (ForegroundRole/BackgroundRole,
a QVariant built by PySide) cost ~40 µs per coloured cell on every paint — most of the
queue's repaint cost beyond a plain QStandardItemModel (issue 19, benchmarks/
queue_model_bench.py). The model still answers those roles for anyone who asks.

A coloured cell gets a whole palette built once per SLA state from the view's palette,
not a ``setBrush`` on the option's palette: that detached (copied) the palette for every
coloured cell of every paint. Assigning a ready palette only shares it. The ready
palettes are dropped when the view's palette, style, enabled or active state changes
(the view's events), not checked per cell: reading the option's palette from Python
for a cache key cost more than the rest of the delegate's work.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ui.models.queue_model import QueueModel

_TEXT = QPalette.ColorRole.Text
# A state's look: the view's palette with the state's text colour, and the state's
# background brush (None: the row's own); None for a state without colours ("missed").
Look = tuple[QPalette, QBrush | None] | None
_UNKNOWN: Look = (QPalette(), None)  # a state not seen since the last change (a marker)
# What the view's palette for its items depends on: its palette (a theme switch), its
# style, whether it is enabled, whether its window is active (the palette's group).
_STALE = frozenset(
    {
        QEvent.Type.PaletteChange,
        QEvent.Type.ApplicationPaletteChange,
        QEvent.Type.StyleChange,
        QEvent.Type.EnabledChange,
        QEvent.Type.ActivationChange,
        QEvent.Type.WindowActivate,
        QEvent.Type.WindowDeactivate,
    }
)


class SlaDelegate(QStyledItemDelegate):
    """For the view it is the parent of (``parent``): its events keep the looks fresh."""

    def __init__(self, model: QueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._looks: dict[str | None, Look] = {}
        if parent is not None:
            parent.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _STALE:
            self._looks = {}
        return False

    def initStyleOption(  # noqa: N802
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        row = self._model.row_data(index.row())
        if row is None:
            return
        look = self._looks.get(row.sla_state, _UNKNOWN)
        if look is _UNKNOWN:
            look = self._looks[row.sla_state] = self._look(option.palette, index.row())
        if look is not None:
            option.palette = look[0]
            if look[1] is not None:
                option.backgroundBrush = look[1]

    def _look(self, base: QPalette, row: int) -> Look:
        text, background = self._model.sla_brushes(row)
        if text is None:
            # No text colour: the option's own palette (a copy: the same colours).
            return None if background is None else (QPalette(base), background)
        palette = QPalette(base)
        palette.setBrush(_TEXT, text)
        return palette, background
