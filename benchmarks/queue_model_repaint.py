"""The queue's full-viewport repaint against a plain QStandardItemModel holding the
same text (issue 19: within 1.5x). Part of ``benchmarks/queue_model_bench.py``."""

from __future__ import annotations

import statistics
import time

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QTableView

from app.domain.queue import QueueColumn
from benchmarks import queue_model_parts as parts
from benchmarks.queue_model_parts import make_view, ms, plain_copy, pump_until
from ui.models.queue_model import COLUMNS, QueueModel


def coloured_copy(model: QueueModel, rows: int) -> QStandardItemModel:
    """:func:`plain_copy` with the SLA cells' brushes as item roles: the same picture as
    the queue's, painted by Qt alone."""
    plain = plain_copy(model, rows)
    sla = COLUMNS.index(QueueColumn.SLA_DUE)
    for r in range(rows):
        text, background = model.sla_brushes(r)
        if text is not None:
            plain.item(r, sla).setForeground(text)
        if background is not None:
            plain.item(r, sla).setBackground(background)
    return plain


def repaint_ratio(model: QueueModel, view: QTableView) -> dict[str, float]:
    """One full-viewport repaint of the queue vs QStandardItemModel with the same text.

    Both views come from :func:`make_view` (the queue's row height, column widths, no
    grid, alternating rows, no word wrap, whole-row selection, per-pixel scrolling, the
    application's style, no style sheet); the queue's also has its SLA delegate on the
    SLA column, the plain one no delegate and no colours. A third view, the plain model
    with the SLA cells' brushes as item roles (the same picture), is measured beside."""
    view.scrollToTop()
    view.viewport().repaint()  # rows evicted while scrolling down page back in first
    pump_until(lambda: model.row_data(0) is not None and model._runner.pending == 0)
    held = min(model.rowCount(), 200)
    plain_view = make_view(plain_copy(model, held))
    coloured_view = make_view(coloured_copy(model, held))

    def median_repaint(v: QTableView) -> float:
        # CPU time of the GUI thread: eight engineers share two cores here, and wall
        # time mostly measured who else was running.
        v.viewport().repaint()  # warm glyph caches
        times = []
        for _ in range(parts.REPAINTS):
            t = time.thread_time()
            v.viewport().repaint()
            times.append(time.thread_time() - t)
        return statistics.median(times)

    # Interleaved, so cache and clock effects hit both alike. The ratio is taken on the
    # fastest batch of each (the least disturbed), and as the median of each round's
    # ratio (a round's batches ran side by side, under the same load).
    ours, theirs, coloured, paired = [], [], [], []
    for _ in range(parts.ROUNDS):
        ours.append(median_repaint(view))
        theirs.append(median_repaint(plain_view))
        coloured.append(median_repaint(coloured_view))
        paired.append(ours[-1] / theirs[-1])
    plain_view.close()
    coloured_view.close()
    return {
        "queue_repaint_ms": ms(min(ours)),
        "plain_repaint_ms": ms(min(theirs)),
        "ratio": round(min(ours) / min(theirs), 2),
        "queue_repaint_median_ms": ms(statistics.median(ours)),
        "plain_repaint_median_ms": ms(statistics.median(theirs)),
        "ratio_of_medians": round(statistics.median(ours) / statistics.median(theirs), 2),
        "ratio_paired_median": round(statistics.median(paired), 2),
        "coloured_plain_repaint_ms": ms(min(coloured)),
        "ratio_to_coloured": round(min(ours) / min(coloured), 2),
        "rounds": parts.ROUNDS,
    }
