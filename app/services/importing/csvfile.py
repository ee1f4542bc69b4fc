"""Reading a CSV export strictly: every record with the line it starts on, and a
truncated or malformed file named by its line instead of silently mis-read."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.domain.errors import ValidationError
from app.services.importing.model import Problem


@dataclass(frozen=True, slots=True)
class CsvFile:
    name: str
    text: str
    checksum: str  # SHA-256 of the file's bytes: the same file is recognised when re-imported

    @classmethod
    def read(cls, path: str | Path) -> CsvFile:
        file = Path(path)
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise ValidationError(f"cannot read {file}: {exc.strerror or exc}.") from None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise ValidationError(
                f"{file.name} line {line}: not UTF-8 text (byte {exc.start}); "
                "export the file as UTF-8."
            ) from None
        return cls(name=file.name, text=text, checksum=hashlib.sha256(data).hexdigest())


def records(text: str, problems: list[Problem]) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line, fields)`` for each record; a malformed tail becomes a problem.

    ``line`` is where the record starts (a quoted field may span lines).
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.append(Problem(start, f"malformed CSV ({exc}); is the file truncated?"))
            return
        if fields:  # blank lines carry no record
            yield start, fields
        start = reader.line_num + 1


def check_width(line: int, fields: list[str], width: int, problems: list[Problem]) -> bool:
    if len(fields) == width:
        return True
    problems.append(
        Problem(line, f"{len(fields)} fields where the header has {width}; is the line cut short?")
    )
    return False
