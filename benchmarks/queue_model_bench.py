"""The queue model with a real view attached (offscreen), on a big desk, beside its floors.

    .venv/bin/python -m benchmarks.queue_model_bench                       # 100k, both engines
    .venv/bin/python -m benchmarks.queue_model_bench --tickets 1000000 --db sqlite
    .venv/bin/python -m benchmarks.queue_model_bench --url sqlite:////tmp/big.db  # reuse a desk

For each input (view switch, sort change, filter, selective and common-word search):
milliseconds from the call to the first rows in the model (``reloaded``), split into the
database part (``QueueService.page`` on the worker), cooking the cells (worker) and the
model's GUI-thread part (``_on_first``: reset + cache); then the first paint. The id
stream (every position of "All", so the scroll bar is honest): how long until complete.
One page scroll: the scroll bar a page further -> the visible rows in (by id) ->
painted; a jump (the bar dragged to a far place) likewise. One full-viewport repaint
beside a plain ``QStandardItemModel`` holding the same text, in the same run (ratio).
RSS after scrolling the whole "All" view (``--scroll-step`` rows at a time, with the
view painting each place). A refresh with the view in the middle of "All": is the same
ticket still at the top. Medians; ``--json`` writes the figures; ``--parts`` picks.
The measuring parts live in ``benchmarks/queue_model_parts.py`` (the repaint in
``benchmarks/queue_model_repaint.py``).
Data: ``app.services.demo_bulk.generate`` (``--data demo``) or tests' ``bulk_tickets``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.bootstrap import Services, open_services
from app.domain.queue import QueueColumn, QueueFilter, QueueSort, SavedView
from app.services.auth import Actor
from benchmarks import queue_model_parts
from benchmarks.queue_bench import database
from benchmarks.queue_model_parts import (
    Probe,
    make_view,
    pump_until,
    refresh_far,
    scroll_everything,
    scroll_pages,
    scroll_while_streaming,
    stream_all,
    time_input,
)
from benchmarks.queue_model_repaint import repaint_ratio
from tests.support.queue_data import RARE_WORD
from ui.models.queue_model import COLUMNS, QueueModel
from ui.tasks import TaskRunner

SCROLL_STEP = 150  # rows per step when scrolling the whole view (<= the model's window)
PARTS = ("inputs", "streaming", "stream", "scroll", "repaint", "refresh", "all")


def fill(url: str, tickets: int, seed: int, data: str) -> tuple[Services, Actor, str]:
    """A desk of ``tickets``, filled by a child process (so the RSS measured here is the
    client's, not the loader's): the demo generator (realistic shape) or the test bulk
    loader."""
    started = time.perf_counter()
    if data == "demo":
        code = f"from app.services.demo_bulk import generate; generate({url!r}, {tickets}, {seed})"
    else:
        code = f"from benchmarks.queue_bench import setup; setup({url!r}, {tickets})"
    subprocess.run([sys.executable, "-c", code], check=True)
    services = open_services(url)
    if data == "demo":
        from app.services.demo_data import DEMO_PASSWORD, USERS

        actor = services.users.login(USERS[0][0], DEMO_PASSWORD)
    else:
        actor = services.users.login("admin", "bench-password-1")
    return services, actor, f"{data}, {time.perf_counter() - started:.0f} s"


def bench(
    services: Services, actor: Actor, step: int = SCROLL_STEP, parts: tuple[str, ...] = PARTS
) -> dict[str, Any]:
    runner = TaskRunner()
    model = QueueModel(services, actor, runner)
    view = make_view(model)
    probe = Probe(services, model)
    pump_until(lambda: not model.loading)
    out: dict[str, Any] = {}
    if "inputs" in parts:
        inputs(services, actor, model, view=view, probe=probe, out=out)
    if "streaming" in parts:
        out["page scroll while streaming"] = scroll_while_streaming(model, view)
    if "stream" in parts:
        out["id stream: All"] = stream_all(model, probe)
    if "scroll" in parts:
        out["page scroll"] = scroll_pages(model, view)
    if "repaint" in parts:
        out["repaint"] = repaint_ratio(model, view)
    if "refresh" in parts:
        out["refresh far down"] = refresh_far(model, view)
    if "all" in parts:
        out["scroll whole All"] = scroll_everything(model, view, step)
    view.close()
    runner.shutdown()
    return out


def inputs(
    services: Services,
    actor: Actor,
    model: QueueModel,
    *,
    view: Any,
    probe: Probe,
    out: dict[str, Any],
) -> None:
    """Each input, RUNS times, each after going back (whose id stream may still run)."""
    runs = queue_model_parts.RUNS
    base = QueueFilter()
    customer = services.customers.list_customers(actor)[0].code
    views = iter([SavedView.ALL, SavedView.UNASSIGNED, SavedView.AT_RISK, SavedView.MY] * runs)
    sorts = iter([c for c in COLUMNS if c != QueueColumn.PRIORITY] * runs)

    def to(flt: QueueFilter) -> Callable[[], None]:
        return lambda: model.set_filter(flt)

    out["view switch"] = time_input(
        model, view, probe, lambda: model.set_filter(QueueFilter(view=next(views))), to(base)
    )

    def next_sort() -> None:
        column = next(sorts)
        model.sort(COLUMNS.index(column), Qt.SortOrder.DescendingOrder)

    out["sort change"] = time_input(
        model, view, probe, next_sort, lambda: model.set_sort(QueueSort())
    )
    model.set_sort(QueueSort())
    pump_until(lambda: not model.loading)
    out["filter: customer"] = time_input(
        model, view, probe, to(QueueFilter(customer=customer)), to(base)
    )
    out["filter: P1"] = time_input(
        model, view, probe, to(QueueFilter(priorities=frozenset({1}))), to(base)
    )
    all_view = QueueFilter(view=SavedView.ALL)
    out[f"search selective {RARE_WORD!r}"] = time_input(
        model, view, probe, to(QueueFilter(view=SavedView.ALL, search=RARE_WORD)), to(all_view)
    )
    out["search common 'mail'"] = time_input(
        model, view, probe, to(QueueFilter(view=SavedView.ALL, search="mail")), to(all_view)
    )


def table(kind: str, tickets: int, how: str, got: dict[str, Any]) -> None:
    print(f"\n## {kind}, {tickets:,} tickets ({how})")
    print(
        f"{'input':34} {'->rows':>8} {'wait':>6} {'db':>8} {'cook':>7} {'hop':>7} {'gui':>7}"
        f" {'paint':>7} {'cpu':>6} {'path cpu':>8}\n   (ms, median; wait = input -> its page"
        " query starts on a worker; hop = worker done -> GUI thread starts; paint wall, cpu;"
        " path cpu = CPU time of page query + cook + model on their threads)"
    )
    for name, r in got.items():
        if "input_to_rows_ms" in r:
            print(
                f"{name:34} {r['input_to_rows_ms']:8.1f} {r.get('to_worker_ms', 0):6.1f} "
                f"{r['db_page_ms']:8.1f} "
                f"{r['cook_ms']:7.2f} {r['hop_ms']:7.2f} {r['model_gui_ms']:7.2f} "
                f"{r['first_paint_ms']:7.2f} {r['first_paint_cpu_ms']:6.2f} {r['path_cpu_ms']:8.2f}"
            )
    if "id stream: All" in got:
        i = got["id stream: All"]
        print(
            f"id stream of All: {i['rows']:,} rows known in {i['seconds']} s ({i['chunks']} "
            f"chunks; GUI-thread CPU per chunk median {i.get('chunk_gui_cpu_median_ms', 0)} ms, "
            f"max {i.get('chunk_gui_cpu_max_ms', 0)} ms)"
        )
    if "page scroll" in got:
        s = got["page scroll"]
        print(
            f"page scroll (rows in + paint): median {s['page_scroll_ms']:.1f} ms, p90 "
            f"{s['page_scroll_p90_ms']:.1f}, max {s['page_scroll_max_ms']:.1f} ({s['misses']} of "
            f"{s['pages']} pages waited for rows; GUI CPU median {s['gui_cpu_ms']:.1f} ms; rows "
            f"held: median {s['rows_held_median_ms']:.1f}, p90 {s['rows_held_p90_ms']:.1f}); "
            f"jump: median {s['jump_ms']:.1f} ms, max {s['jump_max_ms']:.1f}; "
            f"plain model page scroll {s['plain_page_scroll_ms']:.1f} ms"
        )
    if "page scroll while streaming" in got:
        w = got["page scroll while streaming"]
        print(
            f"page scroll while the id stream of All runs: median {w['page_scroll_ms']:.1f} ms, "
            f"p90 {w['page_scroll_p90_ms']:.1f}, max {w['page_scroll_max_ms']:.1f} ({w['misses']} "
            f"of {w['pages']} waited; GUI CPU median {w['gui_cpu_ms']:.1f} ms; the pages whose "
            f"rows were held: median {w['rows_held_median_ms']:.1f}, p90 "
            f"{w['rows_held_p90_ms']:.1f}); ids known "
            f"{w['ids_known_before']:,} -> {w['ids_known_after']:,} in {w['seconds']} s, still "
            f"streaming at the end: {w['streaming_at_end']}"
        )
    if "repaint" in got:
        r = got["repaint"]
        print(
            f"full-viewport repaint: queue {r['queue_repaint_ms']:.2f} ms, "
            f"QStandardItemModel {r['plain_repaint_ms']:.2f} ms, ratio x{r['ratio']} "
            f"(medians {r['queue_repaint_median_ms']:.2f} / {r['plain_repaint_median_ms']:.2f},"
            f" x{r['ratio_of_medians']}; median of {r['rounds']} rounds' ratios "
            f"x{r['ratio_paired_median']}); plain with the SLA colours "
            f"{r['coloured_plain_repaint_ms']:.2f} ms, x{r['ratio_to_coloured']}"
        )
    if "refresh far down" in got:
        f = got["refresh far down"]
        print(
            f"refresh at row {f['top_before']:,} of {f['rows']:,}: top row after "
            f"{f['top_after']:,}, same ticket at the top: {f['same_ticket_at_top']}; rows on "
            f"screen in {f['rows_on_screen_s']} s, settled in {f['settled_s']} s"
        )
    if "scroll whole All" in got:
        a = got["scroll whole All"]
        print(
            f"scrolled All: {a['rows']:,} rows ({a['steps']:,} steps) in {a['seconds']} s, "
            f"{a['cached_rows']} cached; "
            f"RSS {a['rss_before_mb']} -> {a['rss_after_mb']} MB"
        )


def services_rows(got: dict[str, Any]) -> int:
    for part in ("id stream: All", "scroll whole All", "refresh far down"):
        if part in got:
            return int(got[part]["rows"])
    return 0


@contextmanager
def desk(
    kind: str, url: str | None, tickets: int, seed: int, data: str
) -> Iterator[tuple[Services, Actor, str]]:
    if url:
        from app.services.demo_data import DEMO_PASSWORD, USERS

        services = open_services(url)
        yield services, services.users.login(USERS[0][0], DEMO_PASSWORD), "existing desk"
        services.db.dispose()
        return
    with database(kind) as fresh:
        services, actor, how = fill(fresh, tickets, seed, data)
        try:
            yield services, actor, how
        finally:
            services.db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--db", nargs="+", choices=["sqlite", "postgresql"],
                        default=["sqlite", "postgresql"])  # fmt: skip
    parser.add_argument("--data", choices=["demo", "bulk"], default="demo",
                        help="demo: app.services.demo_bulk; bulk: tests' bulk_tickets")  # fmt: skip
    parser.add_argument("--url", help="an existing demo desk instead of a generated one")
    parser.add_argument("--json", help="write the figures here")
    parser.add_argument("--scroll-step", type=int, default=SCROLL_STEP,
                        help="rows per step when scrolling the whole All view")  # fmt: skip
    parser.add_argument("--parts", nargs="+", choices=PARTS, default=list(PARTS),
                        help="which measurements (default: all of them)")  # fmt: skip
    parser.add_argument("--runs", type=int, default=queue_model_parts.RUNS,
                        help="runs of each input (median)")  # fmt: skip
    parser.add_argument("--stream-step", type=int, help="ids per query of the id stream")
    parser.add_argument("--switch-interval", type=float,
                        help="sys.setswitchinterval, s (the GIL hand-over)")  # fmt: skip
    args = parser.parse_args()
    queue_model_parts.RUNS = args.runs
    if args.switch_interval:
        sys.setswitchinterval(args.switch_interval)
    if args.stream_step:
        from ui.models import queue_stream

        queue_stream.STEP = args.stream_step
    app = QApplication.instance() or QApplication([])
    results = {}
    for kind in [args.url.split(":")[0]] if args.url else args.db:
        with desk(kind, args.url, args.tickets, args.seed, args.data) as (services, actor, how):
            got = bench(services, actor, args.scroll_step, tuple(args.parts))
        table(kind, services_rows(got), how, got)
        results[kind] = got
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"tickets": args.tickets, "results": results}, out, indent=2)
    del app


if __name__ == "__main__":
    main()
