"""A desk in its own OS process, hammering "take next" (used by the race test).

Kept out of the test module so that spawned children import only what they need.
"""

from __future__ import annotations

import random
from typing import Any

from argon2 import PasswordHasher

from app.bootstrap import open_services
from app.domain.errors import Conflict, InvalidTransition, PermissionDenied, ValidationError
from app.services.auth import Passwords


def desk(
    url: str,
    usernames: list[str],
    password: str,
    seed: int,
    start: Any,  # multiprocessing.Barrier: every desk begins at the same moment
    results: Any,  # multiprocessing.Queue: one dict per desk
) -> None:
    taken: list[tuple[str, str]] = []
    errors: list[str] = []
    at_max = 0
    services = open_services(
        url, passwords=Passwords(PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
    )
    try:
        actors = [services.users.login(name, password) for name in usernames]
        rng = random.Random(seed)
        start.wait(timeout=120)
        while actors and len(errors) < 20:
            actor = rng.choice(actors)
            try:
                ticket = services.assignment.take_next(actor)
            except ValidationError as exc:
                if "maximum" not in exc.message:
                    raise
                at_max += 1
                actors.remove(actor)
                continue
            except Exception as exc:  # any failure is what the test counts
                errors.append(f"{actor.username}: {exc!r}")
                continue
            if ticket is None:
                actors.remove(actor)
            else:
                taken.append((ticket.number, actor.username))
    except Exception as exc:  # e.g. the login: reported, not raised
        errors.append(repr(exc))
    finally:
        services.db.dispose()
        results.put({"seed": seed, "taken": taken, "errors": errors, "at_max": at_max})


def busy_desk(
    url: str,
    usernames: list[str],
    password: str,
    seed: int,
    start: Any,
    results: Any,
) -> None:
    """A desk shared by engineers working the way people do: "take next", or a manual
    take from the queue, then start and resolve — so that assignments, releases and
    hand-overs to the same engineers interleave across desks."""
    done: list[str] = []
    errors: list[str] = []
    lost = 0
    services = open_services(
        url, passwords=Passwords(PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
    )
    try:
        actors = [services.users.login(name, password) for name in usernames]
        rng = random.Random(seed)
        start.wait(timeout=120)
        while len(errors) < 20:
            me = rng.choice(actors)
            try:
                mine = services.tickets.list_tickets(me, assignee=me.username, status="assigned")
                if mine:
                    ticket = rng.choice(mine).number
                    services.tickets.start(me, ticket)
                    services.tickets.resolve(me, ticket, problem_nature="n", solution="s")
                    done.append(ticket)
                    continue
                waiting = services.tickets.list_tickets(me, status="new", limit=5)
                if not waiting:
                    if not services.tickets.list_tickets(me, status="assigned", limit=1):
                        break
                    continue
                if rng.random() < 0.5:
                    services.assignment.take_next(me)
                else:
                    services.tickets.take(me, rng.choice(waiting).number)
            except (InvalidTransition, Conflict, PermissionDenied, ValidationError):
                # A manual race lost (someone else took, started or resolved it first)
                # or the engineer is at their maximum: what a person would be told.
                lost += 1
            except Exception as exc:  # any other failure is what the test counts
                errors.append(f"{me.username}: {exc!r}")
    except Exception as exc:  # e.g. the login: reported, not raised
        errors.append(repr(exc))
    finally:
        services.db.dispose()
        results.put({"done": done, "errors": errors, "lost": lost})
