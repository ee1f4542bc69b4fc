"""A long-lived desk in its own process, for fault tests: it logs in once and then does
one action after another (open, comment, log time) until its standard input closes,
printing one JSON line per action: what it did, whether the service reported success,
and the marker text that lets the test find the action in the database.

    python -m tests.support.fault_client URL USER PASSWORD [MARKER_PREFIX]

Its database connections carry ``application_name=fault-client`` so a test can find
and kill them; the service layer's own retry (app/services/common.py) is what recovers.
"""

from __future__ import annotations

import json
import logging
import select
import sys

from argon2 import PasswordHasher

from app.bootstrap import open_services
from app.domain.errors import DomainError
from app.services.auth import Passwords


class _RetryCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _stdin_closed() -> bool:
    ready, _, _ = select.select([sys.stdin], [], [], 0)
    return bool(ready) and sys.stdin.read(1) == ""


def main(url: str, user: str, password: str, prefix: str = "op") -> int:
    retries = _RetryCounter()
    logging.getLogger("supportdesk.retry").addHandler(retries)
    logging.getLogger("supportdesk.retry").setLevel(logging.WARNING)
    fast = Passwords(PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
    services = open_services(url, passwords=fast)
    me = services.users.login(user, password)
    tickets = services.tickets
    number = ""
    i = 0
    while not _stdin_closed():
        marker = f"{prefix}-{i:06d}"
        kind = ("open", "comment", "work")[i % 3] if number else "open"
        line: dict[str, object] = {"i": i, "kind": kind, "marker": marker}
        try:
            if kind == "open":
                number = tickets.open_ticket(
                    me, customer="ACME", subject=marker, service_type="first_level_support"
                ).number
            elif kind == "comment":
                tickets.comment(me, number, marker, internal=True)
            else:
                tickets.log_work(me, number, 1, marker)
            line.update(ok=True, number=number)
        except DomainError as exc:
            line.update(ok=False, error=f"{type(exc).__name__}: {exc.message}")
        line["retries"] = retries.count
        print(json.dumps(line), flush=True)
        i += 1
    services.db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
