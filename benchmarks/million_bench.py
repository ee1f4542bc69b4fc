"""The measurements of ``benchmarks.million`` (issue 19's acceptance run): each queue
page, filter, count, report and the opening through the app's services beside its floor
(benchmarks.million_sql), the growth from the small size, the verdict. Split from
million.py (which generates or opens the databases and writes the JSON).
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy import event

from app.bootstrap import Services
from app.domain.queue import QueueColumn, QueueFilter, QueueSort, SavedView
from app.services.auth import Actor
from app.services.demo_bulk_shape import RARE_WORD
from app.services.demo_data import DEMO_PASSWORD
from benchmarks.million_sql import (
    COLUMNS,
    CROWDED_LEADS,
    FROM,
    Floor,
    count_sql,
    filter_where,
    fitting_index,
    median_ms,
    order_by,
    page_sql,
    paired_median_ms,
    view_where,
)

PAGE = 100
DEEP = 10  # pages of 1,000 walked before the "middle" page
MAX_RATIO = 3.0  # issue 19: a page within 3x its floor
MAX_GROWTH = 1.5  # issue 19: a page at the big size within 1.5x of the small size
PARTS = ("pages", "filters", "counts", "reports", "opening")
Result = dict[str, Any]


class Bench:
    def __init__(
        self,
        kind: str,
        size: int,
        services: Services,
        runs: int,
        baseline: dict[tuple[str, str, str], float] | None = None,
        *,
        baseline_rows: dict[tuple[str, str, str], int] | None = None,
    ) -> None:
        self.kind, self.size, self.svc, self.runs = kind, size, services, runs
        self.baseline = baseline or {}  # app ms at the small size, for the growth
        # Rows each page returned at the small size: a view of a small desk may hold
        # fewer than a page ("Awaiting approval": 90 tickets at 10k, its middle page 45
        # rows), so its growth is measured on a page of as many rows (see ``line``).
        self.baseline_rows = baseline_rows or {}
        # Each line's app call by (group, name), to time again alternately with the
        # other size's (benchmarks.million.recheck).
        self.calls: dict[tuple[str, str], Callable[[], Any]] = {}
        self.admin = services.users.login("admin", DEMO_PASSWORD)
        self.eli = services.users.login("eli", DEMO_PASSWORD)
        self.floor = Floor(services.db.engine)
        self.ids = self.floor.ids()
        self.results: list[Result] = []

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
        """``rows``: how many rows the page returns; ``limited(n)``: the same page of at
        most ``n`` rows, timed for the growth when the small size's page held fewer
        rows than this one (the full page's growth is kept as ``growth_full_page``)."""
        self.calls[(group, name)] = app
        try:
            if floor:
                sql = floor
                # Pages planned as the app plans them (PostgreSQL: ordered walks, by
                # group for LATERAL walks and "All" by number); counts and filters plain.
                grouped = "LATERAL" in sql or name.startswith("all by number")
                fl = self.floor
                run = partial(fl.page, grouped=grouped) if group == "page" else fl.rows
                app_ms, floor_ms = paired_median_ms(app, lambda: run(sql), self.runs)
            else:
                app_ms, floor_ms = median_ms(app, self.runs), None
        except Exception as exc:  # one failing measurement must not end the run
            error = f"{type(exc).__name__}: {exc}"[:300]
            here = {"engine": self.kind, "tickets": self.size, "group": group, "name": name}
            self.results.append({**here, "error": error})
            print(f"  {group:8} {name:58} FAILED: {type(exc).__name__}: {str(exc)[:80]}")
            return
        ratio = round(app_ms / floor_ms, 2) if floor_ms else None
        small = self.baseline.get((self.kind, group, name))
        grew = round(app_ms / small, 2) if small else None
        extra: Result = {} if rows is None else {"rows": rows}
        small_rows = self.baseline_rows.get((self.kind, group, name))
        if small and limited and rows is not None and small_rows is not None and small_rows < rows:
            self.calls[(group, name)] = same_rows = limited(small_rows)
            matched = median_ms(same_rows, max(self.runs, 21))
            extra |= {"growth_full_page": grew, "growth_rows": small_rows}
            grew = round(matched / small, 2)
        self.results.append(
            {
                "engine": self.kind,
                "tickets": self.size,
                "group": group,
                "name": name,
                "app_ms": round(app_ms, 3),
                "floor_ms": None if floor_ms is None else round(floor_ms, 3),
                "ratio": ratio,
                "same_rows": same,
                **({} if grew is None else {"growth": grew}),
                **extra,
            }
        )
        shown = f"{floor_ms:9.2f}" if floor_ms is not None else "        -"
        rated = f"{ratio:6.1f}x" if ratio is not None else "      -"
        grown = f"{grew:6.2f}x" if grew is not None else "      -"
        note = ""
        if "growth_rows" in extra:
            note = f"  (growth on {extra['growth_rows']} rows as at the small size; "
            note += f"full page {extra['growth_full_page']:.2f}x)"
        print(
            f"  {group:8} {name:52} {app_ms:9.2f} {shown} {rated} {grown}  "
            f"{verdict(ratio, grew)}{note}",
            flush=True,
        )

    def actor(self, view: SavedView) -> Actor:
        return self.eli if view == SavedView.MY else self.admin

    def user_id(self, view: SavedView) -> int:
        return self.ids["users"]["eli" if view == SavedView.MY else "admin"]

    # -- queue pages ----------------------------------------------------------------------

    def pages(self) -> None:
        q = self.svc.queue
        for view in SavedView:
            actor, where = self.actor(view), view_where(view, self.user_id(view))
            flt = QueueFilter(view=view)
            for column in QueueColumn:
                sort, back = QueueSort(column), QueueSort(column, True)
                tag = f"{view.value} by {column.value}"
                index = fitting_index(view, sort) if self.kind == "sqlite" else None
                pg = self.kind == "postgresql"
                first = q.page(actor, flt, sort, None, PAGE)
                sql = page_sql(where, sort, PAGE, index=index, postgres=pg)
                same = [r.id for r in first.rows] == [r[0] for r in self.floor.rows(sql)]
                self._page(f"{tag}, first", actor, flt, sort, None, sql, same)
                key, anchor = self._deep(actor, flt, sort)
                if key is not None:
                    deep_sql = self._keyset_sql(where, sort, anchor, index, postgres=pg)
                    self._page(f"{tag}, middle", actor, flt, sort, key, deep_sql)
                last_sql = page_sql(where, back, PAGE, index=index, postgres=pg)
                self._page(f"{tag}, last", actor, flt, back, None, last_sql)

    def _page(
        self,
        name: str,
        *args: Any,
    ) -> None:
        self._one_page(name, *args)

    def _one_page(  # noqa: PLR0917 - the page's own arguments, in q.page's order
        self,
        name: str,
        actor: Actor,
        flt: QueueFilter,
        sort: QueueSort,
        key: Any,
        floor: str | None,
        same: bool | None = None,
    ) -> None:
        """One page's line, with the rows it returns and the same page cut to fewer."""
        q = self.svc.queue
        rows = len(q.page(actor, flt, sort, key, PAGE).rows)

        def limited(n: int) -> Callable[[], Any]:
            return partial(q.page, actor, flt, sort, key, n)

        app = partial(q.page, actor, flt, sort, key, PAGE)
        self.line("page", name, app, floor, same, rows=rows, limited=limited)

    def _deep(self, actor: Actor, flt: QueueFilter, sort: QueueSort) -> tuple[Any, int]:
        """The key after row min(10,000, half the view): a page in the middle at any size
        (a fixed row 10,000 is past the end of a small desk's views, so its "middle"
        page was empty and the growth meaningless)."""
        total = self.svc.queue.count(actor, flt, cap=None)
        target = min(DEEP * 1000, total // 2)
        if target < 1:
            return None, 0
        step = min(1000, target)
        page = self.svc.queue.page(actor, flt, sort, None, step)
        walked = len(page.rows)
        while walked < target and page.next_key is not None:
            page = self.svc.queue.page(actor, flt, sort, page.next_key, min(step, target - walked))
            walked += len(page.rows)
        if page.next_key is None:
            return None, 0
        return page.next_key, page.rows[-1].id

    @staticmethod
    def _keyset_sql(
        where: list[str], sort: QueueSort, anchor: int, index: str | None, *, postgres: bool
    ) -> str | None:
        """The page after row ``anchor`` by a row-value comparison (None: nullable keys);
        as two index walks where one comparison starts no index walk at the key."""
        if sort.column in (QueueColumn.ASSIGNEE, QueueColumn.SLA_DUE):
            return None
        if sort.column == QueueColumn.CUSTOMER:
            # The rest of the anchor's customer's tickets, then the customers after it:
            # two index walks (one row comparison over two tables starts neither).
            of = f"(SELECT t2.customer_id FROM tickets t2 WHERE t2.id = {anchor})"
            after = f"(SELECT c2.name, c2.id FROM customers c2 WHERE c2.id = {of})"
            later = page_sql(
                [*where, f"(c.name, c.id) > {after}"], sort, PAGE, index=index, postgres=postgres
            )
            rest = [*where, f"t.customer_id = {of}", f"t.id > {anchor}"]
            same = page_sql(rest, sort, PAGE, index=index)
            if postgres:  # one customer: by ticket id alone (by name first sorts them all)
                same = f"SELECT {COLUMNS} FROM {FROM} WHERE {' AND '.join(rest)} "
                lead = "t.assignee_id, " if "t.assignee_id IS NULL" in where else ""
                same += f"ORDER BY {lead}t.id LIMIT {PAGE}"
            return f"SELECT * FROM ({same}) a UNION ALL SELECT * FROM ({later}) b LIMIT {PAGE}"
        keys = [k.split()[0] for k in order_by(sort).split(", ")]
        mine = ", ".join(keys)
        theirs = ", ".join(k.replace("t.", "t2.").replace("c.", "c2.") for k in keys)
        probe = (
            f"(SELECT {theirs} FROM tickets t2 JOIN customers c2 ON c2.id = t2.customer_id "
            f"WHERE t2.id = {anchor})"
        )
        if not postgres and sort.column in CROWDED_LEADS:
            # SQLite seeks a row comparison by its first column only: the rest of the
            # key's first value (equal, then the rest of the key), then the later values.
            first, rest = keys[0], keys[1:]
            probe_first = f"(SELECT {theirs.split(', ')[0]} FROM tickets t2 WHERE t2.id = {anchor})"
            rest_probe = probe.replace(theirs, ", ".join(theirs.split(", ")[1:]), 1)
            same_sql = page_sql(
                [*where, f"{first} = {probe_first}", f"({', '.join(rest)}) > {rest_probe}"],
                sort, PAGE, index=index,
            )  # fmt: skip
            later = page_sql([*where, f"{first} > {probe_first}"], sort, PAGE, index=index)
            return f"SELECT * FROM ({same_sql}) a UNION ALL SELECT * FROM ({later}) b LIMIT {PAGE}"
        return page_sql([*where, f"({mine}) > {probe}"], sort, PAGE, index=index)

    # -- filters, search, counts ----------------------------------------------------------------

    def filters(self) -> None:
        q = self.svc.queue
        small = max(self.ids["customers"], key=lambda c: self.ids["customers"][c])
        cases = {
            "big customer ACME": QueueFilter(customer="ACME"),
            f"small customer {small}": QueueFilter(customer=small),
            "assignee eli": QueueFilter(assignee="eli"),
            "product LEDGER": QueueFilter(product="LEDGER"),
            "priority P1": QueueFilter(priorities=frozenset({1})),
            "status in_progress": QueueFilter(statuses=frozenset({"in_progress"})),
        }
        for label, flt in cases.items():
            where = [*view_where(flt.view, 0), *filter_where(flt, self.ids)]
            keyed = bool(flt.customer or flt.assignee or flt.product)
            pinned = self.kind == "sqlite" and not keyed
            index = fitting_index(flt.view, QueueSort()) if pinned else None
            sql = page_sql(where, QueueSort(), PAGE, index=index, postgres=self.kind != "sqlite")
            self.line(
                "filter",
                f"all_open, {label}",
                partial(q.page, self.admin, flt, QueueSort(), None, PAGE),
                sql,
            )
        for view in (SavedView.ALL_OPEN, SavedView.ALL):
            for word in (RARE_WORD, "fails", "SD-000042"):
                flt = QueueFilter(view=view, search=word)
                self.line(
                    "search",
                    f"{view.value}, {word!r}",
                    partial(q.page, self.admin, flt, QueueSort(), None, PAGE),
                )
                newest = QueueSort(QueueColumn.UPDATED, True)
                self.line(
                    "search",
                    f"{view.value}, {word!r}, newest first",
                    partial(q.page, self.admin, flt, newest, None, PAGE),
                )

    def counts(self) -> None:
        q = self.svc.queue
        for view in SavedView:
            actor, where = self.actor(view), view_where(view, self.user_id(view))
            flt = QueueFilter(view=view)
            self.line(
                "count",
                f"{view.value} (capped 1,000)",
                partial(q.count, actor, flt),
                count_sql(where, 1000),
            )
        for view in (SavedView.ALL_OPEN, SavedView.ALL):
            where = view_where(view, 0)
            flt = QueueFilter(view=view)
            self.line(
                "count",
                f"{view.value} (exact)",
                partial(q.count, self.admin, flt, cap=None),
                count_sql(where, None),
            )
        self.line("count", "sidebar, 7 views (capped)", lambda: q.view_counts(self.admin))

    # -- reports, dashboard, opening ------------------------------------------------------------

    def reports(self) -> None:
        today = datetime.now(UTC).date()
        year = (today - timedelta(days=364), today)
        r = self.svc.reports
        everyone = partial(r.period_report, self.admin, customer=None, start=year[0], end=year[1])
        self.line("report", "year report, all customers", everyone)
        acme = partial(r.period_report, self.admin, customer="ACME", start=year[0], end=year[1])
        self.line("report", "year report, ACME (biggest)", acme)
        self.line("report", "dashboard", lambda: self.svc.dashboard.figures(self.admin))

    def opening(self) -> None:
        cara = self.svc.users.login("cara", DEMO_PASSWORD)
        counted: list[int] = []

        @event.listens_for(self.svc.db.engine, "before_cursor_execute")
        def _count(*_: Any) -> None:
            counted.append(1)

        statements = []

        def one() -> None:
            before = len(counted)
            self.svc.tickets.open_ticket(
                cara,
                customer="ACME",
                subject="Benchmark opening",
                service_type="first_level_support",
                contact="Jo Smith",
            )
            statements.append(len(counted) - before)

        self.line("write", "open a ticket", one)
        event.remove(self.svc.db.engine, "before_cursor_execute", _count)
        self.results[-1]["statements"] = statistics.median(statements)
        print(f"  {'':8} statements per opening: {statistics.median(statements):.0f}")

    def run(self, parts: tuple[str, ...] = PARTS) -> list[Result]:
        for part in parts:
            getattr(self, part)()
        self.floor.close()
        return self.results


def verdict(ratio: float | None, growth: float | None) -> str:
    """``ok`` or what misses issue 19's targets (``-``: nothing to compare with)."""
    missed = []
    if ratio is not None and ratio > MAX_RATIO:
        missed.append(f"over {MAX_RATIO:g}x floor")
    if growth is not None and growth > MAX_GROWTH:
        missed.append(f"grew over {MAX_GROWTH:g}x")
    if missed:
        return "FAIL " + ", ".join(missed)
    return "ok" if ratio is not None or growth is not None else "-"
