"""Issue 19's report acceptance at 1M, and the markdown tables of ``benchmarks.million``.

Measure (read-only: nothing is written to the databases, so the shared reference data
can be used as it is; the acting admin is read from ``users``, not logged in):

    .venv/bin/python -m benchmarks.million_report \\
        --url sqlite:////work/data/m1.db \\
        --url postgresql+psycopg://postgres@127.0.0.1:5432/sd_million --json report.json

For each database: the year report for all customers (the last 365 days, as
``benchmarks.million`` asks for it) split as the CLI produces it — the model
(``ReportService.period_report``) and its rendering (JSON, CSV and, with ``--pdf``, the
PDF) timed separately — and the manager dashboard. Each model figure is printed beside
its baseline measured in the same run on the same database: the scans the rollups
replace (``ReportRepository.use_rollups = False``), with a check that both give the same
report. Medians in milliseconds after a warm-up; the clock is held still so that the
two see the same "now".

Tables from the JSON of ``benchmarks.million`` (one or more files):

    .venv/bin/python -m benchmarks.million_report sqlite.json postgresql.json
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.bootstrap import Services, open_services
from app.domain.clock import FakeClock
from app.domain.roles import Role
from app.persistence.orm import User
from app.persistence.reports_repository import ReportRepository
from app.reports.render.tabular import period_csv, to_json
from app.services.auth import Actor
from benchmarks.million_sql import median_ms
from benchmarks.reports_bench import same_output

LIMITS = {"year report, all customers": 1000.0, "dashboard": 200.0}


def _ms(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}" if value >= 1 else f"{value:.2f}"


def _cell(row: dict[str, Any] | None) -> str:
    if row is None:
        return ""
    if "error" in row:
        return "error"
    text = _ms(row["app_ms"])
    if row.get("floor_ms") is not None:
        text += f" / {_ms(row['floor_ms'])}"
    if row.get("growth") is not None:
        text += f" (g {row['growth']:.1f})"
    return text


def render(docs: list[dict[str, Any]]) -> str:
    results = [r for d in docs for r in d["results"]]
    big = max(d["meta"]["tickets"] for d in docs)
    engines = list(dict.fromkeys(r["engine"] for r in results))
    at = {(r["engine"], r["tickets"], r["group"], r["name"]): r for r in results}
    out = ["| generation | " + " | ".join(engines) + " |", "|---|" + "---|" * len(engines)]
    for d in docs:
        for key, gen in d["generation"].items():
            secs = gen.get("wall_seconds")
            out.append(f"| {key} | {secs} s wall |" if secs else f"| {key} | {gen} |")
    out += ["", "Queue pages at " + f"{big:,}" + " tickets: app ms / floor ms (g = growth "
            "from the small size); middle = after row 10,000, last = reversed order's first",
            ""]  # fmt: skip
    head = "| view, sort | " + " | ".join(f"{e} first | {e} middle | {e} last" for e in engines)
    out += [head + " |", "|---|" + "---|---|---|" * len(engines)]
    names = dict.fromkeys(r["name"].rsplit(", ", 1)[0] for r in results if r["group"] == "page")
    for name in names:
        cells = [
            _cell(at.get((e, big, "page", f"{name}, {pos}")))
            for e in engines
            for pos in ("first", "middle", "last")
        ]
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    for group in ("filter", "search", "count", "report", "write"):
        out += ["", f"| {group} | " + " | ".join(engines) + " |", "|---|" + "---|" * len(engines)]
        for name in dict.fromkeys(r["name"] for r in results if r["group"] == group):
            cells = []
            for e in engines:
                row = at.get((e, big, group, name))
                extra = (
                    f", {row['statements']:.0f} statements" if row and "statements" in row else ""
                )
                cells.append(_cell(row) + extra)
            out.append(f"| {name} | " + " | ".join(cells) + " |")
    out += ["", _summary(results, big, engines)]
    return "\n".join(out)


def _summary(results: list[dict[str, Any]], big: int, engines: list[str]) -> str:
    lines = []
    for e in engines:
        mine = [r for r in results if r["engine"] == e and r["tickets"] == big and "app_ms" in r]
        floored = [r for r in mine if r.get("ratio") is not None]
        over = [r for r in floored if r["ratio"] > 3]
        grown = [r for r in mine if r.get("growth") is not None and r["group"] == "page"]
        worst = max(grown, key=lambda r: r["growth"], default=None)
        lines.append(
            f"- {e}: {len(over)} of {len(floored)} measurements above 3x their floor; "
            f"pages grown more than 1.5x from the small size: "
            f"{sum(1 for r in grown if r['growth'] > 1.5)} of {len(grown)}"
            + (f" (worst: {worst['name']}, {worst['growth']}x)" if worst else "")
        )
    return "\n".join(lines)


# -- measuring ---------------------------------------------------------------------------


def _admin(services: Services) -> Actor:
    with services.db.unit_of_work(write=False) as uow:
        user = uow.session.scalars(select(User).where(User.username == "admin")).one()
        return Actor(user.id, user.username, Role(user.role), user.full_name or "")


def _pair(
    fn: Callable[[], Any], runs: int, baseline_runs: int
) -> tuple[Any, float, float | None, bool | None]:
    """fn's output and median ms from the rollups, and (if asked) from the scans."""
    ReportRepository.use_rollups = True
    rolled = fn()
    app_ms = median_ms(fn, runs)
    if not baseline_runs:
        return rolled, app_ms, None, None
    ReportRepository.use_rollups = False
    try:
        scanned = fn()
        base_ms = median_ms(fn, baseline_runs)
    finally:
        ReportRepository.use_rollups = True
    return rolled, app_ms, base_ms, same_output(rolled, scanned)


def measure(url: str, args: argparse.Namespace) -> list[dict[str, Any]]:
    engine = "postgresql" if url.startswith("postgresql") else "sqlite"
    settings = {"company": {"timezone": args.zone}}
    services = open_services(url, clock=FakeClock(datetime.now(UTC)), settings=settings)
    rows: list[dict[str, Any]] = []

    def line(what: str, app_ms: float, base_ms: float | None = None, same: Any = None) -> None:
        limit = LIMITS.get(what)
        row = {"engine": engine, "what": what, "app_ms": round(app_ms, 1),
               "baseline_ms": None if base_ms is None else round(base_ms, 1),
               "limit_ms": limit, "within": None if limit is None else app_ms <= limit,
               "same_output": same}  # fmt: skip
        rows.append(row)
        ok = "" if limit is None else "yes" if app_ms <= limit else "NO"
        base = "" if base_ms is None else f"{base_ms:,.1f}"
        check = "" if same is None else "yes" if same else "NO"
        print(f"{engine:10} {what:36} {app_ms:9,.1f} {base:>12} {limit or '':>7} {ok:>4} "
              f"{check:>5}", flush=True)  # fmt: skip

    try:
        admin = _admin(services)
        today = services.ctx.clock.now().date()
        start = today - timedelta(days=364)
        r, d = services.reports, services.dashboard

        def model() -> Any:
            return r.period_report(admin, customer=None, start=start, end=today)

        report, app_ms, base_ms, same = _pair(model, args.runs, args.baseline_runs)
        line("year report, all customers", app_ms, base_ms, same)
        line("  rendered as JSON", median_ms(lambda: to_json(report), args.runs))
        line("  rendered as CSV", median_ms(lambda: period_csv(report), args.runs))
        if args.pdf:
            line("  drawn as PDF", _pdf_ms(report, services, admin, args.runs))
        for code in args.customer:

            def one(code: str = code) -> Any:
                return r.period_report(admin, customer=code, start=start, end=today)

            _, app_ms, base_ms, same = _pair(one, args.runs, args.baseline_runs)
            line(f"year report, {code}", app_ms, base_ms, same)
        _, app_ms, base_ms, same = _pair(lambda: d.figures(admin), args.runs, args.baseline_runs)
        line("dashboard", app_ms, base_ms, same)
        if args.steps:
            for what, ms in _steps(services, args.runs, args.zone, args.customer):
                line(f"  {what}", ms)
    finally:
        services.db.dispose()
    return rows


def _steps(
    services: Services, runs: int, zone: str, customers: list[str]
) -> list[tuple[str, float]]:
    """Each read of the year report and the dashboard on its own (median ms): where the
    time goes. The reads as the services make them, from the rollups; then each of
    ``customers``' year report's reads."""
    from app.services.report_model import AGE_BUCKETS
    from app.services.reports import calendar_days

    now = services.ctx.clock.now()
    today = now.date()
    since, until = calendar_days(today - timedelta(days=364), today, zone)
    weeks = [now - timedelta(weeks=8 - i) for i in range(8)]
    reads: dict[str, Callable[[ReportRepository], Any]] = {
        "year: sums and percentiles": lambda r: r.period_totals(None, since, until),
        "year: three breakdowns": lambda r: [
            r.counts_by(None, since, until, by) for by in ("category", "service_type", "product")
        ],
        "year: breaches (500 and the count)": lambda r: r.breaches(None, since, until, 500),
        "year and dashboard: backlog": lambda r: r.backlog(None, now, AGE_BUCKETS),
        "year: time by person": lambda r: r.time_by_person(None, since, until),
        "year: time by customer": lambda r: r.time_by_customer(None, since, until),
        "dashboard: trend (8 weeks)": lambda r: r.resolutions_by_week(weeks, now),
        "dashboard: open load": lambda r: r.open_load(),
        "dashboard: at risk (200)": lambda r: r.at_risk(200),
    }
    for code in customers:
        with services.db.unit_of_work(write=False) as uow:
            cid = uow.customers.get(code).id
        reads |= {f"{code} {k}": v for k, v in _customer_reads(cid, since, until, now).items()}
    out = []
    for what, read in reads.items():

        def once(read: Callable[[ReportRepository], Any] = read) -> None:
            with services.db.unit_of_work(write=False) as uow:
                read(uow.reports)

        out.append((what, median_ms(once, runs)))
    return out


def _customer_reads(
    cid: int, since: datetime, until: datetime, now: datetime
) -> dict[str, Callable[[ReportRepository], Any]]:
    """One customer's year report's reads (``--customer`` with ``--steps``)."""
    from app.services.report_model import AGE_BUCKETS

    keys = ("category", "service_type", "product")
    return {
        "year: sums and percentiles": lambda r: r.period_totals(cid, since, until),
        "year: three breakdowns": lambda r: [r.counts_by(cid, since, until, by) for by in keys],
        "year: breaches (500 and the count)": lambda r: r.breaches(cid, since, until, 500),
        "year: backlog": lambda r: r.backlog(cid, now, AGE_BUCKETS),
        "year: time by person": lambda r: r.time_by_person(cid, since, until),
        "year: time by customer": lambda r: r.time_by_customer(cid, since, until),
    }


def _pdf_ms(report: Any, services: Services, admin: Actor, runs: int) -> float:
    from ui.printing import write_pdf  # lazy: Qt only for PDFs, as in the CLI

    company = services.desk_settings.report_company(admin)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "year.pdf"
        return median_ms(lambda: write_pdf(report, out, company, "en"), runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("files", nargs="*", help="JSON of benchmarks.million: print tables")
    parser.add_argument("--url", action="append", default=[], help="a 1M database to measure")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--baseline-runs", type=int, default=3, help="runs of the scans (0: no baseline)"
    )
    parser.add_argument("--zone", default="UTC", help="the company's time zone (report days)")
    parser.add_argument("--customer", action="append", default=[], help="also one customer")
    parser.add_argument("--pdf", action="store_true", help="also draw the PDF (Qt)")
    parser.add_argument("--steps", action="store_true", help="also time each read alone")
    parser.add_argument("--json", metavar="FILE", help="write the figures here")
    args = parser.parse_args()
    if not args.url:
        docs = []
        for path in args.files:
            with open(path, encoding="utf-8") as fh:
                docs.append(json.load(fh))
        print(render(docs))
        return
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    print(f"{'engine':10} {'what':36} {'app ms':>9} {'baseline ms':>12} {'limit':>7} "
          f"{'ok':>4} {'same':>5}")  # fmt: skip
    rows = [row for url in args.url for row in measure(url, args)]
    if args.json:
        meta = {"date": datetime.now(UTC).isoformat(timespec="seconds"), "commit": commit,
                "runs": args.runs, "baseline_runs": args.baseline_runs, "zone": args.zone,
                "urls": args.url, "load": os.getloadavg()}  # fmt: skip
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump({"meta": meta, "rows": rows}, fh, indent=1)
        print(f"JSON: {args.json}")


if __name__ == "__main__":
    main()
