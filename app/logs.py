"""One log file for the desktop client and the command line.

``<platformdirs log folder>/supportdesk.log`` (``SUPPORTDESK_LOG_DIR`` moves it), rotated
at 1 MB with five old files kept. What goes in: our own messages and unexpected errors
with their tracebacks. What never does: SQL parameters (engines are made with
``hide_parameters=True`` and SQLAlchemy's statement loggers stay quiet) and passwords.
"""

from __future__ import annotations

import logging
import os
import sys
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler
from pathlib import Path

from app.config import Paths, paths
from app.private_files import private_dir, private_file_keep

LOG_FILE = "supportdesk.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s"
# Statement and pool loggers would write SQL with its parameters at INFO/DEBUG.
QUIET = ("sqlalchemy", "alembic", "urllib3", "keyring")


class _LogFile(RotatingFileHandler):
    """Our handler, told apart from any a host program (pytest, an embedding app) added."""

    def _open(self) -> TextIOWrapper:
        # The log is the person's own: 0600, also each rotated file (issue 11).
        os.close(private_file_keep(Path(self.baseFilename)))
        return super()._open()


def log_file(where: Paths | None = None) -> Path:
    return (where or paths()).log_dir / LOG_FILE


def setup_logging(where: Paths | None = None, *, level: int = logging.INFO) -> Path | None:
    """Send the root logger to the rotating file; the file's path, or None if unwritable.

    Idempotent: a second call keeps one handler; a call for another folder (tests,
    in-process runs) moves the file instead of writing to both.
    """
    target = log_file(where)
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _LogFile)]:
        if Path(old.baseFilename) == target:
            return target
        root.removeHandler(old)
        old.close()
    try:
        private_dir(target.parent)
        handler = _LogFile(
            target, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
        )
    except OSError as exc:
        # A read-only home must not stop the app; say once where messages go instead.
        print(f"supportdesk: cannot write the log file {target}: {exc}", file=sys.stderr)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
    for name in QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)
    return target
