"""The demo data set's people, customers, products and ticket texts (plain data)."""

from __future__ import annotations

from app.domain.tickets import Category, Status

DEMO_PASSWORD = "demo-password-1"

USERS = (  # user name, role, full name
    ("admin", "admin", "Ada Admin"),
    ("mia", "manager", "Mia Moreau"),
    ("cara", "care", "Cara Lind"),
    ("colin", "care", "Colin Okafor"),
    ("eli", "engineer", "Eli Novak"),
    ("eva", "engineer", "Eva Santos"),
    ("omar", "engineer", "Omar Haddad"),
    ("lena", "engineer", "Lena Fischer"),
)
CUSTOMERS = (  # code, name, contacts (name, e-mail, phone)
    (
        "ACME",
        "Acme Logistics",
        (
            ("Jo Smith", "jo@acme.example", "+44 20 7946 0101"),
            ("Priya Shah", "priya@acme.example", ""),
        ),
    ),
    (
        "NORTHWIND",
        "Northwind Health",
        (("Tom Berg", "tom.berg@northwind.example", ""), ("Ines Duarte", "", "+351 21 000 1234")),
    ),
    ("BLUEBIRD", "Bluebird Bank", (("Hana Kato", "h.kato@bluebird.example", ""),)),
    (
        "RIVERTON",
        "City of Riverton",
        (
            ("Sam Ortiz", "it@riverton.example", "+1 555 0100"),
            ("Alex Reid", "a.reid@riverton.example", ""),
        ),
    ),
    ("HELIO", "Helio Energy", (("Noor Amin", "noor@helio.example", ""),)),
)
TIERS = ("Gold", "Platinum", "Platinum", "Silver", "Bronze")  # one per customer above
PRODUCTS = (
    ("LEDGER", "Ledger ERP"),
    ("PORTAL", "Customer Portal"),
    ("GATEWAY", "Payment Gateway"),
    ("MONITOR", "Monitoring Suite"),
)
# product, [(version, state, notes)], the version customers run at the start
RELEASES = (
    (
        "LEDGER",
        [
            ("4.2.0", "available", "Quarter-end closing wizard."),
            ("4.3.0", "available", "Faster invoice export; new VAT rates."),
            ("4.3.1", "available", "Fixes rounding of invoice totals."),
            ("4.4.0", "planned", "Multi-currency ledgers."),
        ],
        "4.2.0",
    ),
    (
        "PORTAL",
        [
            ("2.0.0", "available", "New self-service portal."),
            ("2.1.0", "available", "Password reset by SMS."),
        ],
        "2.0.0",
    ),
    (
        "GATEWAY",
        [("1.8.2", "available", "TLS 1.3 only."), ("1.9.0", "available", "3-D Secure 2.3.")],
        "1.8.2",
    ),
)
SUBJECTS = (
    ("Invoices stuck in 'pending export'", "LEDGER", Category.INCIDENT),
    ("Nightly backup job failed twice", "MONITOR", Category.INCIDENT),
    ("Password reset e-mails arrive late", "PORTAL", Category.INCIDENT),
    ("Card payments time out at checkout", "GATEWAY", Category.INCIDENT),
    ("Add VAT rate for new region", "LEDGER", Category.SERVICE_REQUEST),
    ("Upgrade portal to 4.2", "PORTAL", Category.UPGRADE),
    ("Apply security patch 3.1.7", "GATEWAY", Category.PATCH),
    ("Disk usage alert on db-02", "MONITOR", Category.INCIDENT),
    ("How do we export the audit log?", "LEDGER", Category.QUESTION),
    ("New user accounts for finance team", "PORTAL", Category.SERVICE_REQUEST),
    ("Report totals differ from ledger", "LEDGER", Category.INCIDENT),
    ("Certificate expires next month", "GATEWAY", Category.SERVICE_REQUEST),
    ("Slow search on customer list", "PORTAL", Category.INCIDENT),
    ("Monitoring dashboard shows no data", "MONITOR", Category.INCIDENT),
    ("Refund batch rejected by bank", "GATEWAY", Category.INCIDENT),
    ("Schedule maintenance window", "MONITOR", Category.SERVICE_REQUEST),
    ("Patch 2.8.3 for year-end closing", "LEDGER", Category.PATCH),
    ("Login page shows old logo", "PORTAL", Category.INCIDENT),
    ("API rate limit questions", "GATEWAY", Category.QUESTION),
    ("Alert thresholds too noisy", "MONITOR", Category.SERVICE_REQUEST),
)
COMMENTS = (
    "Reproduced on the test system; collecting logs.",
    "Customer confirmed it started after Monday's deployment.",
    "Checked the job scheduler: the last run ended with a timeout.",
    "Asked the customer for a screenshot of the error.",
    "Found the cause in the configuration; preparing the fix.",
    "Workaround shared with the customer by phone.",
)
FIXES = (
    ("Configuration error after the last upgrade.", "Restored the export queue setting."),
    ("Expired credentials of a service account.", "Rotated the credentials; job re-run."),
    ("Index missing on a large table.", "Added the index; search back under a second."),
    ("Mail relay throttling.", "Raised the relay limit and cleared the backlog."),
)
# Status mix of a day-to-day desk; cycled when more tickets are asked for.
STATUS_MIX = (
    [Status.NEW] * 10
    + [Status.ASSIGNED] * 8
    + [Status.IN_PROGRESS] * 12
    + [Status.WAITING_ON_CUSTOMER] * 8
    + [Status.RESOLVED] * 8
    + [Status.CLOSED] * 10
    + [Status.CANCELLED] * 4
)
