"""The work behind each queue page of ``benchmarks.million``, counted instead of timed:
SQLite's virtual-machine steps (a progress handler called at every step), PostgreSQL's
shared buffers (hit + read) from ``EXPLAIN (ANALYZE, BUFFERS)`` of the very statements
the app sent (captured, then replayed in one transaction with the same settings). The
counts do not move with the machine's load, so they tell a page that reads more at 1M
(a longer index walk, a sort) from one that only timed slower (issue 19: growth from
10k to 1M <= 1.5x, sub-millisecond pages on a shared 2-core machine).

    .venv/bin/python -m benchmarks.million_work --url sqlite:////tmp/copy.sqlite \\
        --json work_1m.json [--only "by assignee"]
    .venv/bin/python -m benchmarks.million_work --compare work_10k.json work_1m.json

The floors are the same hand-written SQL as ``benchmarks.million`` (million_sql), counted
the same way. Run it on copies: the database is migrated first, as million does.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import event

from app.bootstrap import open_services
from app.persistence.database import Database
from benchmarks.million_bench import Bench, Result


class _Counter:
    def __init__(self) -> None:
        self.steps = 0

    def __call__(self) -> int:
        self.steps += 1
        return 0


class WorkBench(Bench):
    """``Bench`` whose lines count work (see the module docstring) instead of time."""

    def __init__(self, *args: Any, only: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.only = only
        engine = self.svc.db.engine
        self.sqlite = engine.dialect.name == "sqlite"
        self.counter = _Counter()
        self.sent: list[tuple[str, Any]] = []
        if self.sqlite:
            event.listen(engine, "checkout", self._install)
            self._install(self.floor.conn.dbapi_connection)
        else:
            event.listen(engine, "before_cursor_execute", self._capture)
            self.replay = engine.raw_connection()

    def _install(self, dbapi_conn: Any, *_: Any) -> None:
        dbapi_conn.set_progress_handler(self.counter, 1)

    def _capture(self, _conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        self.sent.append((statement, params))

    def _sqlite_steps(self, fn: Callable[[], Any]) -> int:
        fn()  # warm: compiled statements, plans
        before = self.counter.steps
        fn()
        return self.counter.steps - before

    def _pg_buffers(self, statements: list[tuple[str, Any]], conn: Any) -> int:
        """Shared buffers the statements touch, replayed in one transaction on ``conn``."""
        total = 0
        cur = conn.cursor()
        try:
            for sql, params in statements:
                text = sql.strip()
                if text.upper().startswith("BEGIN;"):
                    text = text[6:].strip()
                if text.upper() in ("BEGIN", "ROLLBACK", "COMMIT"):
                    continue
                if "set_config" in text or not text.upper().startswith(("SELECT", "WITH", "(")):
                    cur.execute(text, params)
                    continue
                cur.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + text, params)
                plan = cur.fetchone()[0][0]["Plan"]
                total += plan.get("Shared Hit Blocks", 0) + plan.get("Shared Read Blocks", 0)
        finally:
            cur.close()
            conn.rollback()
        return total

    def _pg_app(self, fn: Callable[[], Any]) -> int:
        fn()
        self.sent.clear()
        fn()
        sent, self.sent = self.sent, []
        return self._pg_buffers(sent, self.replay.dbapi_connection)

    def line(
        self,
        group: str,
        name: str,
        app: Callable[[], Any],
        floor: str | None = None,
        same: bool | None = None,
        *,
        rows: int | None = None,
        limited: Callable[[int], Callable[[], Any]] | None = None,
    ) -> None:
        if group not in ("page", "filter") or (self.only and self.only not in name):
            return
        try:
            if self.sqlite:
                app_work = self._sqlite_steps(app)
                floor_work = (
                    None if floor is None else self._sqlite_steps(lambda: self.floor.rows(floor))
                )
            else:
                app_work = self._pg_app(app)
                floor_work = None
                if floor is not None:
                    grouped = "LATERAL" in floor or name.startswith("all by number")
                    fl = self.floor
                    conn = (fl.walks if grouped else fl.strict) if group == "page" else fl.conn
                    floor_work = self._pg_buffers([(floor, None)], conn.dbapi_connection)
        except Exception as exc:  # one failing measurement must not end the run
            print(f"  {group:8} {name:52} FAILED: {type(exc).__name__}: {str(exc)[:80]}")
            return
        self.results.append(
            {"engine": self.kind, "tickets": self.size, "group": group, "name": name,
             "app_work": app_work, "floor_work": floor_work}
        )  # fmt: skip
        shown = "-" if floor_work is None else f"{floor_work:,}"
        print(f"  {group:8} {name:52} {app_work:>12,} {shown:>12}", flush=True)


def compare(small: str, big: str, limit: float = 1.5) -> None:
    """Each page's work at both sizes, the growth, and the floor's."""
    with open(small, encoding="utf-8") as fh:
        a = {(r["group"], r["name"]): r for r in json.load(fh)}
    with open(big, encoding="utf-8") as fh:
        b = {(r["group"], r["name"]): r for r in json.load(fh)}
    print(f"{'what':60} {'app small':>10} {'app big':>10} {'growth':>7} {'floor g':>7}")
    for key, r in b.items():
        s = a.get(key)
        if s is None or not s["app_work"]:
            continue
        grew = r["app_work"] / s["app_work"]
        fg = (
            f"{r['floor_work'] / s['floor_work']:7.2f}"
            if r.get("floor_work") and s.get("floor_work")
            else "      -"
        )
        mark = "  <-" if grew > limit else ""
        print(f"{key[1]:60} {s['app_work']:>10,} {r['app_work']:>10,} {grew:7.2f} {fg}{mark}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--url")
    parser.add_argument("--json", default="work.json")
    parser.add_argument("--only", help="only lines whose name contains this")
    parser.add_argument("--parts", nargs="+", default=["pages", "filters"])
    parser.add_argument("--compare", nargs=2, metavar=("SMALL", "BIG"))
    args = parser.parse_args()
    if args.compare:
        compare(*args.compare)
        return
    db = Database.open(args.url)
    db.upgrade()
    db.dispose()
    services = open_services(args.url, settings={})
    results: list[Result] = []
    try:
        bench = WorkBench(services.db.engine.dialect.name, 0, services, 1, only=args.only)
        for part in args.parts:
            getattr(bench, part)()
        results = bench.results
    finally:
        services.db.dispose()
    with open(args.json, "w", encoding="utf-8") as fh:
        json.dump(results, fh, indent=1)


if __name__ == "__main__":
    main()
