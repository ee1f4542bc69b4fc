"""QtCharts builders shared by the PDF reports and the manager dashboard.

Each builder takes plain figures and returns a ready :class:`QChart`; callers put it in
a :class:`QChartView` (dashboard) or render it into an image (PDF).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QHorizontalBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QGraphicsScene

# Colour-blind-safe palette (Okabe–Ito), in series order.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9")


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont(chart.titleFont())
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    return chart


def _axes(
    chart: QChart,
    series: QBarSeries | QStackedBarSeries | QHorizontalBarSeries | QLineSeries,
    categories: Sequence[str],
    *,
    horizontal: bool = False,
) -> QValueAxis:
    x = QBarCategoryAxis()
    x.append(list(categories))
    y = QValueAxis()
    y.setLabelFormat("%.0f")
    # Horizontal bars put the categories (people's names) down the side, where long
    # names have room instead of being cut to "Lena Fisc…".
    chart.addAxis(x, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(x)
    series.attachAxis(y)
    return y


def bar_chart(
    title: str,
    categories: Sequence[str],
    sets: Sequence[tuple[str, Sequence[float]]],
    *,
    stacked: bool = False,
    max_value: float | None = None,
    legend: bool | None = None,
    horizontal: bool = False,
) -> QChart:
    """Bars per category, one set per (name, values)."""
    chart = _chart(title)
    series: QBarSeries | QStackedBarSeries | QHorizontalBarSeries
    if horizontal:
        series = QHorizontalBarSeries()
    else:
        series = QStackedBarSeries() if stacked else QBarSeries()
    for index, (name, values) in enumerate(sets):
        bar = QBarSet(name)
        bar.append([float(v) for v in values])
        bar.setColor(QColor(PALETTE[index % len(PALETTE)]))
        bar.setBorderColor(QColor(PALETTE[index % len(PALETTE)]))
        series.append(bar)
    chart.addSeries(series)
    y = _axes(chart, series, categories, horizontal=horizontal)
    if max_value is not None:
        y.setRange(0, max_value)
        y.setTickCount(6)
    else:
        totals = [0.0] * len(categories)
        for _, values in sets:
            for i, v in enumerate(values):
                totals[i] = totals[i] + v if stacked else max(totals[i], v)
        top = max(1, math.ceil(max(totals, default=0.0)))
        y.setRange(0, top)
        if top <= 10:  # counts: one tick per whole ticket
            y.setTickCount(top + 1)
        else:
            y.applyNiceNumbers()
    chart.legend().setVisible(len(sets) > 1 if legend is None else legend)
    return chart


def line_chart(
    title: str, categories: Sequence[str], name: str, values: Sequence[float | None]
) -> QChart:
    """One line over categories (e.g. weeks); gaps where a value is None."""
    chart = _chart(title)
    series = QLineSeries()
    series.setName(name)
    series.setColor(QColor(PALETTE[0]))
    series.setPointsVisible(True)
    for i, v in enumerate(values):
        if v is not None:
            series.append(QPointF(i, v))
    chart.addSeries(series)
    y = _axes(chart, series, categories)
    y.setRange(0, 100)
    chart.legend().setVisible(False)
    return chart


def chart_image(chart: QChart, width: int, height: int, *, scale: float = 3.0) -> QImage:
    """Draw ``chart`` at ``width`` × ``height`` logical pixels into a white image with
    ``scale`` times as many real pixels (sharp when printed)."""
    scene = QGraphicsScene()
    scene.addItem(chart)
    chart.setGeometry(QRectF(0, 0, width, height))
    scene.setSceneRect(QRectF(0, 0, width, height))
    image = QImage(int(width * scale), int(height * scale), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(0, 0, image.width(), image.height()), scene.sceneRect())
    painter.end()
    scene.removeItem(chart)
    return image
