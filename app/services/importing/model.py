"""What every import format parses into: one :class:`SourceRow` per update of a ticket
in the source system, plus the problems found on the way (each with its line number)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from app.domain.tickets import Status

MAX_PROBLEMS = 100  # problems listed per file; the rest are only counted
# progress(done, total, phase): called now and then during a long import.
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with one line of the file. ``fatal`` problems refuse the file."""

    line: int
    message: str
    fatal: bool = True

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class Problems(list[Problem]):
    """The problems of one file: the first :data:`MAX_PROBLEMS` kept, all counted, so a
    file of junk cannot fill the memory with messages about itself."""

    def __init__(self) -> None:
        super().__init__()
        self.total = 0
        self.fatal_total = 0

    def append(self, problem: Problem) -> None:
        self.total += 1
        self.fatal_total += problem.fatal
        if len(self) < MAX_PROBLEMS:
            super().append(problem)

    @property
    def more(self) -> int:
        """Problems counted but not kept."""
        return self.total - len(self)


@dataclass(slots=True)
class SourceRow:
    """One update of one ticket, already parsed; ``None`` means "not given"."""

    line: int
    number: str
    updated_at: datetime
    source_state: str | None = None
    # None: the source state has no equivalent here; the ticket keeps its status.
    status: Status | None = None
    priority: int | None = None
    criticality: str | None = None  # a Criticality value; None: follows the priority
    product: str | None = None  # our product code
    subject: str = ""
    description: str = ""
    service_type: str | None = None
    customer: str | None = None
    assignee: str | None = None
    group: str | None = None
    actor: str | None = None
    opened_by: str | None = None
    opened_at: datetime | None = None
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    resolved_by: str | None = None
    closed_code: str | None = None
    reassignment_count: int | None = None
    reopen_count: int | None = None
    made_sla: bool | None = None
    # Everything else the source said, kept in the history event's data.
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class ParsedFile:
    source_system: str
    rows: list[SourceRow] = field(default_factory=list)
    problems: Problems = field(default_factory=Problems)

    @property
    def fatal(self) -> list[Problem]:
        """The fatal problems kept (``problems.fatal_total`` counts them all)."""
        return [p for p in self.problems if p.fatal]


@dataclass(slots=True)
class ImportSummary:
    """What an import did (or, in a dry run, would do)."""

    source_system: str
    file_name: str
    checksum: str
    dry_run: bool
    rows_read: int = 0
    tickets_new: int = 0
    tickets_known: int = 0
    events_new: int = 0
    users_new: int = 0
    teams_new: int = 0
    run_id: int | None = None
    already_imported_by_run: int | None = None
    first_number: str | None = None
    last_number: str | None = None
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    problems_more: int = 0  # problems found beyond the ones listed
    fatal_total: int = 0  # problems that refuse the file, listed or not
