"""``supportdesk backup FILE`` and ``supportdesk restore FILE``, each followed by
``history verify`` of the database as it now is.

Neither asks for a SupportDesk login: whoever holds the database's credentials (the
SQLite file, the PostgreSQL URL) can copy it anyway, and a restore must work on a new,
empty database that has no users yet.
"""

from __future__ import annotations

import argparse

from app.cli.history import cmd_history_verify
from app.cli.runtime import Run
from app.services.backup import BackupService


def cmd_backup(run: Run) -> int:
    done = BackupService(run.services.ctx).backup(run.args.file)
    if not run.as_json:
        print(f"backup written to {done.path} ({done.size:,} bytes)")
    return cmd_history_verify(run)


def cmd_restore(run: Run) -> int:
    BackupService(run.services.ctx).restore(run.args.file)
    if not run.as_json:
        print(f"database restored from {run.args.file}")
    return cmd_history_verify(run)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    verify_defaults = {"ticket": None, "anchor": None, "public_key": None, "needs_actor": False}
    p = sub.add_parser(
        "backup",
        parents=[common],
        help="copy the whole database to FILE (SQLite online backup; PostgreSQL pg_dump)",
    )
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_backup, **verify_defaults)
    p = sub.add_parser(
        "restore",
        parents=[common],
        help="replace the whole database with the backup in FILE, then verify its history",
    )
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_restore, creates_db=True, **verify_defaults)
