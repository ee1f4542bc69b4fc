"""Who may do what to which table in PostgreSQL security mode (docs/security.md shows
the same table). The services check permissions first; these grants make the database
refuse the same things to a person who connects with a client of their own.

Groups: every person's login is a member of ``supportdesk_people`` and of the group of
their application role. ``ALL_PEOPLE`` below means every group.
"""

from __future__ import annotations

ENGINEER, CARE, MANAGER, ADMIN = (
    "supportdesk_engineer",
    "supportdesk_care",
    "supportdesk_manager",
    "supportdesk_admin",
)
PEOPLE = "supportdesk_people"
GROUPS = (ENGINEER, CARE, MANAGER, ADMIN)
ALL_PEOPLE = (PEOPLE,)
STAFF = (ENGINEER, MANAGER, ADMIN)  # installs releases on test and production
MANAGERS = (MANAGER, ADMIN)

READ = "SELECT"
WORK = "SELECT, INSERT, UPDATE"
OWN = "SELECT, INSERT, UPDATE, DELETE"
APPEND = "SELECT, INSERT"

# table -> [(privileges, grantees)]; every table is readable by everyone unless noted.
GRANTS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    # The history: insert-only for everyone (plus the trigger of migration 0009).
    "ticket_events": [(APPEND, ALL_PEOPLE)],
    "history_ledger": [(APPEND, ALL_PEOPLE)],
    "promotion_events": [(APPEND, (*STAFF, CARE))],
    "installation_events": [(APPEND, STAFF)],
    "sla_escalations": [(APPEND, ALL_PEOPLE)],
    # Working a ticket: everyone opens, comments, and the hooks keep their rows.
    "tickets": [(WORK, ALL_PEOPLE)],
    "counters": [(WORK, ALL_PEOPLE)],
    "sla_clocks": [(WORK, ALL_PEOPLE)],
    "ticket_facts": [(WORK, ALL_PEOPLE)],
    "outbox": [(WORK, ALL_PEOPLE)],
    "outbox_mail": [(APPEND, ALL_PEOPLE)],
    "idempotency_keys": [(WORK, ALL_PEOPLE)],
    "login_failures": [(OWN, ALL_PEOPLE)],
    # Report rollups, kept by the facts hook on every change; a manager rebuilds them.
    **{
        table: [(WORK, ALL_PEOPLE), (OWN, MANAGERS)]
        for table in (
            "report_days",
            "report_months",
            "report_day_keys",
            "report_month_keys",
            "report_day_work",
            "report_month_work",
            "report_month_customer_work",
            "report_month_buckets",
            "report_resolved_days",
        )
    },
    # Background jobs (SLA scan, dispatch, mail) any desk may run: who holds the lease.
    "job_leases": [(WORK, ALL_PEOPLE)],
    # Each person's own saved searches (issue 14); the service keeps them to their owner.
    "saved_searches": [(OWN, ALL_PEOPLE)],
    "attachments": [(APPEND, ALL_PEOPLE)],
    "blobs": [(APPEND, ALL_PEOPLE)],
    "mail_messages": [(WORK, ALL_PEOPLE)],
    "release_tickets": [(APPEND, STAFF)],
    "outages": [(WORK, ALL_PEOPLE)],
    "monitoring_alerts": [(WORK, ALL_PEOPLE)],
    # Auto-assignment stamps the engineer it chose; engineers set their availability.
    "engineer_profiles": [(WORK, ALL_PEOPLE)],
    # Releases on customers' systems: engineers, managers, admins.
    "installations": [(WORK, STAFF)],
    "promotions": [(WORK, (*STAFF, CARE))],
    # The catalogue: customers, contracts, SLA targets, calendars, releases — managers.
    "customers": [(OWN, MANAGERS)],
    # Care attaching a stranger's mail to a customer adds the sender as a contact.
    "contacts": [(OWN, MANAGERS), (APPEND, (CARE,))],
    "products": [(OWN, MANAGERS)],
    "contracts": [(OWN, MANAGERS)],
    "sla_targets": [(OWN, MANAGERS)],
    "service_targets": [(OWN, MANAGERS)],
    "service_credit_bands": [(OWN, MANAGERS)],
    "business_calendars": [(OWN, MANAGERS)],
    "maintenance_windows": [(OWN, MANAGERS)],
    "releases": [(OWN, MANAGERS)],
    "canned_replies": [(OWN, MANAGERS)],
    "notification_templates": [(OWN, MANAGERS)],
    # Imports are a manager's job.
    "import_runs": [(WORK, MANAGERS)],
    "imported_tickets": [(APPEND, MANAGERS)],
    "imported_users": [(APPEND, MANAGERS)],
    "teams": [(WORK, MANAGERS)],
    # Users and the desk's settings: administrators only (logins: security definer
    # functions, see security_roles.py).
    "users": [("INSERT, UPDATE", (ADMIN,)), ("INSERT", MANAGERS)],
    # Managers: the assignment policy and the mail server only (row-level security in
    # security_roles.py: keys "assignment.*" and "smtp.*").
    "app_settings": [(OWN, (ADMIN,)), (WORK, (MANAGER,))],
}

# Keys of app_settings a manager may write (everything else: administrators).
MANAGER_SETTINGS = ("assignment.%", "smtp.%")

# Columns nobody but an administrator reads (the argon2 hash of SQLite-mode passwords):
# everyone else reads the other columns of these tables only.
PRIVATE_COLUMNS = {"users": ("password_hash",)}
