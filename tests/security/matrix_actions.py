"""One call per service action (``services.<service>.<method>``), made by the person of
the :class:`World` on what the world prepared for it. ``docs/security.md`` says which
roles may make each; ``test_action_matrix`` checks both ways."""

from __future__ import annotations

import importlib
import inspect
import typing
from collections.abc import Callable
from datetime import date, timedelta

from app.bootstrap import Services
from app.domain.queue import QueueFilter, QueueSort
from app.services.attachments import FileUpload
from app.services.auth import Actor
from tests.security.matrix_world import CONTACT, HOSTING, PRODUCT, SERVICE, World

Call = Callable[[World], object]


def acting_actions() -> list[str]:
    """Every public method, of every service ``Services`` offers, that acts for an
    actor (takes an ``Actor``): ``"<service>.<method>"``."""
    names = _service_names()
    hints = typing.get_type_hints(Services, globalns=names)
    kinds: dict[str, type] = {k: v for k, v in hints.items() if k != "ctx"}
    for name, member in vars(Services).items():
        # Services are built on first use (_OnFirstUse keeps its builder) or per use.
        build = member.fget if isinstance(member, property) else getattr(member, "_build", None)
        if build is not None and name != "db":
            kinds[name] = typing.get_type_hints(build, globalns=names)["return"]
    found = []
    for service, kind in kinds.items():
        for method, fn in inspect.getmembers(kind, inspect.isfunction):
            if method.startswith("_"):
                continue
            # Raw annotations: a service module may import its other types lazily.
            params = dict(fn.__annotations__)
            params.pop("return", None)  # logging in returns an Actor; it acts for no one
            if any(t is Actor or t == "Actor" for t in params.values()):
                found.append(f"{service}.{method}")
    return sorted(found)


def _service_names() -> dict[str, object]:
    """What ``app.bootstrap``'s annotations name: it imports its services lazily (only
    for type checkers at module level), so their classes are looked up here."""
    from app import bootstrap

    names: dict[str, object] = dict(vars(bootstrap))
    extra = ("app.persistence.database", "app.services.auth", "app.services.context")
    modules = [f"app.services.{name}" for name in bootstrap.SERVICE_MODULES] + list(extra)
    for module in map(importlib.import_module, modules):
        names.update({k: v for k, v in vars(module).items() if isinstance(v, type)})
    names.update(vars(bootstrap))  # bootstrap's own names win
    return names


def _import_csv(w: World) -> object:
    from tests.integration.test_import_csv import files

    if "GLOBEX" not in {c.code for c in w.admin.services.customers.list_customers(w.admin.actor)}:
        w.admin.services.customers.add_customer(w.admin.actor, code="GLOBEX", name="Globex")
    data, mapping = files(w.tmp)
    return w.s.importing.generic(w.actor, data, mapping=mapping, dry_run=True)


def _import_servicenow(w: World) -> object:
    from tests.support.servicenow_export import incident, write_export

    when = "1/3/2016 09:00"
    row = {"opened_at": when, "sys_created_at": when, "sys_updated_at": when}
    export = write_export(w.tmp / "sn.csv", incident(w.unique("INC9"), row))
    return w.s.importing.servicenow(w.actor, export, customer="ACME", source_tz="UTC")


def _edit_contact(w: World, customer: str) -> object:
    contact = w.contact(customer)
    return w.s.customers.edit_contact(
        w.actor, customer_code=customer, contact_id=contact.id, email="new@example.com",
        phone="", verifies_releases=False, approves_resolutions=True,
    )  # fmt: skip


def _save_copy(w: World) -> object:
    folder = w.tmp / w.unique("copy")
    folder.mkdir(parents=True)
    return w.s.attachments.save_copy(w.actor, w.attachment()[1], folder / "log.txt")


def _promote(stage: str, act: Callable[[World, str, str, str], object]) -> Call:
    def call(w: World) -> object:
        customer, version, verifier = w.promotion(stage)
        return act(w, customer, version, verifier)

    return call


def _release(act: Callable[[World, str], object], state: str = "available") -> Call:
    return lambda w: act(w, w.release(state))


def _ticket(act: Callable[[World, str], object], state: str = "new") -> Call:
    return lambda w: act(w, w.ticket(state))


ALL = QueueFilter()
SORT = QueueSort()

CALLS: dict[str, Call] = {
    # -- users ------------------------------------------------------------------------
    "users.add_user": lambda w: w.s.users.add_user(
        w.actor, username=w.unique("new"), password="temp-Secret-1", role="care"
    ),
    "users.edit_user": lambda w: w.s.users.edit_user(w.actor, w.user(), email="x@desk.example"),
    "users.list_users": lambda w: w.s.users.list_users(w.actor),
    "users.set_active": lambda w: w.s.users.set_active(w.actor, w.user(), False),
    "users.set_password": lambda w: w.s.users.set_password(w.actor, w.user(), "other-Secret-9"),
    # -- customers, contacts, products ------------------------------------------------
    "customers.add_contact": lambda w: w.s.customers.add_contact(
        w.actor, customer_code="ACME", name=w.unique("Pat "), email="pat@acme.example"
    ),
    "customers.add_customer": lambda w: w.s.customers.add_customer(
        w.actor, code=w.unique("N"), name="New customer"
    ),
    "customers.add_product": lambda w: w.s.customers.add_product(
        w.actor, code=w.unique("P"), name="New product"
    ),
    "customers.edit_contact": lambda w: _edit_contact(w, w.customer()),
    "customers.get_customer": lambda w: w.s.customers.get_customer(w.actor, "ACME"),
    "customers.list_customers": lambda w: w.s.customers.list_customers(w.actor),
    "customers.list_products": lambda w: w.s.customers.list_products(w.actor),
    "customers.set_language": lambda w: w.s.customers.set_language(w.actor, w.customer(), "el"),
    "customers.rename_customer": lambda w: w.s.customers.rename_customer(
        w.actor, w.customer(), "Renamed"
    ),
    # -- tickets ----------------------------------------------------------------------
    "tickets.approve": _ticket(
        lambda w, n: w.s.tickets.approve(w.actor, n, contact=CONTACT, channel="phone"),
        "resolved",
    ),
    "tickets.assign": _ticket(lambda w, n: w.s.tickets.assign(w.actor, n, w.eng_name)),
    "tickets.cancel": _ticket(lambda w, n: w.s.tickets.cancel(w.actor, n, "duplicate")),
    "tickets.comment": _ticket(lambda w, n: w.s.tickets.comment(w.actor, n, "noted")),
    "tickets.customer_replied": _ticket(
        lambda w, n: w.s.tickets.customer_replied(w.actor, n, "logs attached"), "waiting"
    ),
    "tickets.edit": _ticket(lambda w, n: w.s.tickets.edit(w.actor, n, {"subject": "Renamed"})),
    "tickets.list_tickets": lambda w: w.s.tickets.list_tickets(w.actor),
    "tickets.log_work": _ticket(lambda w, n: w.s.tickets.log_work(w.actor, n, 15), "in_progress"),
    "tickets.open_ticket": lambda w: w.s.tickets.open_ticket(
        w.actor, customer="ACME", subject="Printer", service_type=SERVICE
    ),
    "tickets.reject": _ticket(
        lambda w, n: w.s.tickets.reject(
            w.actor, n, contact=CONTACT, channel="phone", reason="still stuck"
        ),
        "resolved",
    ),
    "tickets.resolve": _ticket(
        lambda w, n: w.s.tickets.resolve(w.actor, n, problem_nature="a", solution="b"),
        "in_progress",
    ),
    "tickets.show": _ticket(lambda w, n: w.s.tickets.show(w.actor, n)),
    "tickets.start": _ticket(lambda w, n: w.s.tickets.start(w.actor, n), "assigned"),
    "tickets.take": _ticket(lambda w, n: w.s.tickets.take(w.actor, n)),
    "tickets.wait_on_customer": _ticket(
        lambda w, n: w.s.tickets.wait_on_customer(w.actor, n, "need logs"), "in_progress"
    ),
    # -- queue ------------------------------------------------------------------------
    "queue.count": lambda w: w.s.queue.count(w.actor, ALL),
    "queue.page": lambda w: w.s.queue.page(w.actor, ALL, SORT),
    "queue.rows": lambda w: w.s.queue.rows(
        w.actor, [r.id for r in w.s.queue.page(w.actor, ALL, SORT).rows]
    ),
    "queue.view_counts": lambda w: w.s.queue.view_counts(w.actor),
    "queue.ids": lambda w: w.s.queue.ids(w.actor, ALL, SORT, limit=50),
    # -- assignment -------------------------------------------------------------------
    "assignment.configure": lambda w: w.s.assignment.configure(w.actor, auto=False),
    "assignment.dispatch": lambda w: w.s.assignment.dispatch(w.actor),
    "assignment.list_engineers": lambda w: w.s.assignment.list_engineers(w.actor),
    "assignment.set_default_cap": lambda w: w.s.assignment.set_default_cap(w.actor, 8),
    "assignment.set_max": lambda w: w.s.assignment.set_max(w.actor, 8, w.whose()),
    "assignment.set_schedule": lambda w: w.s.assignment.set_schedule(
        w.actor, "mon-fri 09:00-17:00", "Europe/Athens", w.whose()
    ),
    "assignment.set_skills": lambda w: w.s.assignment.set_skills(w.actor, [PRODUCT], w.whose()),
    "assignment.set_state": lambda w: w.s.assignment.set_state(w.actor, "available", w.whose()),
    "assignment.settings": lambda w: w.s.assignment.settings(w.actor),
    "assignment.status": lambda w: w.s.assignment.status(w.actor, w.whose()),
    "assignment.take_next": lambda w: w.s.assignment.take_next(w.actor),
    # -- SLA --------------------------------------------------------------------------
    "sla.add_calendar": lambda w: w.s.sla.add_calendar(
        w.actor, code=w.unique("CAL"), timezone="Europe/Athens"
    ),
    "sla.add_contract": lambda w: w.s.sla.add_contract(
        w.actor,
        customer=w.customer(),
        tier="Gold",
        services=[SERVICE],
        valid_from=date(2020, 1, 1),
    ),
    "sla.calendars": lambda w: w.s.sla.calendars(w.actor),
    "sla.list_contracts": lambda w: w.s.sla.list_contracts(w.actor),
    "sla.override_priority": _ticket(
        lambda w, n: w.s.sla.override_priority(w.actor, n, 1, "outage")
    ),
    "sla.set_contract_end": lambda w: w.s.sla.set_contract_end(
        w.actor, f"K-{w.customer(contract=True)}", date(2030, 12, 31)
    ),
    "sla.set_target": lambda w: w.s.sla.set_target(
        w.actor,
        tier="Gold",
        criticality="low",
        priority=4,
        response_minutes=480,
        resolution_minutes=4800,
    ),
    "sla.show": _ticket(lambda w, n: w.s.sla.show(w.actor, n)),
    "sla.targets": lambda w: w.s.sla.targets(w.actor),
    # -- notifications ----------------------------------------------------------------
    "notifications.list_outbox": lambda w: w.s.notifications.list_outbox(w.actor),
    "notifications.retry_failed": lambda w: w.s.notifications.retry_failed(w.actor),
    "notifications.set_template": lambda w: w.s.notifications.set_template(
        w.actor, "public_comment", "About {number}", "{text}"
    ),
    "notifications.templates": lambda w: w.s.notifications.templates(w.actor),
    # -- releases and promotions ------------------------------------------------------
    "releases.add_release": lambda w: w.s.releases.add_release(
        w.actor, product=PRODUCT, version=f"8.{w.unique('')}.0"
    ),
    "releases.installation_history": lambda w: w.s.releases.installation_history(
        w.actor, customer="ACME"
    ),
    "releases.link_ticket": lambda w: w.s.releases.link_ticket(
        w.actor, product=PRODUCT, version=w.release(), ticket=w.ticket()
    ),
    "releases.list_releases": lambda w: w.s.releases.list_releases(w.actor),
    "releases.matrix": lambda w: w.s.releases.matrix(w.actor),
    "releases.record_baseline": lambda w: w.s.releases.record_baseline(
        w.actor,
        customer=w.customer(),
        product=PRODUCT,
        environment="test",
        version=w.release(),
        reason="tracked from today",
    ),
    "releases.release_notes": _release(
        lambda w, v: w.s.releases.release_notes(w.actor, product=PRODUCT, version=v)
    ),
    "releases.set_state": _release(
        lambda w, v: w.s.releases.set_state(w.actor, product=PRODUCT, version=v, state="available"),
        "planned",
    ),
    "promotions.candidates": _release(
        lambda w, v: w.s.promotions.candidates(w.actor, product=PRODUCT, version=v)
    ),
    "promotions.install_on_production": _promote(
        "verified",
        lambda w, c, v, _: w.s.promotions.install_on_production(
            w.actor, product=PRODUCT, version=v, customer=c
        ),
    ),
    "promotions.install_on_test": _promote(
        "ready",
        lambda w, c, v, _: w.s.promotions.install_on_test(
            w.actor, product=PRODUCT, version=v, customer=c
        ),
    ),
    "promotions.notify": _promote(
        "on_test",
        lambda w, c, v, _: w.s.promotions.notify(w.actor, product=PRODUCT, version=v, customer=c),
    ),
    "promotions.pending_verifications": lambda w: w.s.promotions.pending_verifications(w.actor),
    "promotions.preview": _promote(
        "ready",
        lambda w, c, v, _: w.s.promotions.preview(
            w.actor, product=PRODUCT, version=v, customers=[c]
        ),
    ),
    "promotions.record_verification": _promote(
        "on_test",
        lambda w, c, v, who: w.s.promotions.record_verification(
            w.actor, product=PRODUCT, version=v, customer=c, approved=True, contact=who
        ),
    ),
    "promotions.show": _promote(
        "on_test",
        lambda w, c, v, _: w.s.promotions.show(w.actor, product=PRODUCT, version=v, customer=c),
    ),
    # -- importing, reports, dashboard ------------------------------------------------
    "importing.generic": _import_csv,
    "importing.servicenow": _import_servicenow,
    "reports.customers": lambda w: w.s.reports.customers(w.actor),
    "reports.period_report": lambda w: w.s.reports.period_report(
        w.actor, customer=None, start=w.now.date() - timedelta(days=30), end=w.now.date()
    ),
    "reports.rebuild_facts": lambda w: w.s.reports.rebuild_facts(w.actor),
    "reports.rebuild_rollups": lambda w: w.s.reports.rebuild_rollups(w.actor),
    "reports.ticket_report": _ticket(lambda w, n: w.s.reports.ticket_report(w.actor, n)),
    "dashboard.figures": lambda w: w.s.dashboard.figures(w.actor),
    "dashboard.tickets_behind": lambda w: w.s.dashboard.tickets_behind(w.actor, "load", w.eng_name),
    "monthly_reports.customers": lambda w: w.s.monthly_reports.customers(w.actor),
    "monthly_reports.monthly_report": lambda w: w.s.monthly_reports.monthly_report(
        w.actor, "ACME", w.last_month()
    ),
    "monthly_reports.queue_mail": lambda w: w.s.monthly_reports.queue_mail(
        w.actor, "ACME", w.last_month(), "Desk Co"
    ),
    # -- mail, attachments, canned replies --------------------------------------------
    "unmatched_mail.attach": lambda w: w.s.unmatched_mail.attach(
        w.actor, w.unmatched_mail(), customer="ACME"
    ),
    "unmatched_mail.discard": lambda w: w.s.unmatched_mail.discard(
        w.actor, w.unmatched_mail(), "spam"
    ),
    "unmatched_mail.list": lambda w: w.s.unmatched_mail.list(w.actor),
    "attachments.comment": _ticket(
        lambda w, n: w.s.attachments.comment(
            w.actor, n, "see the log", [FileUpload("log.txt", b"trace\n")]
        )
    ),
    "attachments.content": lambda w: w.s.attachments.content(w.actor, w.attachment()[1]),
    "attachments.list": lambda w: w.s.attachments.list(w.actor, w.attachment()[0]),
    "attachments.list_tickets": lambda w: w.s.attachments.list_tickets(w.actor),
    "attachments.save_copy": _save_copy,
    "attachments.show": _ticket(lambda w, n: w.s.attachments.show(w.actor, n)),
    "canned_replies.delete": lambda w: w.s.canned_replies.delete(w.actor, w.canned()),
    "canned_replies.list": lambda w: w.s.canned_replies.list(w.actor),
    "canned_replies.render": lambda w: w.s.canned_replies.render(w.actor, w.canned(), w.ticket()),
    "canned_replies.save": lambda w: w.s.canned_replies.save(w.actor, w.unique("Hi "), "Hello"),
    "saved_searches.delete": lambda w: w.s.saved_searches.delete(w.actor, w.saved_search()),
    "saved_searches.list": lambda w: w.s.saved_searches.list(w.actor),
    "saved_searches.rename": lambda w: w.s.saved_searches.rename(
        w.actor, w.saved_search(), w.unique("renamed ")
    ),
    "saved_searches.save": lambda w: w.s.saved_searches.save(w.actor, w.unique("mine "), ALL, SORT),
    "background.run_round": lambda w: w.s.background.run_round(w.actor),
    # -- administration -----------------------------------------------------------------
    "desk_settings.company": lambda w: w.s.desk_settings.company(w.actor),
    "desk_settings.mail_server": lambda w: w.s.desk_settings.mail_server(w.actor),
    "desk_settings.report_company": lambda w: w.s.desk_settings.report_company(w.actor),
    "desk_settings.send_test": lambda w: w.s.desk_settings.send_test(w.actor, to="me@desk.example"),
    "desk_settings.set_company": lambda w: w.s.desk_settings.set_company(w.actor, name="Desk Co"),
    "desk_settings.set_mail_server": lambda w: w.s.desk_settings.set_mail_server(
        w.actor,
        host="smtp.desk.example",
        port=587,
        security="starttls",
        username="",
        sender="desk@desk.example",
    ),
    "sla_preview.closed_days": lambda w: w.s.sla_preview.closed_days(w.actor, "GR", days=30),
    "sla_preview.due_now": lambda w: w.s.sla_preview.due_now(
        w.actor, customer=w.customer(contract=True), criticality="high", service_type=SERVICE
    ),
    # -- SLA annex: outages, availability targets ----------------------------------------
    "outages.add_maintenance": lambda w: w.s.outages.add_maintenance(
        w.actor,
        customer="ACME",
        start=w.now + timedelta(days=1),
        end=w.now + timedelta(days=1, hours=2),
        system="web",
    ),
    "outages.end": lambda w: w.s.outages.end(w.actor, *w.outage(), w.now),
    "outages.list_tickets": lambda w: w.s.outages.list_tickets(w.actor),
    "outages.of_ticket": lambda w: w.s.outages.of_ticket(w.actor, w.outage()[0]),
    "outages.record": lambda w: w.s.outages.record(
        w.actor,
        w.ticket("in_progress", HOSTING),
        system="web",
        start=w.now - timedelta(minutes=30),
    ),
    "outages.set_target": lambda w: w.s.outages.set_target(
        w.actor,
        contract=f"K-{w.customer(contract=True)}",
        service_type="managed_hosting",
        availability="99.5",
    ),
    "outages.show": _ticket(lambda w, n: w.s.outages.show(w.actor, n)),
    "outages.targets": lambda w: w.s.outages.targets(w.actor, "ACME"),
}

# Actions whose success needs a system outside the database: for the roles allowed,
# the matrix accepts this failure (it comes after the role check) instead of success.
NEEDS_OUTSIDE = {"desk_settings.send_test": "did not take the e-mail"}
