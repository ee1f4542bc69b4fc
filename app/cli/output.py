"""Printing results for people (aligned text) and for scripts (``--json``)."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from app.services.dto import EventView, TicketView


def emit_json(value: Any, out: TextIO | None = None) -> None:
    from app.services.dto import to_jsonable  # the DTOs import the ORM: only when printing

    out = out or sys.stdout
    json.dump(to_jsonable(value), out, indent=2, ensure_ascii=False)
    out.write("\n")


def when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "-"


def table(rows: Sequence[Sequence[Any]], headers: Sequence[str], out: TextIO | None = None) -> None:
    out = out or sys.stdout
    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in r] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    for index, row in enumerate(cells):
        out.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n")
        if index == 0:
            out.write("  ".join("-" * w for w in widths) + "\n")


def hours(minutes: int) -> str:
    return f"{minutes // 60}h {minutes % 60:02d}m"


def print_ticket(ticket: TicketView, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    lines = [
        f"{ticket.number}  {ticket.subject}",
        f"  status       {ticket.status}",
        f"  priority     P{ticket.priority} ({ticket.criticality})",
        f"  customer     {ticket.customer_code} - {ticket.customer_name}"
        + (f" / {ticket.contact}" if ticket.contact else ""),
        f"  product      {ticket.product or '-'} ({ticket.environment})",
        f"  service      {ticket.service_type}, {ticket.category}",
        f"  assignee     {ticket.assignee or '-'}",
        f"  opened       {when(ticket.created_at)} by {ticket.created_by}",
        f"  time logged  {hours(ticket.time_logged_minutes)}",
    ]
    if ticket.problem_nature:
        lines += [f"  problem      {ticket.problem_nature}", f"  solution     {ticket.solution}"]
    if ticket.description:
        lines += ["", *(f"  {line}" for line in ticket.description.splitlines())]
    out.write("\n".join(lines) + "\n")
    if ticket.history:
        out.write("\nHistory\n")
        for event in ticket.history:
            out.write(describe_event(event) + "\n")


def describe_event(event: EventView) -> str:
    head = f"  #{event.seq:<3} {when(event.occurred_at)}  {event.actor:<12} {event.kind}"
    parts = []
    if event.field:
        parts.append(f"{event.field}: {event.old_value or '-'} → {event.new_value or '-'}")
    for key in ("problem_nature", "solution", "contact", "channel"):
        if event.data.get(key):
            parts.append(f"{key.replace('_', ' ')}: {event.data[key]}")
    if event.minutes:
        parts.append(f"{event.minutes} min")
    if event.internal:
        parts.append("internal")
    if event.text and event.kind != "created":
        parts.append(repr(event.text) if len(event.text) < 80 else repr(event.text[:77] + "..."))
    return head + ("  " + "; ".join(parts) if parts else "")
