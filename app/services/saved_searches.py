"""Saved searches (issue 14, item 19): a person names the queue as they see it — the
view, search text, filters and sort order — and finds it again in the sidebar on any
desk, because it is kept in the database under their user.

They are a person's own preferences, not the desk's record: nobody else reads or
changes them, so they write no ticket history; each row carries when it was made and
last changed (docs/decisions.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from app.domain.errors import Conflict, NotFound, ValidationError
from app.domain.queue import QueueColumn, QueueFilter, QueueSort, SavedView
from app.domain.tickets import Status, clean_text
from app.persistence.orm_saved_searches import SavedSearch
from app.persistence.unit_of_work import UnitOfWork
from app.services.auth import Actor
from app.services.common import acting_user, storage_errors
from app.services.context import ServiceContext

NAME_MAX = 80
SEARCH_MAX = 200
CODE_MAX = 100  # customer, product codes and user names in a filter
PER_PERSON_MAX = 100  # a sidebar, not an archive


@dataclass(frozen=True, slots=True)
class SavedSearchView:
    name: str
    filter: QueueFilter
    sort: QueueSort


def _criteria(flt: QueueFilter, sort: QueueSort) -> str:
    return json.dumps(
        {
            "view": flt.view.value,
            "search": flt.search,
            "statuses": sorted(flt.statuses),
            "priorities": sorted(flt.priorities),
            "customer": flt.customer,
            "assignee": flt.assignee,
            "product": flt.product,
            "sort": sort.column.value,
            "descending": sort.descending,
        },
        sort_keys=True,
    )


def _code(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    return clean_text(name, value, max_len=CODE_MAX, single_line=True) or None


def check_search(flt: QueueFilter, sort: QueueSort) -> tuple[QueueFilter, QueueSort]:
    """The filter and sort as they will be kept: values the queue knows, trimmed."""
    statuses = {s.value for s in Status}
    bad = sorted(set(flt.statuses) - statuses)
    if bad:
        raise ValidationError(f"unknown status {', '.join(bad)}.")
    if any(p not in (1, 2, 3, 4) for p in flt.priorities):
        raise ValidationError("a priority is P1 to P4.")
    search = clean_text("search", flt.search, max_len=SEARCH_MAX, required=False, single_line=True)
    clean = QueueFilter(
        view=SavedView(flt.view),
        search=search,
        statuses=frozenset(flt.statuses),
        priorities=frozenset(flt.priorities),
        customer=_code("customer", flt.customer),
        assignee=_code("assignee", flt.assignee),
        product=_code("product", flt.product),
    )
    return clean, QueueSort(QueueColumn(sort.column), bool(sort.descending))


def _read(row: SavedSearch) -> SavedSearchView:
    """A stored search; values a later version no longer knows fall back to the default,
    so one old row never hides the others."""
    try:
        data: dict[str, Any] = json.loads(row.criteria)
    except ValueError:
        data = {}
    views, columns = {v.value for v in SavedView}, {c.value for c in QueueColumn}
    statuses = {s.value for s in Status}

    def text(key: str) -> str | None:
        value = data.get(key)
        return value if isinstance(value, str) and value else None

    flt = QueueFilter(
        view=SavedView(data["view"]) if data.get("view") in views else SavedView.ALL_OPEN,
        search=text("search") or "",
        statuses=frozenset(s for s in data.get("statuses") or () if s in statuses),
        priorities=frozenset(p for p in data.get("priorities") or () if p in (1, 2, 3, 4)),
        customer=text("customer"),
        assignee=text("assignee"),
        product=text("product"),
    )
    column = data.get("sort")
    sort = QueueSort(
        QueueColumn(column) if column in columns else QueueSort().column,
        bool(data.get("descending")),
    )
    return SavedSearchView(row.name, flt, sort)


def _name(value: str) -> str:
    return clean_text("name", value, max_len=NAME_MAX, single_line=True)


class SavedSearchService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def list(self, actor: Actor) -> list[SavedSearchView]:
        """The actor's saved searches, by name."""
        with self.ctx.db.unit_of_work(write=False) as uow, storage_errors():
            me = acting_user(uow, actor)
            return [_read(row) for row in uow.saved_searches.of_user(me.id)]

    def save(
        self,
        actor: Actor,
        name: str,
        flt: QueueFilter,
        sort: QueueSort,
        *,
        replace: bool = False,
    ) -> SavedSearchView:
        """Keep the queue as it is now under ``name``. A name already used is refused
        unless ``replace`` (the client asks the person first)."""
        name = _name(name)
        flt, sort = check_search(flt, sort)
        criteria = _criteria(flt, sort)
        taken = f"you already have a saved search called {name!r}."
        with storage_errors(taken), self.ctx.db.unit_of_work() as uow:
            me = acting_user(uow, actor)
            now = self.ctx.clock.now()
            row = uow.saved_searches.named(me.id, name)
            if row is not None and not replace:
                raise Conflict(taken)
            if row is None:
                if len(uow.saved_searches.of_user(me.id)) >= PER_PERSON_MAX:
                    raise ValidationError(
                        f"at most {PER_PERSON_MAX} saved searches; delete one you no longer use."
                    )
                row = SavedSearch(user_id=me.id, name=name, created_at=now)
                uow.saved_searches.add(row)
            row.criteria, row.updated_at = criteria, now
            uow.commit()
            return SavedSearchView(name, flt, sort)

    def rename(self, actor: Actor, old: str, new: str) -> SavedSearchView:
        new = _name(new)
        taken = f"you already have a saved search called {new!r}."
        with storage_errors(taken), self.ctx.db.unit_of_work() as uow:
            me = acting_user(uow, actor)
            row = self._row(uow, me.id, old)
            if new != row.name and uow.saved_searches.named(me.id, new) is not None:
                raise Conflict(taken)
            row.name, row.updated_at = new, self.ctx.clock.now()
            uow.commit()
            return _read(row)

    def delete(self, actor: Actor, name: str) -> None:
        with storage_errors(), self.ctx.db.unit_of_work() as uow:
            me = acting_user(uow, actor)
            uow.saved_searches.delete(self._row(uow, me.id, name))
            uow.commit()

    @staticmethod
    def _row(uow: UnitOfWork, user_id: int, name: str) -> SavedSearch:
        row = uow.saved_searches.named(user_id, (name or "").strip())
        if row is None:
            raise NotFound(f"no saved search called {name!r}.")
        return row
