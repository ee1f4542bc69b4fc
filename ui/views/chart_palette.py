"""Charts on screen in the desk's palette.

QtCharts draws on white with black text whatever the application's palette says: in the
dark theme the dashboard showed three white panels beside dark ones (seen under Xvfb).
The printed report keeps its white page; only on-screen charts are matched here. The
series keep their colour-blind-safe colours, which read on both backgrounds.
"""

from __future__ import annotations

from PySide6.QtCharts import QChart
from PySide6.QtGui import QBrush, QPalette, QPen


def match_palette(chart: QChart, palette: QPalette) -> None:
    text = palette.color(QPalette.ColorRole.WindowText)
    grid = palette.color(QPalette.ColorRole.Mid)
    chart.setBackgroundBrush(QBrush(palette.color(QPalette.ColorRole.Base)))
    chart.setBackgroundPen(QPen(grid))
    chart.setTitleBrush(QBrush(text))
    chart.legend().setLabelColor(text)
    for axis in chart.axes():
        axis.setLabelsBrush(QBrush(text))
        axis.setTitleBrush(QBrush(text))
        axis.setLinePenColor(grid)
        axis.setGridLineColor(grid)
