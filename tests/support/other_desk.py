"""Another desk, in its own OS process: ``python -m tests.support.other_desk URL USER_ID
USERNAME ROLE ACTION [ARG]`` acts through the services and prints the ticket number."""

from __future__ import annotations

import sys

from app.bootstrap import open_services
from app.domain.roles import Role
from app.services.auth import Actor


def main(argv: list[str]) -> int:
    url, user_id, username, role, action, *rest = argv
    services = open_services(url)
    try:
        actor = Actor(int(user_id), username, Role(role))
        if action == "open":
            view = services.tickets.open_ticket(
                actor,
                customer="ACME",
                subject=rest[0] if rest else "Opened at another desk",
                service_type="first_level_support",
                criticality="critical",
            )
        elif action == "take":
            view = services.tickets.take(actor, rest[0])
        else:
            raise SystemExit(f"unknown action {action!r}")
        print(view.number)
    finally:
        services.db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
