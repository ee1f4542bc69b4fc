"""``supportdesk import servicenow|csv FILE``: bring another help desk's tickets in."""

from __future__ import annotations

import argparse
import sys
import time

from app.cli.output import emit_json
from app.cli.runtime import Run
from app.services.importing import ImportSummary


class _Progress:
    """Progress lines on stderr, at most twice a second (stdout stays the summary)."""

    def __init__(self) -> None:
        self._last = 0.0

    def __call__(self, done: int, total: int, phase: str) -> None:
        now = time.monotonic()
        if done < total and now - self._last < 0.5:
            return
        self._last = now
        line = f"{phase}: {done:,}/{total:,} ({100 * done // total}%)" if total else f"{phase}…"
        print(line, file=sys.stderr, flush=True)


def cmd_servicenow(run: Run) -> int:
    a = run.args
    summary = run.services.importing.servicenow(
        run.actor,
        a.file,
        customer=a.customer,
        source_tz=a.source_tz,
        dry_run=a.dry_run,
        progress=_Progress(),
        encoding=a.encoding,
        delimiter=a.delimiter,
    )
    return _report(run, summary, "ServiceNow")


def cmd_csv(run: Run) -> int:
    a = run.args
    summary = run.services.importing.generic(
        run.actor,
        a.file,
        mapping=a.mapping,
        customer=a.customer,
        source_tz=a.source_tz,
        dry_run=a.dry_run,
        progress=_Progress(),
        encoding=a.encoding,
        delimiter=a.delimiter,
    )
    return _report(run, summary, summary.source_system)


def _report(run: Run, s: ImportSummary, label: str) -> int:
    fatal = [p for p in s.problems if p.fatal]
    more = f"; and {s.problems_more:,} more problem(s) not listed" if s.problems_more else ""
    if run.as_json:
        emit_json(s)
    else:
        what = "would add" if s.dry_run else "added"
        numbers = f" ({s.first_number}…{s.last_number})" if s.first_number else ""
        print(
            f"{label} import of {s.file_name}{' (dry run)' if s.dry_run else ''}: "
            f"{s.rows_read:,} rows; {what} {s.tickets_new:,} tickets{numbers} with "
            f"{s.events_new:,} history events, {s.users_new:,} people, {s.teams_new:,} teams; "
            f"{s.tickets_known:,} tickets were imported before."
        )
        for note in s.notes:
            print(f"  {note}")
        for problem in fatal:
            print(f"  {problem}")
        if more:
            print(f"  {more[2:]}")
    if s.fatal_total:
        print(
            f"supportdesk: {s.file_name} has {s.fatal_total:,} problem row(s){more}; "
            "nothing would be imported.",
            file=sys.stderr,
        )
        return 2
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    imports = sub.add_parser(
        "import", help="import tickets with their history from other help desks (manager)"
    ).add_subparsers(dest="action", required=True)
    p = imports.add_parser(
        "servicenow", parents=[common], help="a ServiceNow incident export, one row per update"
    )
    p.add_argument("file")
    p.add_argument("--customer", required=True, metavar="CODE", help="whose tickets these are")
    _reading(p, "the exporter's time zone (required: the export does not say)")
    p.set_defaults(func=cmd_servicenow)
    p = imports.add_parser("csv", parents=[common], help="a CSV of tickets with a column mapping")
    p.add_argument("file")
    p.add_argument("--mapping", required=True, metavar="FILE", help="JSON column-mapping file")
    p.add_argument("--customer", metavar="CODE", help="customer when the file names none")
    _reading(p, "zone of times without an offset (default: the mapping's timezone)")
    p.set_defaults(func=cmd_csv)


def _reading(p: argparse.ArgumentParser, zone_help: str) -> None:
    p.add_argument("--source-tz", metavar="ZONE", help=f"{zone_help}, e.g. Europe/Athens")
    p.add_argument("--encoding", help="the file's text encoding (default: detected)")
    p.add_argument("--delimiter", help="the field separator (default: detected from the header)")
    p.add_argument("--dry-run", action="store_true", help="show what would happen, change nothing")
