"""``supportdesk mail …`` and ``canned …``: mail in (IMAP fetch, pipe ingest), the
Unmatched mail decisions, mailbox passwords, canned replies."""

from __future__ import annotations

import argparse
import getpass
import hashlib
import os
import signal
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path

from app.cli.output import table, when
from app.cli.runtime import Run
from app.config import paths
from app.domain.errors import NotFound, ValidationError
from app.domain.tickets import Criticality, ServiceType
from app.services.mail_in.arrival import MailboxDefaults
from app.services.mail_in.imap import (
    ImapFetcher,
    ImapMailbox,
    configured_mailboxes,
    mailbox_password,
    store_password,
)
from app.services.mail_in.service import MailRefused

# sysexits.h EX_TEMPFAIL (os.EX_TEMPFAIL is POSIX-only): an MTA pipe or a cron/systemd job
# retries the mail later instead of bouncing it when the database cannot be reached.
EX_TEMPFAIL = 75


def keep_refused(raw: bytes) -> Path:
    """A refused mail is kept for inspection in the data folder (never half-stored)."""
    folder = paths().data_dir / "mail-refused"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = folder / f"{stamp}-{hashlib.sha256(raw).hexdigest()[:12]}.eml"
    target.write_bytes(raw)
    return target


def cmd_ingest(run: Run) -> int:
    a = run.args
    raw = sys.stdin.buffer.read()
    defaults = MailboxDefaults(a.mailbox, a.service, a.criticality)
    try:
        result = run.services.mail.ingest(raw, defaults)
    except MailRefused as exc:
        kept = keep_refused(raw)
        raise MailRefused(f"{exc}; the message is kept in {kept}") from None
    return run.result(
        {"status": result.status.value, "message_id": result.message_id, "ticket": result.ticket},
        result.line(),
    )


def _mailboxes(run: Run) -> list[ImapMailbox]:
    boxes = configured_mailboxes(run.services.ctx.settings)
    if run.args.mailbox:
        boxes = [b for b in boxes if b.name == run.args.mailbox]
    if not boxes:
        where = paths().settings_file
        raise NotFound(
            f"no mailbox {run.args.mailbox or ''} in {where} (mail.mailboxes: name, host, "
            "username, security ssl|starttls, service_type, criticality).".replace("  ", " ")
        )
    return boxes


def cmd_fetch(run: Run) -> int:
    fetcher = ImapFetcher(run.services.mail, say=print)
    boxes = _mailboxes(run)
    if run.args.watch:
        return _watch(fetcher, boxes)
    refused = 0
    for box in boxes:
        report = fetcher.fetch_once(box, mailbox_password(box, os.environ))
        refused += len(report.refused)
    return 2 if refused else 0


def _watch(fetcher: ImapFetcher, boxes: list[ImapMailbox]) -> int:
    """Every mailbox in its own thread, waiting with IDLE; Ctrl-C or SIGTERM stops."""
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    workers = [
        threading.Thread(
            target=fetcher.watch, args=(box, mailbox_password(box, os.environ), stop), daemon=True
        )
        for box in boxes
    ]
    for worker in workers:
        worker.start()
    try:
        while any(w.is_alive() for w in workers) and not stop.is_set():
            stop.wait(1)
    except KeyboardInterrupt:
        stop.set()
    for worker in workers:
        worker.join(timeout=5)
    return 0


def cmd_password(run: Run) -> int:
    [box] = _mailboxes(run)
    secret = getpass.getpass(f"IMAP password of {box.username}@{box.host}: ")
    if not secret:
        raise ValidationError("no password given; nothing was stored.")
    store_password(box, secret)
    print(f"password of mailbox {box.name} stored in the OS keyring")
    return 0


def cmd_unmatched(run: Run) -> int:
    mails = run.services.unmatched_mail.list(run.actor)
    if run.as_json:
        return run.result(mails, "")
    table(
        [(m.id, when(m.received_at), m.sender, m.subject[:50], m.reason) for m in mails],
        ["id", "received", "from", "subject", "why"],
    )
    return 0


def cmd_attach(run: Run) -> int:
    a = run.args
    number = run.services.unmatched_mail.attach(
        run.actor,
        a.id,
        customer=a.customer,
        contact_name=a.contact_name or "",
        service_type=a.service,
        criticality=a.criticality,
    )
    return run.result({"ticket": number}, f"mail {a.id} opened {number}")


def cmd_discard(run: Run) -> int:
    run.services.unmatched_mail.discard(run.actor, run.args.id, run.args.reason)
    return run.result({"discarded": run.args.id}, f"mail {run.args.id} discarded")


def cmd_canned_list(run: Run) -> int:
    replies = run.services.canned_replies.list(run.actor)
    if run.as_json:
        return run.result(replies, "")
    table([(r.title, r.body.splitlines()[0][:60]) for r in replies], ["title", "first line"])
    return 0


def cmd_canned_save(run: Run) -> int:
    body = run.args.body if run.args.body is not None else sys.stdin.read()
    saved = run.services.canned_replies.save(run.actor, run.args.title, body)
    return run.result(saved, f"canned reply {saved.title!r} saved")


def cmd_canned_render(run: Run) -> int:
    text = run.services.canned_replies.render(run.actor, run.args.title, run.args.number)
    return run.result({"text": text}, text)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    mail = sub.add_parser("mail", help="mail in: fetch, ingest, Unmatched mail").add_subparsers(
        dest="action", required=True
    )
    p = mail.add_parser("ingest", parents=[common], help="take one mail from stdin (a pipe)")
    p.add_argument("--mailbox", default="pipe", help="name recorded with the mail")
    p.add_argument(
        "--service",
        default=ServiceType.FIRST_LEVEL_SUPPORT.value,
        choices=[s.value for s in ServiceType],
        help="service of a ticket the mail opens",
    )
    p.add_argument(
        "--criticality",
        default=Criticality.MEDIUM.value,
        choices=[c.value for c in Criticality],
    )
    p.set_defaults(func=cmd_ingest, needs_actor=False, unavailable_exit=EX_TEMPFAIL)
    p = mail.add_parser("fetch", parents=[common], help="fetch the IMAP mailboxes of the settings")
    p.add_argument("--mailbox", help="only this mailbox (its name)")
    p.add_argument("--watch", action="store_true", help="keep running; IDLE for new mail")
    p.set_defaults(func=cmd_fetch, needs_actor=False, unavailable_exit=EX_TEMPFAIL)
    p = mail.add_parser("password", parents=[common], help="store a mailbox's password")
    p.add_argument("mailbox")
    p.set_defaults(func=cmd_password, needs_actor=False)
    p = mail.add_parser("unmatched", parents=[common], help="mail waiting for a decision")
    p.set_defaults(func=cmd_unmatched)
    p = mail.add_parser("attach", parents=[common], help="open a ticket from an unmatched mail")
    p.add_argument("id", type=int)
    p.add_argument("--customer", required=True)
    p.add_argument("--contact-name", help="name of the new contact (default: the sender's)")
    p.add_argument("--service", choices=[s.value for s in ServiceType])
    p.add_argument("--criticality", choices=[c.value for c in Criticality])
    p.set_defaults(func=cmd_attach)
    p = mail.add_parser("discard", parents=[common], help="discard an unmatched mail")
    p.add_argument("id", type=int)
    p.add_argument("--reason", required=True)
    p.set_defaults(func=cmd_discard)

    canned = sub.add_parser("canned", help="canned replies").add_subparsers(
        dest="action", required=True
    )
    p = canned.add_parser("list", parents=[common], help="the canned replies")
    p.set_defaults(func=cmd_canned_list)
    p = canned.add_parser("save", parents=[common], help="add or change one (manager)")
    p.add_argument("title")
    p.add_argument(
        "--body", help="the text ($customer, $contact, $number, $subject, $due); default: stdin"
    )
    p.set_defaults(func=cmd_canned_save)
    p = canned.add_parser("render", parents=[common], help="one filled in for a ticket")
    p.add_argument("title")
    p.add_argument("number")
    p.set_defaults(func=cmd_canned_render)
