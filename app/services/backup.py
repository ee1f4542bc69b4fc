"""Backing up and restoring the whole database (the mechanics are in
app/persistence/backup.py; the CLI follows both with ``history verify``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.domain.errors import ValidationError
from app.services.context import ServiceContext


@dataclass(frozen=True, slots=True)
class BackupDone:
    path: Path
    size: int


def _path(file: str) -> Path:
    if not (file or "").strip():
        raise ValidationError("give the backup's file name.")
    return Path(file).expanduser()


class BackupService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def backup(self, file: str) -> BackupDone:
        """A consistent copy of the database in ``file`` (written whole, or not at all)."""
        target = _path(file)
        self.ctx.db.backup_to(target)
        return BackupDone(target, target.stat().st_size)

    def restore(self, file: str) -> None:
        """Replace the database with the backup in ``file``; refused unless it is a sound
        SupportDesk backup of the same engine, and checked to have a current schema."""
        self.ctx.db.restore_from(_path(file))
        self.ctx.db.require_current_schema()
