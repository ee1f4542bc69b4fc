"""The PDF writer: reports drawn with Qt's PDF writer and QtCharts.

One package for the desktop client and the CLI (``report ... --format pdf`` imports it
lazily, only when a PDF is asked for). It imports Qt and ``app`` only — never the rest
of ``ui`` — so the CLI does not load the desktop client to print. The text it lays out
comes from :mod:`app.reports.render.html`; its charts are also the dashboard's.
"""

from __future__ import annotations

from ui.printing.pdf import write_pdf

__all__ = ["write_pdf"]
