"""Desks fetch the configured IMAP mailboxes in the background (issue 15).

Every open desk offers to fetch once a minute; one desk at a time does it, under a job
lease of its own (``Database.job_lease``, as the SLA scan's round in
``app/services/background.py``: an advisory lock on PostgreSQL, a lease row on SQLite).
Its own lease, not the scan's: a slow IMAP server must not hold up escalations. A
mailbox that fails (server down, wrong password, no password) is reported and the
others are still fetched; each mail is its own transaction (``MailInService.ingest``),
so a failure never leaves half a mail, and the next round retries.
"""

from __future__ import annotations

import imaplib
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta

from app.domain.errors import DomainError, describe
from app.services.context import ServiceContext
from app.services.mail_in.imap import (
    FetchReport,
    ImapFetcher,
    ImapMailbox,
    configured_mailboxes,
    mailbox_password,
)
from app.services.mail_in.service import MailInService

log = logging.getLogger("supportdesk.mail")
JOB = "mail-fetch"
# Longer than a fetch takes (IMAP timeouts are 30 s); a desk that died holding the SQLite
# lease loses it then.
LEASE_TTL = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class MailRound:
    mailboxes: int
    mails: int  # taken in (tickets, replies, unmatched, ignored, duplicates)
    refused: int  # kept in the mailbox's refused folder
    problems: tuple[str, ...] = ()  # mailboxes not fetched, in plain words


class MailFetchJob:
    def __init__(
        self,
        ctx: ServiceContext,
        mail: MailInService,
        holder: str,
        *,
        env: Mapping[str, str] | None = None,
        password: Callable[[ImapMailbox, Mapping[str, str]], str] = mailbox_password,
    ) -> None:
        self.ctx, self.holder = ctx, holder
        self._fetcher = ImapFetcher(mail, say=log.info)
        self._env = os.environ if env is None else env
        self._password = password

    def mailboxes(self) -> list[ImapMailbox]:
        """The mailboxes of the settings (``mail.mailboxes``); none: nothing to fetch."""
        return configured_mailboxes(self.ctx.settings)

    def run_round(self) -> MailRound | None:
        """Fetch every mailbox once, if no other desk is doing it; None when skipped."""
        boxes = self.mailboxes()
        if not boxes:
            return MailRound(0, 0, 0)
        lease = self.ctx.db.job_lease(JOB, self.holder, self.ctx.clock.now(), LEASE_TTL)
        with lease as held:
            if not held:
                return None
            mails = refused = 0
            problems: list[str] = []
            for box in boxes:
                try:
                    report: FetchReport = self._fetcher.fetch_once(
                        box, self._password(box, self._env)
                    )
                # Server down or dropping mid-fetch, login refused, no password.
                except (DomainError, OSError, imaplib.IMAP4.error) as exc:
                    problem = f"{box.name}: {describe(exc)}"
                    log.warning("mailbox not fetched: %s", problem)
                    problems.append(problem)
                    continue
                mails += len(report.results)
                refused += len(report.refused)
            return MailRound(len(boxes), mails, refused, tuple(problems))
