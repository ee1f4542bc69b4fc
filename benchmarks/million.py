"""Issue 19's acceptance run: a generated desk at 10k and at N tickets (default 1M) on each
engine, every queue page, count, filter and search through the app's own services beside
its floor (hand-written SQL on a raw connection of the same database, same run), the
growth 10k -> N, the year report, the dashboard and a ticket opening's SQL statements.

    .venv/bin/python -m benchmarks.million --tickets 1000000 --db sqlite postgresql \\
        --json million.json
    # the queue pages only, on 1M databases generated before (migrated in place: copies!)
    .venv/bin/python -m benchmarks.million --parts pages --existing \\
        sqlite=sqlite:////tmp/m1.db postgresql=postgresql+psycopg://postgres@127.0.0.1/m1

Each line: app ms, floor ms, app/floor and the verdict against issue 19's targets (a page
<= 3x its floor; at the big size also growth from the small size <= 1.5x); the summary
at the end counts the misses; the JSON has every figure.

Data: ``app.services.demo_bulk.generate`` into a temporary folder (SQLite) or a
throw-away database on SUPPORTDESK_TEST_PG (PostgreSQL). Figures: milliseconds, medians
of ``--runs`` runs after a warm-up. "middle" is the keyset page after row
min(10,000, half the view) (the floor continues from the same row by a row-value
comparison; none for the sorts with NULLs); "last" is the first page of the reversed
order (what "go to the end" reads).
Queue-model (Qt) and concurrency figures live in their own benchmarks.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from typing import Any

from argon2 import PasswordHasher

import app.persistence.all_models  # noqa: F401 - every table on Base.metadata
from app.bootstrap import open_services
from app.persistence.database import Database
from app.persistence.orm import Base
from app.services.auth import Passwords
from app.services.demo_bulk import generate
from app.services.demo_data import DEMO_PASSWORD
from benchmarks.million_bench import MAX_GROWTH, MAX_RATIO, PARTS, Bench, Result
from benchmarks.queue_bench import database

SEED = 19


def summary(results: list[Result], big: int) -> list[str]:
    """One line per engine and group: measured, over 3x the floor, grown over 1.5x."""
    lines = []
    for kind in dict.fromkeys(r["engine"] for r in results):
        for group in dict.fromkeys(r["group"] for r in results):
            rows = [
                r for r in results if (r["engine"], r["group"], r["tickets"]) == (kind, group, big)
            ]
            if not rows:
                continue
            floored = [r for r in rows if r.get("ratio") is not None]
            over = [r for r in floored if r["ratio"] > MAX_RATIO]
            grown = [r for r in rows if r.get("growth") is not None]
            first = [r for r in grown if r["growth"] > MAX_GROWTH]
            grew = [r for r in first if (r.get("growth_alternated") or r["growth"]) > MAX_GROWTH]
            failed = [r for r in rows if "error" in r]
            lines.append(
                f"{kind} {group}: {len(rows)} measured, {len(over)}/{len(floored)} over "
                f"{MAX_RATIO:g}x floor, {len(grew)}/{len(grown)} grew over {MAX_GROWTH:g}x"
                f" (first pass {len(first)}, then timed alternately with the small size)"
                + (f", {len(failed)} failed" if failed else "")
            )
            lines += [
                f"    grew: {r['name']} {r['growth']:.2f}x, alternated "
                f"{r.get('growth_alternated', '-')}" for r in grew
            ]  # fmt: skip
    return lines


@contextmanager
def one_size(
    kind: str,
    size: int,
    runs: int,
    existing: str | None = None,
    *,
    parts: tuple[str, ...] = PARTS,
    baseline: dict[tuple[str, str, str], float] | None = None,
    baseline_rows: dict[tuple[str, str, str], int] | None = None,
) -> Iterator[tuple[dict[str, Any], Bench]]:
    """Generate ``size`` tickets (or measure the database ``existing`` generated before,
    migrated to the newest schema first) and measure it; the database and its services
    stay open while the caller holds the bench (``recheck`` times it again)."""
    with database(kind) as fresh:
        url = existing or fresh
        started = time.perf_counter()
        if existing:
            db = Database.open(url)
            db.upgrade()
            # Revision files edited after that database was migrated: tables and indexes they
            # added since are created from the models (rollups filled below).
            Base.metadata.create_all(db.engine)
            with db.engine.begin() as conn:  # and indexes added to them the same way
                for table in Base.metadata.sorted_tables:
                    for index in table.indexes:
                        index.create(conn, checkfirst=True)
            db.dispose()
            gen: dict[str, Any] = {"existing": url.split("@")[-1]}
            if "reports" in parts:  # generated before the report rollups existed: count them
                services = open_services(url, settings={})
                try:
                    admin = services.users.login("admin", DEMO_PASSWORD)
                    services.reports.rebuild_rollups(admin)
                finally:
                    services.db.dispose()
                gen["rollups_seconds"] = round(time.perf_counter() - started, 1)
            print(f"\n## {kind}, {size:,} tickets: generated before, {url}", flush=True)
        else:
            cheap = Passwords(PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
            summary = generate(url, size, SEED, passwords=cheap)
            took = time.perf_counter() - started
            gen = {**summary.__dict__, "wall_seconds": round(took, 1)}
            print(
                f"\n## {kind}, {size:,} tickets: generated in {took:.0f} s "
                f"({summary.events:,} events, open {summary.open_ratio:.1%})",
                flush=True,
            )
        print(f"  {'group':8} {'what':52} {'app ms':>9} {'floor ms':>9} {'ratio':>7} {'growth':>7}")
        services = open_services(url, settings={})
        try:
            bench = Bench(kind, size, services, runs, baseline, baseline_rows=baseline_rows)
            bench.run(parts)
            yield gen, bench
        finally:
            services.db.dispose()


RECHECK_RUNS = 41


def recheck(small: Bench, big: Bench) -> None:
    """The lines of ``big`` grown over MAX_GROWTH, timed again alternately with the same
    line of ``small`` (small, big, small, ... RECHECK_RUNS each, both databases open):
    the first figures were taken minutes apart, under whatever load the shared machine
    had then. Both figures are kept (``growth`` and ``growth_alternated``); the summary
    counts the alternated one where there is one."""
    for row in big.results:
        if (row.get("growth") or 0) <= MAX_GROWTH:
            continue
        key = (row["group"], row["name"])
        if key not in small.calls or key not in big.calls:
            continue
        a, b = small.calls[key], big.calls[key]
        a(), b()
        ta, tb = [], []
        for _ in range(RECHECK_RUNS):
            start = time.perf_counter()
            a()
            middle = time.perf_counter()
            b()
            ta.append((middle - start) * 1000)
            tb.append((time.perf_counter() - middle) * 1000)
        sa, sb = statistics.median(ta), statistics.median(tb)
        spread = statistics.quantiles(tb, n=10)
        row["growth_alternated"] = round(sb / sa, 2)
        row["alternated_ms"] = [round(sa, 3), round(sb, 3)]
        row["alternated_big_p10_p90"] = [round(spread[0], 3), round(spread[-1], 3)]
        print(
            f"  recheck  {row['name']:52} {sa:9.2f} -> {sb:6.2f} ms "
            f"(p10-p90 {spread[0]:.2f}-{spread[-1]:.2f}): {sb / sa:5.2f}x, first pass "
            f"{row['growth']:.2f}x",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=10_000, help="the growth baseline")
    parser.add_argument(
        "--db", nargs="+", choices=["sqlite", "postgresql"], default=["sqlite", "postgresql"]
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--parts", nargs="+", choices=PARTS, default=list(PARTS), help="what to measure"
    )
    parser.add_argument("--json", default="million.json")
    parser.add_argument(
        "--existing",
        nargs="+",
        default=[],
        metavar="ENGINE=URL",
        help="measure a database generated before (demo --tickets N --seed 19) for the "
        "big size instead of generating it; it is migrated and its rollups rebuilt, so "
        "give a copy of shared data",
    )
    args = parser.parse_args()
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    out: dict[str, Any] = {
        "meta": {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "commit": commit,
            "machine": f"{platform.machine()}, {os.cpu_count()} cores",
            "runs": args.runs,
            "tickets": args.tickets,
            "small": args.small,
        },
        "generation": {},
        "results": [],
    }
    existing = dict(item.split("=", 1) for item in args.existing)
    parts = tuple(args.parts)
    for kind in args.db:
        with ExitStack() as held:  # the small size stays open for the recheck
            benches: list[Bench] = []
            for size in dict.fromkeys((args.small, args.tickets)):
                reuse = existing.get(kind) if size == args.tickets else None
                mine = [r for r in out["results"] if r["tickets"] == args.small]
                small = {(r["engine"], r["group"], r["name"]): r["app_ms"] for r in mine
                         if "app_ms" in r}  # fmt: skip
                rows = {(r["engine"], r["group"], r["name"]): r["rows"] for r in mine
                        if "rows" in r}  # fmt: skip
                gen, bench = held.enter_context(
                    one_size(kind, size, args.runs, reuse, parts=parts, baseline=small,
                             baseline_rows=rows)
                )  # fmt: skip
                benches.append(bench)
                if len(benches) == 2:
                    recheck(*benches)
                out["generation"][f"{kind} {size}"] = gen
                out["results"] += bench.results
                out["summary"] = summary(out["results"], args.tickets)
                with open(args.json, "w", encoding="utf-8") as fh:
                    json.dump(out, fh, indent=1, default=str)
    print("\n" + "\n".join(out.get("summary", [])))
    print(f"\nJSON: {args.json}")


if __name__ == "__main__":
    main()
