"""The text of a PDF as Qt's own PDF reader extracts it (what a reader would see)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPdf import QPdfDocument


def pdf_text(path: Path) -> str:
    doc = QPdfDocument()
    doc.load(str(path))
    try:
        return "\n".join(doc.getAllText(page).text() for page in range(doc.pageCount()))
    finally:
        doc.close()
