"""Issue 12 (streaming imports): a file is read and checked line by line with bounded
memory; a dry run lists at most the first 100 problems and counts the rest.

The 200 MB file of junk lines is imported by a real ``supportdesk`` process that reports
its own peak memory when it is done. Both engines.

The peak is the kernel's ``VmHWM`` of the probe's own address space, not
``getrusage().ru_maxrss``: Linux carries ``ru_maxrss`` across ``vfork`` + ``exec``, so a
probe started by a pytest worker that had grown to 490 MB reported 490 MB without
reading a byte (seen in CI)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from app.bootstrap import Services
from app.persistence.orm import Ticket
from app.services.importing.model import MAX_PROBLEMS
from app.services.importing.servicenow import COLUMNS
from tests.support.cli import Cli
from tests.support.people import PASSWORD, People
from tests.support.servicenow_export import synthetic_rows, write_export

MB = 1024 * 1024
# Runs the CLI in this process, then says how it ended and its peak resident memory.
PROBE = """
import json, re, sys
from app.cli import main
code = main(sys.argv[1:])
with open("/proc/self/status") as status:
    peak_kb = int(re.search(r"VmHWM:\\s+(\\d+)", status.read()).group(1))
print(json.dumps({"code": code, "peak_mb": peak_kb / 1024}), file=sys.__stdout__)
"""


def junk_export(path: Path, size: int) -> int:
    """A ServiceNow header and then ``size`` bytes of junk lines; returns the line count."""
    block_lines = [
        f"{i},garbage {i * 7919 % 10007},'quoted; junk';not;a;row,{'x' * (i % 90)}\n"
        for i in range(4_000)
    ]
    block = "".join(block_lines).encode()
    lines = 0
    with path.open("wb") as handle:
        handle.write((",".join(COLUMNS) + "\n").encode())
        written = 0
        while written < size:
            handle.write(block)
            written += len(block)
            lines += len(block_lines)
    return lines


def test_a_200_mb_file_of_junk_is_refused_in_bounded_memory(
    services: Services, people: People, db_url: str, tmp_path: Path
) -> None:
    export = tmp_path / "junk.csv"
    lines = junk_export(export, 200 * MB)
    assert export.stat().st_size >= 200 * MB

    outcome, err = probe_import(db_url, export)
    assert outcome["code"] == 2, err
    assert "junk.csv refused, nothing was imported: line 2: 4 fields where the header has 36" in (
        err
    )
    assert f"and {lines - 5:,} more (--dry-run lists the first {MAX_PROBLEMS})" in err
    assert outcome["peak_mb"] <= 300, outcome
    assert services.tickets.list_tickets(people.manager) == []


def test_a_dry_run_lists_the_first_hundred_problems_and_counts_the_rest(
    services: Services, people: People, tmp_path: Path
) -> None:
    export = tmp_path / "junk.csv"
    header = ",".join(COLUMNS)
    export.write_text(header + "\n" + "".join(f"junk {i}\n" for i in range(1_000)))

    summary = services.importing.servicenow(
        people.manager, export, customer="ACME", source_tz="UTC", dry_run=True
    )
    assert len(summary.problems) == MAX_PROBLEMS
    assert (summary.problems_more, summary.fatal_total) == (900, 1_000)
    assert str(summary.problems[0]) == (
        "line 2: 1 fields where the header has 36; is the line cut short?"
    )
    assert str(summary.problems[-1]).startswith("line 101: ")
    assert services.tickets.list_tickets(people.manager) == []


def test_the_dry_run_command_says_how_many_problems_it_did_not_list(
    people: People, db_url: str, tmp_path: Path
) -> None:
    export = tmp_path / "junk.csv"
    export.write_text(",".join(COLUMNS) + "\n" + "".join(f"junk {i}\n" for i in range(150)))
    result = Cli(db_url).run(
        "import", "servicenow", str(export), "--customer", "ACME", "--source-tz", "UTC",
        "--dry-run", user="mia", password=PASSWORD,
    )  # fmt: skip
    assert result.code == 2
    listed = [line for line in result.out.splitlines() if line.startswith("  line ")]
    assert len(listed) == MAX_PROBLEMS
    assert "  and 50 more problem(s) not listed" in result.out
    assert "has 150 problem row(s); and 50 more problem(s) not listed" in result.err


def probe_import(db_url: str, export: Path) -> tuple[dict[str, Any], str]:
    """A real ``supportdesk import servicenow`` process importing ``export``: its exit
    code and own peak memory (``code``, ``peak_mb``), and what it wrote to stderr."""
    env = {**os.environ, "SUPPORTDESK_PASSWORD": PASSWORD}
    args = ["--db", db_url, "--user", "mia", "import", "servicenow", str(export),
            "--customer", "ACME", "--source-tz", "UTC"]  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr


def import_peak_mb(db_url: str, export: Path) -> float:
    """Peak memory of a real import of ``export`` that succeeds."""
    outcome, err = probe_import(db_url, export)
    assert outcome["code"] == 0, err
    return float(outcome["peak_mb"])


def export_of(path: Path, count: int, prefix: str) -> Path:
    """About ``count`` valid rows (~290 bytes each) of incidents numbered ``<prefix>…``."""
    rows = synthetic_rows(count)
    for row in rows:
        row["number"] = prefix + row["number"][3:]
    return write_export(path, rows)


def test_a_valid_files_import_peak_does_not_grow_with_the_file(
    services: Services, people: People, db_url: str, tmp_path: Path
) -> None:
    # Before issue 12's spool the rows, plans and ledger links of the whole file were in
    # memory at once (~16 MB per MB of file): the larger import peaked ~100 MB higher.
    # (Below ~5 MB of file the peak is argon2's 64 MB at login, whatever the import.)
    small = export_of(tmp_path / "small.csv", 4_000, "INS")
    large = export_of(tmp_path / "large.csv", 35_000, "INL")
    assert large.stat().st_size >= 10 * MB > 8 * small.stat().st_size

    small_peak = import_peak_mb(db_url, small)
    large_peak = import_peak_mb(db_url, large)

    assert large_peak <= small_peak + 30, (small_peak, large_peak)
    with services.db.session() as session:
        tickets = session.scalar(select(func.count(Ticket.id)))
    incidents = {r["number"][3:] for r in synthetic_rows(35_000)}
    assert tickets == len(incidents) + len({r["number"] for r in synthetic_rows(4_000)})
