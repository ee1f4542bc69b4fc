"""The queue as a CSV file: what the user sees (view, filters, sort), every page of it.

Runs on a worker thread; pages through the same keyset read model as the queue, so a
100k-ticket export never holds the whole table in memory. Cells go through the
CSV-injection guard, and times are in the user's zone, named in the header.
"""

from __future__ import annotations

from pathlib import Path

from app.bootstrap import Services
from app.domain.labels import status_label
from app.domain.queue import QueueFilter, QueueSort
from app.reports.render.csv_safe import SafeWriter
from app.services.auth import Actor
from ui.timefmt import plain_time, user_zone_name

PAGE = 1000


def export_queue(
    services: Services, actor: Actor, flt: QueueFilter, sort: QueueSort, path: Path
) -> int:
    """Write the matching tickets to ``path``; returns how many were written."""
    zone = user_zone_name()
    written = 0
    partial = path.with_name(path.name + ".part")  # nothing half-written under the real name
    with partial.open("w", newline="", encoding="utf-8-sig") as handle:
        out = SafeWriter(handle)
        out.writerow(
            [
                "Number",
                "Priority",
                "Status",
                "Subject",
                "Customer",
                "Assignee",
                "SLA state",
                f"SLA due ({zone})",
                f"Updated ({zone})",
            ]
        )
        after = None
        while True:
            page = services.queue.page(actor, flt, sort, after, PAGE)
            for row in page.rows:
                out.writerow(
                    [
                        row.number,
                        f"P{row.priority}",
                        status_label(row.status),
                        row.subject,
                        row.customer_name,
                        row.assignee or "",
                        (row.sla_state or "").replace("_", " "),
                        plain_time(row.sla_due_at) if row.sla_due_at else "",
                        plain_time(row.updated_at),
                    ]
                )
            written += len(page.rows)
            if page.next_key is None:
                break
            after = page.next_key
    partial.replace(path)
    return written
