"""The ``supportdesk`` command.

Exit codes: 0 success; 2 bad input or a refused action (one line on stderr, nothing
written); 3 ``history verify`` found tampering; 1 an unexpected failure (details in
the log file); 130 interrupted.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Sequence
from typing import NoReturn

from app import __version__
from app.cli import admin, assignment, demo, importing, releases, reports, sla, tickets
from app.cli.runtime import Run, acting_password
from app.config import choose_database, load_settings, paths
from app.domain.errors import DomainError, describe

EXIT_OK, EXIT_FAILURE, EXIT_REFUSED = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one clear line and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_REFUSED, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="supportdesk",
        description="SupportDesk: tickets, SLAs and releases for the systems we maintain. "
        "Without a command, the desktop client starts.",
    )
    parser.add_argument("--version", action="version", version=f"supportdesk {__version__}")
    parser.add_argument(
        "--db", metavar="URL", help="database URL (sqlite:///FILE or postgresql://...)"
    )
    parser.add_argument(
        "--user", metavar="NAME", help="acting user (password: SUPPORTDESK_PASSWORD)"
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    # Sub-commands accept --json after their name too; SUPPRESS keeps the global value.
    common = _Parser(add_help=False)
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    parser.set_defaults(needs_actor=True, creates_db=False)
    gui = sub.add_parser("gui", help="start the desktop client (the default)")
    gui.set_defaults(func=None)
    admin.register(sub, common)
    tickets.register(sub, common)
    assignment.register(sub, common)  # after tickets: adds `ticket take-next`
    demo.register(sub, common)
    sla.register(sub, common)
    releases.register(sub, common)
    importing.register(sub, common)
    reports.register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors: a code, not an exception
        return exc.code if isinstance(exc.code, int) else EXIT_REFUSED
    if args.command in (None, "gui"):
        return _start_gui(args)
    return _run_reporting_errors(args)


def _run_reporting_errors(args: argparse.Namespace) -> int:
    """Run the command; turn every way it can end into one line and an exit code."""
    try:
        return _run(args)
    except DomainError as exc:
        print(f"supportdesk: {describe(exc)}", file=sys.stderr)
        return EXIT_REFUSED
    except BrokenPipeError:
        # The reader stopped early (`supportdesk … | head`): the work is done; stay quiet.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print("supportdesk: interrupted; nothing more was written.", file=sys.stderr)
        return 130
    except Exception:
        log_file = _log_unexpected()
        print(f"supportdesk: unexpected error; details in {log_file}", file=sys.stderr)
        return EXIT_FAILURE


def _run(args: argparse.Namespace) -> int:
    from app.bootstrap import open_services

    where = paths()
    settings = load_settings(where)  # once: the URL below and every service read it
    url = choose_database(args.db, where=where, settings=settings).url
    services = open_services(
        url, create=args.creates_db, require_schema=not args.creates_db, settings=settings
    )
    try:
        run = Run(services, args)
        if args.needs_actor:
            if not args.user:
                print(
                    "supportdesk: this command needs --user NAME (who is acting).", file=sys.stderr
                )
                return EXIT_REFUSED
            run.actor_ = services.users.login(args.user, acting_password(args.user))
        return int(args.func(run))
    finally:
        services.db.dispose()


def _start_gui(args: argparse.Namespace) -> int:
    from ui.main import run_gui  # the one door from the core to the client

    return run_gui(db_url=args.db, username=args.user)


def _log_unexpected() -> str:
    where = paths().log_dir
    try:
        where.mkdir(parents=True, exist_ok=True)
        log_file = where / "supportdesk.log"
        logging.basicConfig(filename=log_file, level=logging.INFO)
        logging.getLogger("supportdesk").error("unexpected error\n%s", traceback.format_exc())
        return str(log_file)
    except OSError:
        traceback.print_exc()
        return "the traceback above"
