"""Promoting one release to many customers' test environments through the wizard's
batch runner: total time, per-customer time, and how long the GUI thread ever went
without turning (the longest gap between 10 ms timer ticks) while it ran.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.promotion_bench
    .venv/bin/python -m benchmarks.promotion_bench --customers 500 --db sqlite
"""

from __future__ import annotations

import argparse
import os
import time

from argon2 import PasswordHasher

from app.bootstrap import open_services
from app.services.auth import Passwords
from benchmarks.queue_bench import database
from tests.support.databases import migrate

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def run(kind: str, customers: int) -> None:
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from ui.tasks import TaskRunner
    from ui.wizards.batch import BatchRun

    app = QApplication.instance() or QApplication([])
    with database(kind) as url:
        migrate(url)
        svc = open_services(
            url, passwords=Passwords(PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
        )
        svc.users.create_first_admin("admin", "bench-password")
        admin = svc.users.login("admin", "bench-password")
        svc.customers.add_product(admin, code="ERP", name="ERP")
        svc.releases.add_release(admin, product="ERP", version="2.0.0", state="available")
        codes = [f"C{i:04d}" for i in range(customers)]
        for code in codes:
            svc.customers.add_customer(admin, code=code, name=f"Customer {code}")
            svc.customers.add_contact(
                admin,
                customer_code=code,
                name="QA",
                email=f"qa@{code.lower()}.example",
                verifies_releases=True,
            )
        runner = TaskRunner()
        batch = BatchRun(runner)
        clock = QElapsedTimer()
        gaps: list[int] = []
        last = [0]

        def tick() -> None:
            now = clock.elapsed()
            gaps.append(now - last[0])
            last[0] = now

        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(tick)
        done: list[object] = []
        batch.finished.connect(done.append)
        clock.start()
        timer.start()
        started = time.perf_counter()
        batch.start(
            codes,
            lambda code: (
                svc.promotions.install_on_test(
                    admin, product="ERP", version="2.0.0", customer=code
                ).state
            ),
        )
        while not done:
            app.processEvents()
            time.sleep(0.001)
        total = time.perf_counter() - started
        timer.stop()
        runner.shutdown()
        results = done[0]
        ok = sum(r.ok for r in results)  # type: ignore[attr-defined]
        print(
            f"{kind:10s} {customers} customers: {total:6.2f} s total, "
            f"{1000 * total / customers:5.1f} ms per customer, {ok} ok; "
            f"GUI ticks {len(gaps)}, longest gap {max(gaps, default=0)} ms"
        )
        svc.db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=500)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    kinds = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    for kind in kinds:
        run(kind, args.customers)


if __name__ == "__main__":
    main()
