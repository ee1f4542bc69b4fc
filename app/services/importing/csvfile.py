"""Reading a CSV export as a stream: every record with the line it starts on, and a
truncated, malformed or mis-encoded file named by its line instead of silently mis-read.

Memory stays bounded whatever the file's size: the file is hashed in chunks, decoded
and split line by line (a physical line longer than :data:`MAX_LINE` bytes is
refused — no export has such lines, junk does), and the caller keeps at most
:data:`MAX_PROBLEMS` problems (the rest are counted).

The encoding is detected from the first bytes (a byte-order mark, else UTF-8 if the
sample is valid UTF-8, else the best guess of ``charset_normalizer``, e.g. Windows-1253
for a Greek Excel export); the delimiter is the one of ``, ; TAB |`` that the header
line uses most. Both can be given instead (``--encoding``, ``--delimiter``).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.domain.errors import ValidationError
from app.services.importing.model import Problem, Problems

MAX_LINE = 1 << 20  # bytes in one physical line
SAMPLE = 64 * 1024  # bytes looked at to guess the encoding and the delimiter
_CHUNK = 1 << 20
DELIMITERS = (",", ";", "\t", "|")
# csv's default field limit (128 KiB) is smaller than a long description may be.
csv.field_size_limit(MAX_LINE)


@dataclass(frozen=True, slots=True)
class CsvFile:
    path: Path
    name: str
    checksum: str  # SHA-256 of the file's bytes: the same file is recognised when re-imported
    encoding: str
    delimiter: str

    @classmethod
    def open(
        cls, path: str | Path, *, encoding: str | None = None, delimiter: str | None = None
    ) -> CsvFile:
        """Hash the file and settle its encoding and delimiter (one streaming pass)."""
        file = Path(path)
        digest = hashlib.sha256()
        sample = b""
        try:
            with file.open("rb") as handle:
                while chunk := handle.read(_CHUNK):
                    if len(sample) < SAMPLE:
                        sample += chunk[: SAMPLE - len(sample)]
                    digest.update(chunk)
        except OSError as exc:
            raise ValidationError(f"cannot read {file}: {exc.strerror or exc}.") from None
        chosen = _checked_encoding(encoding) if encoding else detect_encoding(file.name, sample)
        if delimiter is not None and len(delimiter) != 1:
            raise ValidationError(f"the delimiter must be one character, not {delimiter!r}.")
        text = sample.decode(chosen, errors="ignore")
        return cls(
            path=file,
            name=file.name,
            checksum=digest.hexdigest(),
            encoding=chosen,
            delimiter=delimiter or sniff_delimiter(text),
        )

    def records(self, problems: Problems) -> Iterator[tuple[int, list[str]]]:
        """Yield ``(line, fields)`` for each record; a malformed tail becomes a problem.

        ``line`` is where the record starts (a quoted field may span lines).
        """
        lines = _Lines(self, problems)
        reader = csv.reader(lines, delimiter=self.delimiter, strict=True)
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


class _Lines:
    """The file's physical lines, decoded; stops (with a problem) at a line too long or
    bytes that are not in the file's encoding."""

    def __init__(self, file: CsvFile, problems: Problems) -> None:
        self.file, self.problems = file, problems

    def __iter__(self) -> Iterator[str]:
        if codecs.lookup(self.file.encoding).name.startswith(("utf-16", "utf-32")):
            yield from self._wide()
            return
        # Bytes line by line, each decoded on its own: a bad byte is named by its line.
        decoder = codecs.getincrementaldecoder(self.file.encoding)()
        with self.file.path.open("rb") as handle:
            for number in itertools.count(1):
                raw = handle.readline(MAX_LINE + 1)
                if not raw:
                    return
                if len(raw) > MAX_LINE:
                    self._too_long(number)
                    return
                try:
                    yield decoder.decode(raw)
                except UnicodeDecodeError:
                    self._not_text(number)
                    return

    def _wide(self) -> Iterator[str]:
        """UTF-16/32 files (a newline is not one byte there): decoded by Python's reader."""
        # newline="": the csv module sees \r\n inside quoted fields as they are.
        with self.file.path.open(encoding=self.file.encoding, newline="") as handle:
            for number in itertools.count(1):
                try:
                    line = handle.readline(MAX_LINE + 1)
                except UnicodeDecodeError:
                    self._not_text(number)
                    return
                if not line:
                    return
                if len(line) > MAX_LINE:
                    self._too_long(number)
                    return
                yield line

    def _too_long(self, number: int) -> None:
        self.problems.append(Problem(number, f"longer than {MAX_LINE:,} bytes; not a CSV export?"))

    def _not_text(self, number: int) -> None:
        self.problems.append(
            Problem(
                number,
                f"not {self.file.encoding} text; give the file's encoding "
                "(--encoding, e.g. cp1253 or utf-8)",
            )
        )


def _checked_encoding(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise ValidationError(
            f"unknown encoding {name!r}; use a name like utf-8, cp1253 or iso-8859-7."
        ) from None


def detect_encoding(name: str, sample: bytes) -> str:
    """The encoding of a file that starts with ``sample``."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        # final=False: the sample may end in the middle of a character.
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8-sig"  # reads plain UTF-8 too
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for files that are not UTF-8

    best = from_bytes(sample).best()
    if best is None:
        raise ValidationError(
            f"cannot tell the text encoding of {name}; give it with --encoding (e.g. cp1253)."
        )
    return _checked_encoding(best.encoding)


def sniff_delimiter(text: str) -> str:
    """The delimiter the header line (the first line) uses most; a comma if none."""
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def check_width(line: int, fields: list[str], width: int, problems: Problems) -> bool:
    if len(fields) == width:
        return True
    problems.append(
        Problem(line, f"{len(fields)} fields where the header has {width}; is the line cut short?")
    )
    return False
