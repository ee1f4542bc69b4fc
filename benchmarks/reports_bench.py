"""Report timings on a big desk (issue 19): the year report for all customers and for
the biggest customer, and the manager dashboard — read from the rollups ("rollups")
beside the scans they replace ("scan", the code before issue 19, still callable through
``ReportRepository.use_rollups``), in the same run, on the same database; each pair's
outputs are checked equal.

    .venv/bin/python -m benchmarks.reports_bench                       # 100k, both engines
    .venv/bin/python -m benchmarks.reports_bench --sizes 1000000 --db sqlite
    .venv/bin/python -m benchmarks.reports_bench --url sqlite:////tmp/desk.db   # reuse

The desk comes from the demo generator (app.services.demo_bulk: 5 years, ~10 % open);
its bulk load bypasses the facts hook, so the rollups are counted once by
``rebuild_rollups`` (timed). Prints medians in milliseconds; ``--json`` writes them.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from app.bootstrap import Services, open_services
from app.domain.clock import FakeClock
from app.persistence.reports_repository import ReportRepository
from app.services.auth import Actor
from app.services.demo_bulk import generate
from app.services.demo_data import DEMO_PASSWORD
from app.services.report_facts import rebuild_rollups
from benchmarks.queue_bench import database, median_ms

RUNS = 5
SETTINGS = {"company": {"timezone": "Europe/Athens"}}
LIMITS = {"year report, all customers": 1000.0, "dashboard": 200.0}


def same_output(a: Any, b: Any) -> bool:
    """Equal outputs, but for when they were generated and the last bits of a float."""

    def plain(x: Any) -> Any:
        if dataclasses.is_dataclass(x) and not isinstance(x, type):
            return {
                f.name: plain(getattr(x, f.name))
                for f in dataclasses.fields(x)
                if f.name != "generated_at"
            }
        if isinstance(x, tuple | list):
            return [plain(v) for v in x]
        if isinstance(x, float):
            return round(x, 6)
        return x

    return bool(plain(a) == plain(b))


def measure(services: Services, admin: Actor, biggest: str, number: int) -> list[dict[str, Any]]:
    r, d = services.reports, services.dashboard
    start, end = date(number, 1, 1), date(number, 12, 31)
    cases: list[tuple[str, Callable[[], Any]]] = [
        (
            "year report, all customers",
            lambda: r.period_report(admin, customer=None, start=start, end=end),
        ),
        (
            f"year report, {biggest}",
            lambda: r.period_report(admin, customer=biggest, start=start, end=end),
        ),
        ("dashboard", lambda: d.figures(admin)),
    ]
    rows = []
    for label, fn in cases:
        figures: dict[str, float] = {}
        outputs: dict[str, Any] = {}
        for mode, rolled in (("scan", False), ("rollups", True)):
            ReportRepository.use_rollups = rolled
            outputs[mode] = fn()
            figures[mode] = median_ms(fn, RUNS)
        ReportRepository.use_rollups = True
        limit = LIMITS.get(label)
        rows.append(
            {
                "what": label,
                "scan_ms": round(figures["scan"], 1),
                "rollups_ms": round(figures["rollups"], 1),
                "limit_ms": limit,
                "within": None if limit is None else figures["rollups"] <= limit,
                "same_output": same_output(outputs["scan"], outputs["rollups"]),
            }
        )
    return rows


def bench(url: str, kind: str, count: int | None, seed: int) -> dict[str, Any]:
    load_s = None
    if count is not None:
        started = time.perf_counter()
        generate(url, count, seed)
        load_s = time.perf_counter() - started
    # A still clock: the scan and the rollups must see the same "now" to give the same
    # backlog and trend; company days in Athens put the period's ends inside UTC days.
    clock = FakeClock(datetime.now(UTC))
    services = open_services(url, clock=clock, settings=SETTINGS)
    try:
        started = time.perf_counter()
        with services.db.unit_of_work() as uow:
            counted = rebuild_rollups(uow)
            uow.commit()
        rebuild_s = time.perf_counter() - started
        admin = services.users.login("admin", DEMO_PASSWORD)
        now = services.ctx.clock.now()
        year = (now - timedelta(days=365)).year  # the last whole year
        codes = [code for code, _ in services.reports.customers(admin)]
        biggest = "ACME" if "ACME" in codes else codes[0]  # the generator's biggest
        rows = measure(services, admin, biggest, year)
    finally:
        services.db.dispose()
    print(f"\n## {kind}, {counted:,} tickets (generated in {load_s or 0:.0f} s; "
          f"rollups rebuilt in {rebuild_s:.1f} s), year {year}")  # fmt: skip
    print(f"{'what':34} {'scan ms':>10} {'rollups ms':>11} {'limit':>7} {'ok':>4} {'same':>5}")
    for row in rows:
        ok = "" if row["within"] is None else ("yes" if row["within"] else "NO")
        print(
            f"{row['what']:34} {row['scan_ms']:10.1f} {row['rollups_ms']:11.1f} "
            f"{row['limit_ms'] or '':>7} {ok:>4} {'yes' if row['same_output'] else 'NO':>5}"
        )
    return {"engine": kind, "tickets": counted, "year": year, "generate_s": load_s,
            "rebuild_rollups_s": round(rebuild_s, 2), "rows": rows}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--url", help="an existing generated database (no generation)")
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--json", metavar="FILE", help="write the figures here")
    args = parser.parse_args()
    results = []
    if args.url:
        kind = "postgresql" if args.url.startswith("postgresql") else "sqlite"
        results.append(bench(args.url, kind, None, args.seed))
    else:
        kinds = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
        for count in args.sizes:
            for kind in kinds:
                with database(kind) as url:
                    results.append(bench(url, kind, count, args.seed))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(results, out, indent=2)


if __name__ == "__main__":
    main()
