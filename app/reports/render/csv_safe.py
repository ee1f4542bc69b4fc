"""CSV writers that never hand a spreadsheet a formula (CSV injection).

Every CSV this application writes goes through :func:`writer` or :func:`dict_writer`.
Following the OWASP CSV-injection guidance, a text cell that begins with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return is prefixed with a single quote, so a
customer named ``=HYPERLINK(…)`` is shown as text instead of being evaluated; the
``csv`` module already quotes the cell, so separators and quotes inside stay literal.
Numbers are left alone (``-3`` written by us is a number, not a formula).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

# The characters a spreadsheet reads as the start of a formula (OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` as a spreadsheet may show it: formula-leading text gets a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class SafeWriter:
    """``csv.writer`` with every cell passed through :func:`safe_cell`."""

    def __init__(self, handle: TextIO, **options: Any) -> None:
        self._writer = csv.writer(handle, **options)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([safe_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


class SafeDictWriter:
    """``csv.DictWriter`` with every value passed through :func:`safe_cell`."""

    def __init__(self, handle: TextIO, fieldnames: Sequence[str], **options: Any) -> None:
        self._writer = csv.DictWriter(handle, fieldnames, **options)

    def writeheader(self) -> None:
        self._writer.writerow({name: safe_cell(name) for name in self._writer.fieldnames})

    def writerow(self, row: Mapping[str, Any]) -> None:
        self._writer.writerow({k: safe_cell(v) for k, v in row.items()})


def writer(handle: TextIO, **options: Any) -> SafeWriter:
    return SafeWriter(handle, **options)


def dict_writer(handle: TextIO, fieldnames: Sequence[str], **options: Any) -> SafeDictWriter:
    return SafeDictWriter(handle, fieldnames, **options)
