"""The generated desk's people, customers (Zipf-sized, each with a tiered contract and
contacts), products and releases, inserted through ``uow.bulk``."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from app.persistence.bulk_load import BulkLoadRepository, db_time
from app.services.demo_bulk_shape import Catalogue, CustomerInfo, Person
from app.services.demo_data import CUSTOMERS, PRODUCTS, TIERS, USERS

# fmt: off
USER_COLS = ("id", "username", "full_name", "email", "role", "department", "password_hash",
             "active", "created_at")
CONTACT_COLS = ("id", "customer_id", "name", "email", "phone", "verifies_releases",
                "approves_resolutions")
CONTRACT_COLS = ("id", "code", "customer_id", "tier", "services", "valid_from", "valid_to",
                 "calendar_id", "created_at")
RELEASE_COLS = ("id", "product_id", "major", "minor", "patch", "kind", "state",
                "release_date", "notes", "created_at", "created_by_id")
ALL_SERVICES = ("first_level_support,managed_hosting,second_level_support,"
                "software_maintenance,system_monitoring")
EXTRA_PRODUCTS = (("ARCHIVE", "Document Archive"), ("MOBILE", "Mobile App"))
FIRST = ("Anna", "Nikos", "Maria", "Jonas", "Sofia", "Ravi", "Elena", "Tom", "Lea", "Yusuf")
LAST = ("Papadopoulou", "Berg", "Costa", "Nagy", "Kim", "Weber", "Silva", "Novak", "Ito")
WORDS = ("Nordic", "Aegean", "Alpine", "Harbor", "Summit", "Cedar", "Orion", "Delta", "Pioneer",
         "Atlas", "Meridian", "Coastal", "Granite", "Silver", "Crown")
TRADES = ("Logistics", "Health", "Foods", "Retail", "Energy", "Shipping", "Pharma", "Textiles",
          "Insurance", "Hotels")
# fmt: on
# Customer size follows rank ** -ZIPF: at 2,000 customers the biggest has ~14 % of tickets.
ZIPF = 1.1
CALENDAR = "GR"
SYSTEM = "system"  # the migrations' user that scans and imports


def build_catalogue(
    bulk: BulkLoadRepository, rng: random.Random, tickets: int, start: datetime, now: datetime
) -> tuple[Catalogue, dict[str, int]]:
    """Everything tickets refer to; returns it with counts for the summary."""
    people = _people(bulk, tickets, start)
    began, first_day = db_time(start), start.date().isoformat()
    tiers = sorted({t for t, _ in bulk.sla_targets()}) or list(TIERS)
    calendar = bulk.calendar_id(CALENDAR)
    n_customers = max(len(CUSTOMERS), min(2000, tickets // 500))
    cid, kid, tid = bulk.next_id("customers"), bulk.next_id("contacts"), bulk.next_id("contracts")
    customers, contacts, contracts, infos = [], [], [], []
    named: tuple[tuple[str, str, str], ...]
    for rank in range(n_customers):
        if rank < len(CUSTOMERS):  # the demo's named customers are the biggest
            code, name, named = CUSTOMERS[rank]
            tier = TIERS[rank]
        else:
            code = f"CUST{rank:05d}"
            name = f"{rng.choice(WORDS)} {rng.choice(TRADES)} {rank}"
            named = tuple(_contact(rng, code) for _ in range(_contacts_for(rank)))
            tier = rng.choice(tiers[:2] if rank < 50 else tiers)
        customers.append((cid + rank, code, name, began))
        mine = []
        for index, (person, email, phone) in enumerate(named):
            contacts.append((kid, cid + rank, person, email, phone, index == 0, index == 0))
            mine.append((kid, person))
            kid += 1
        contracts.append(
            (tid + rank, f"{code}-1", cid + rank, tier, ALL_SERVICES, first_day, None,
             calendar, began)
        )  # fmt: skip
        infos.append(CustomerInfo(cid + rank, code, tier, tid + rank, tuple(mine)))
    bulk.insert("customers", ("id", "code", "name", "created_at"), customers)
    bulk.insert("contacts", CONTACT_COLS, contacts)
    bulk.insert("contracts", CONTRACT_COLS, contracts)
    pid = bulk.next_id("products")
    products = [(pid + i, c, n) for i, (c, n) in enumerate((*PRODUCTS, *EXTRA_PRODUCTS))]
    bulk.insert("products", ("id", "code", "name"), products)
    releases = _releases(bulk, products, start, people[0][0])
    weights = [1 / (rank + 1) ** ZIPF for rank in range(n_customers)]
    total, running, cum = sum(weights), 0.0, []
    for w in weights:
        running += w / total
        cum.append(running)

    def role(name: str) -> list[Person]:
        return [Person(i, n) for i, n, r in people if r == name and n != SYSTEM]

    catalogue = Catalogue(
        now=now,
        customers=infos,
        customer_cum=cum,
        products=[(p[0], p[1]) for p in products],
        engineers=role("engineer"),
        care=role("care"),
        managers=role("manager") + role("admin"),
        targets=bulk.sla_targets(),
        calendar_id=calendar,
        system=next(Person(i, n) for i, n, _ in people if n == SYSTEM),
    )
    counts = {
        "users": len(people),
        "customers": len(customers),
        "contacts": len(contacts),
        "products": len(products),
        "releases": len(releases),
    }
    return catalogue, counts


def _people(bulk: BulkLoadRepository, tickets: int, start: datetime) -> list[tuple[int, str, str]]:
    """More people on a bigger desk (4 engineers at the demo's size, 44 at a million);
    they share the demo administrator's password hash (one argon2 run, not dozens)."""
    extra = [
        *(("engineer", f"eng{i:03d}", "technical") for i in range(min(60, tickets // 25_000))),
        *(("care", f"care{i:02d}", "customer_care") for i in range(min(10, tickets // 100_000))),
        *(("manager", f"mgr{i}", "management") for i in range(min(2, tickets // 200_000))),
    ]
    digest, uid = bulk.password_hash(USERS[0][0]), bulk.next_id("users")
    rows = [
        (uid + i, name, name.title(), f"{name}@supportdesk.example", role, dept, digest, True,
         db_time(start))
        for i, (role, name, dept) in enumerate(extra)
    ]  # fmt: skip
    bulk.insert("users", USER_COLS, rows)
    return bulk.users()  # the system user too (inactive; it authors escalations)


def _contacts_for(rank: int) -> int:
    return 3 if rank < 50 else 2 if rank < 300 else 1


def _contact(rng: random.Random, code: str) -> tuple[str, str, str]:
    first = rng.choice(FIRST)
    return f"{first} {rng.choice(LAST)}", f"{first.lower()}@{code.lower()}.example", ""


def _releases(
    bulk: BulkLoadRepository, products: list[tuple[int, str, str]], start: datetime, admin: int
) -> list[tuple[Any, ...]]:
    """Six releases per product, one every ~10 months."""
    rid, rows = bulk.next_id("releases"), []
    for pid, code, _ in products:
        for n in range(6):
            major, minor = 1 + n // 3, n % 3
            made = start + timedelta(days=300 * n)
            rows.append(
                (rid, pid, major, minor, 0, "minor" if minor else "major", "available",
                 (made + timedelta(days=30)).date().isoformat(),
                 f"{code} release {major}.{minor}.0", db_time(made), admin)
            )  # fmt: skip
            rid += 1
    bulk.insert("releases", RELEASE_COLS, rows)
    return rows
