"""The ``supportdesk`` command.

Exit codes: 0 success; 2 bad input or a refused action (one line on stderr, nothing
written); 3 ``history verify`` found tampering; 1 an unexpected failure (details in
the log file); 130 interrupted; 75 (EX_TEMPFAIL) ``mail ingest``/``mail fetch`` could
not reach the database: try again later.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from app import __version__
from app.domain.errors import DomainError, describe

EXIT_OK, EXIT_FAILURE, EXIT_REFUSED = 0, 1, 2

# The command groups: a module of app/cli and the top-level commands its ``register`` adds,
# in registration order (assignment after tickets: it adds ``ticket take-next``). Only the
# groups of the command being run are imported, so ``supportdesk`` (the GUI) and
# ``supportdesk --version`` load no services, SQLAlchemy or Alembic. A command missing
# here still works (every group is registered then); tests/cli/test_cli_registry.py
# checks the table against what the modules register.
COMMAND_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("admin", ("init", "user", "customer", "contact", "product", "admin", "history")),
    ("tickets", ("ticket",)),
    ("assignment", ("ticket", "engineer", "assign")),
    ("demo", ("demo",)),
    ("sla", ("contract", "sla", "notify")),
    ("releases", ("release", "install", "promote")),
    ("importing", ("import",)),
    ("reports", ("report",)),
    ("alerts", ("alert",)),
    ("annex", ("annex",)),
    ("monthly", ("sla-report",)),
    ("mail", ("mail", "canned")),
    ("backup", ("backup", "restore")),
)
# Options of the top-level parser that take a value (to find the command word in argv).
_VALUED_GLOBALS = ("--db", "--user", "--idempotency-key")


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one clear line and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_REFUSED, f"{self.prog}: {message} (see {self.prog} --help)\n")


def command_word(argv: Sequence[str]) -> str | None:
    """The sub-command named in ``argv`` (None: no command, the GUI)."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in _VALUED_GLOBALS:
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def build_parser(command: str | None = None, *, commands: bool = True) -> argparse.ArgumentParser:
    """The whole parser, or (given the command word) only the groups that add that command;
    ``commands=False`` registers none (enough to start the GUI)."""
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
    parser.add_argument(
        "--idempotency-key",
        metavar="KEY",
        help="8-64 characters naming this action: sending the same command again with the "
        "same key (after a lost connection, say) cannot do it twice",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation end to end on a throw-away database, then exit",
    )
    # Sub-commands accept --json after their name too; SUPPRESS keeps the global value.
    common = _Parser(add_help=False)
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    parser.set_defaults(needs_actor=True, creates_db=False)
    gui = sub.add_parser("gui", help="start the desktop client (the default)")
    gui.set_defaults(func=None)
    known = {name for _, names in COMMAND_GROUPS for name in names}
    for module, names in COMMAND_GROUPS if commands else ():
        if command is None or command not in known or command in names:
            importlib.import_module(f"app.cli.{module}").register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    command = command_word(argv)
    # Without a command word (the GUI, --version, --self-test) no group is needed — unless
    # the user asks for the list of commands.
    wants_help = any(arg in ("-h", "--help") for arg in argv)
    parser = build_parser(command, commands=command not in (None, "gui") or wants_help)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors: a code, not an exception
        return exc.code if isinstance(exc.code, int) else EXIT_REFUSED
    from app.logs import setup_logging

    setup_logging()
    # One line per start: which version ran what (never arguments: they may hold URLs).
    logging.getLogger("supportdesk").info(
        "supportdesk %s started: %s",
        __version__,
        "self-test" if args.self_test else command or "gui",
    )
    if args.self_test:  # needs Qt (main window, PDF): through the client's one door
        from ui.main import run_self_test

        return run_self_test()
    if args.command in (None, "gui"):
        return _start_gui(args)
    return _run_reporting_errors(args)


def _run_reporting_errors(args: argparse.Namespace) -> int:
    """Run the command; turn every way it can end into one line and an exit code."""
    try:
        return _run(args)
    except DomainError as exc:
        print(f"supportdesk: {describe(exc)}", file=sys.stderr)
        return _refused_code(args, exc)
    except BrokenPipeError:
        # The reader stopped early (`supportdesk … | head`): the work is done; stay quiet.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print("supportdesk: interrupted; nothing more was written.", file=sys.stderr)
        return 130
    except Exception as exc:
        # A busy database or a lost connection outside any service call (opening, schema
        # check) is still a plain refusal, never "unexpected".
        from app.persistence.errors import translate_operational

        translated = translate_operational(exc)
        if translated is not None:
            print(f"supportdesk: {describe(translated)}", file=sys.stderr)
            return _refused_code(args, translated)
        log_file = _log_unexpected()
        print(f"supportdesk: unexpected error; details in {log_file}", file=sys.stderr)
        return EXIT_FAILURE


def _refused_code(args: argparse.Namespace, exc: BaseException) -> int:
    """2, or the command's own code for an unreachable database: ``mail ingest`` (run by
    an MTA or cron) sets ``unavailable_exit`` 75, EX_TEMPFAIL, so the mail is retried."""
    from app.domain.errors import DatabaseUnavailable

    if isinstance(exc, DatabaseUnavailable):
        return int(getattr(args, "unavailable_exit", EXIT_REFUSED))
    return EXIT_REFUSED


def _run(args: argparse.Namespace) -> int:
    from app.bootstrap import open_services
    from app.cli.runtime import Run, acting_password
    from app.cli.secrets import open_with_remembered_password
    from app.config import choose_database, load_settings, paths

    where = paths()
    settings = load_settings(where)  # once: the URL below and every service read it
    url = choose_database(args.db, where=where, settings=settings).url
    chosen = url
    # A database password the server asks for comes from the OS keyring (issue 11).
    services = open_with_remembered_password(
        url,
        args.user,
        lambda target: open_services(
            target, create=args.creates_db, require_schema=not args.creates_db, settings=settings
        ),
    )
    try:
        run = Run(services, args)
        if args.needs_actor:
            if not args.user:
                print(
                    "supportdesk: this command needs --user NAME (who is acting).", file=sys.stderr
                )
                return EXIT_REFUSED
            run.actor_ = services.users.login(args.user, acting_password(args.user, chosen))
        return int(args.func(run))
    finally:
        services.db.dispose()


def _start_gui(args: argparse.Namespace) -> int:
    from ui.main import run_gui  # the one door from the core to the client

    return run_gui(db_url=args.db, username=args.user)


def _log_unexpected() -> str:
    """Write the current exception to the log file; where to find it (for the one line)."""
    from app.logs import setup_logging

    log_file = setup_logging()
    logging.getLogger("supportdesk.cli").exception("unexpected error")
    if log_file is None:  # no writable log: the traceback is the only record left
        import traceback

        traceback.print_exc()
        return "the traceback above"
    return str(log_file)
