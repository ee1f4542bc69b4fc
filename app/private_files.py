"""Files that hold a person's data, settings or log: readable by them alone (issue 11).

Standard library only, so the database, the settings and the log can all use it.
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    """Create ``path`` as 0700 (its missing parents too). A folder that exists keeps its
    mode: it may be one the person chose and shares on purpose (e.g. a portable drive).

    Two programs started together (a desk and a CLI job) both find the folder missing;
    the one that loses the race to create it must take the winner's folder, not fail.
    """
    try:
        path.mkdir(parents=True, mode=PRIVATE_DIR_MODE)
    except FileExistsError:
        if not path.is_dir():
            raise
        return path
    if os.name == "posix":
        path.chmod(PRIVATE_DIR_MODE)  # whatever the umask said
    return path


def private_file(path: Path) -> int:
    """Open (creating if needed) ``path`` for writing as 0600; returns the descriptor."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
    if os.name == "posix":
        os.fchmod(fd, PRIVATE_FILE_MODE)
    return fd


def private_file_keep(path: Path) -> int:
    """Like :func:`private_file`, but keeps what the file holds (logs are appended to)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE_MODE)
    if os.name == "posix":
        os.fchmod(fd, PRIVATE_FILE_MODE)
    return fd
