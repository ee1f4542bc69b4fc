"""History commands: verify (chains, replay, ledger, anchors), anchor, anchor-key."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.output import emit_json
from app.cli.runtime import Run

EXIT_TAMPERED = 3


def cmd_history_verify(run: Run) -> int:
    from app.services.anchors import read_anchor  # cryptography: only when anchors are read

    a = run.args
    anchors = [read_anchor(Path(p), a.public_key or ()) for p in a.anchor or ()]
    report = run.services.history.verify(a.ticket, anchors=anchors)
    if run.as_json:
        emit_json(
            {
                "ok": report.ok,
                "tickets_checked": report.tickets_checked,
                "events_checked": report.events_checked,
                "ledger_entries": report.ledger_entries,
                "anchors": report.anchors,
                "problems": [str(p) for p in report.problems],
            }
        )
    elif report.ok:
        anchored = f", {len(anchors)} anchor(s) hold" if anchors else ""
        print(
            f"history intact: {report.tickets_checked} tickets, "
            f"{report.events_checked} events, {report.ledger_entries} ledger entries "
            f"verified{anchored}"
        )
    else:
        for problem in report.problems:
            print(f"TAMPERED {problem}", file=sys.stderr)
        print(
            f"history verification FAILED: {len(report.problems)} problem(s) in "
            f"{report.tickets_checked} tickets",
            file=sys.stderr,
        )
    return 0 if report.ok else EXIT_TAMPERED


def cmd_history_anchor(run: Run) -> int:
    made = run.services.history.make_anchor(
        Path(run.args.out), _key_file(run.args), mail_managers=run.args.mail_managers
    )
    return run.result(
        made,
        f"anchor {made.path}: ledger entry #{made.seq}, head {made.head[:16]}…, "
        f"signed by {made.public_key[:16]}…",
    )


def cmd_history_anchor_key(run: Run) -> int:
    from app.services.anchors import new_signing_key

    public = new_signing_key(_key_file(run.args))
    where = run.args.key_file or "the OS keyring"
    return run.result(
        {"public_key": public, "stored_in": where},
        f"signing key made in {where}; public key {public} "
        "(give it to whoever checks anchors: verify --public-key)",
    )


def _key_file(args: argparse.Namespace) -> Path | None:
    return Path(args.key_file) if args.key_file else None


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    history = sub.add_parser("history", help="ticket history").add_subparsers(
        dest="action", required=True
    )
    p = history.add_parser(
        "verify", parents=[common], help="detect tampered history (exit 3 when found)"
    )
    p.add_argument("--ticket", help="only this ticket (skips the database-wide ledger)")
    p.add_argument(
        "--anchor",
        action="append",
        metavar="FILE",
        help="an anchor made earlier: nothing before it may have changed (repeatable)",
    )
    p.add_argument(
        "--public-key",
        action="append",
        metavar="HEX",
        help="accept only anchors signed by this key (repeatable)",
    )
    p.set_defaults(func=cmd_history_verify, needs_actor=False)

    key_help = "the signing key file (default: the OS keyring)"
    p = history.add_parser("anchor", parents=[common], help="sign the ledger's head into FILE")
    p.add_argument("--out", required=True, metavar="FILE", help="the anchor file to write")
    p.add_argument("--key-file", metavar="FILE", help=key_help)
    p.add_argument(
        "--mail-managers",
        action="store_true",
        help="also queue the anchor to every manager (cron: anchor daily, then notify send)",
    )
    p.set_defaults(func=cmd_history_anchor, needs_actor=False)

    p = history.add_parser("anchor-key", parents=[common], help="make the anchor signing key")
    p.add_argument("--key-file", metavar="FILE", help="write it to this new file (0600)")
    p.set_defaults(func=cmd_history_anchor_key, needs_actor=False)
