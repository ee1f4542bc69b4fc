"""Composer drafts kept on disk until sent, so a crash or lost connection loses nothing.

Qt-free. One small JSON file per ticket in ``<data dir>/drafts``; every write goes to a
temporary file that is flushed, synced and renamed over the old one (atomic on POSIX and
Windows), so a crash mid-write leaves the previous draft intact.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

_SAFE = re.compile(r"[^A-Za-z0-9_-]")


@dataclass(frozen=True, slots=True)
class Draft:
    text: str
    internal: bool = False
    minutes: int = 0

    @property
    def is_empty(self) -> bool:
        return not self.text.strip() and not self.minutes


class DraftStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _file(self, ticket: str) -> Path:
        return self.folder / f"{_SAFE.sub('_', ticket)}.json"

    def save(self, ticket: str, draft: Draft) -> None:
        """Keep ``draft`` for ``ticket``; an empty draft removes the file."""
        if draft.is_empty:
            self.discard(ticket)
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self._file(ticket)
        fd, tmp = tempfile.mkstemp(prefix=".draft-", suffix=".tmp", dir=self.folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump({"ticket": ticket, **asdict(draft)}, handle, ensure_ascii=False)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def load(self, ticket: str) -> Draft | None:
        """The kept draft, or None; an unreadable file is treated as no draft."""
        try:
            raw = json.loads(self._file(ticket).read_text(encoding="utf-8"))
            return Draft(str(raw["text"]), bool(raw.get("internal")), int(raw.get("minutes", 0)))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def discard(self, ticket: str) -> None:
        self._file(ticket).unlink(missing_ok=True)

    def tickets(self) -> list[str]:
        """Tickets that have a kept draft (e.g. to tell the user after a crash)."""
        found: list[str] = []
        for path in sorted(self.folder.glob("*.json")):
            try:
                found.append(str(json.loads(path.read_text(encoding="utf-8"))["ticket"]))
            except (OSError, ValueError, KeyError):
                continue
        return found
