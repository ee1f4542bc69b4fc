"""A refresh without a reset: the model moves to the freshly loaded order in steps a view
and its persistent indexes (selection, current row) can follow by ticket id.

1. rows that left the view are removed, in contiguous runs from the bottom;
2. rows that joined are appended;
3. the new order is applied as one layout change that carries persistent indexes.

A refresh loads at most ``REFRESH_MAX`` rows, so everything below them is removed in
step 1 — as one run, whatever the number of rows scrolled past before (a million rows
must not mean a million Python steps on the GUI thread).

A view scrolled below those rows is refreshed by :func:`adopt` instead: the view's whole
new order, streamed on the worker, applied in one step that keeps the place by ticket id.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex

from ui.models.queue_cache import RowCache, RowIds
from ui.models.queue_format import ROW, Entry


def merge(
    model: QAbstractItemModel, ids: RowIds, cache: RowCache, entries: Sequence[Entry]
) -> None:
    new_ids = [e[ROW].id for e in entries]
    _remove_departed(model, ids, cache, new_ids)
    by_id = {e[ROW].id: e for e in entries}
    joined = [i for i in new_ids if i not in ids]
    if joined:
        first = len(ids)
        model.beginInsertRows(QModelIndex(), first, first + len(joined) - 1)
        ids.extend(joined)
        cache.put(first, [by_id[i] for i in joined])
        model.endInsertRows()
    if ids.tolist() != new_ids:
        model.layoutAboutToBeChanged.emit()
        old = model.persistentIndexList()
        targets = {ticket_id: pos for pos, ticket_id in enumerate(new_ids)}
        moved = [model.index(targets[ids[i.row()]], i.column()) for i in old]
        ids.replace(new_ids)
        _refill(cache, entries)
        model.changePersistentIndexList(old, moved)
        model.layoutChanged.emit()
    else:
        _refill(cache, entries)


def adopt(
    model: QAbstractItemModel,
    ids: RowIds,
    cache: RowCache,
    new: RowIds,
    top: int | None,
) -> int | None:
    """The view's complete new order (``new``) in place of ``ids``: the row count grows
    or shrinks at the end, the order changes in one layout change that carries
    persistent indexes (selection, current row) by ticket id, and cached rows near the
    place follow their tickets. Returns the new row of the first visible row's ticket
    (or of the next visible one still in the view), to keep the view there; None if
    none is. GUI thread, O(cache + persistent indexes) in Python, the rest in C."""
    old_n, new_n = len(ids), len(new)
    blob = new.array.tobytes()
    new_top = None
    if top is not None:
        for pos in range(max(0, top), min(old_n, top + 64)):
            ticket_id = ids[pos]
            if ticket_id in new:
                found = new.position(ticket_id, blob)
                if found is not None:
                    new_top = max(0, found - (pos - top))
                    break
    centre = new_top if new_top is not None else 0
    # The new positions around where the held rows were, shifted as the top row moved
    # (held rows are read ahead mostly below the top), at most twice the cache's size.
    held_items = list(cache.rows.items())
    held_at = [pos for pos, _ in held_items]
    shift = centre - top if top is not None and new_top is not None else 0
    lo = max(0, min(held_at, default=centre) + shift - 64)
    hi = min(max(held_at, default=centre) + shift + 65, lo + 2 * cache.max_rows)
    near = {ticket_id: lo + k for k, ticket_id in enumerate(new.slice(lo, hi))}

    def new_row(ticket_id: int) -> int | None:
        at = near.get(ticket_id)
        if at is None and ticket_id in new:
            at = new.position(ticket_id, blob)
        return at

    if new_n > old_n:
        model.beginInsertRows(QModelIndex(), old_n, new_n - 1)
        ids.pad(new_n - old_n)
        model.endInsertRows()
    model.layoutAboutToBeChanged.emit()
    old = model.persistentIndexList()
    moved = []
    for index in old:
        at = new_row(ids[index.row()])
        moved.append(QModelIndex() if at is None else model.index(at, index.column()))
    held = {entry[ROW].id: entry for _, entry in held_items}
    cache.clear()
    for ticket_id, at in near.items():
        entry = held.get(ticket_id)
        if entry is not None:
            cache.set(at, entry)
    ids.adopt(new, max(old_n, new_n))
    model.changePersistentIndexList(old, moved)
    model.layoutChanged.emit()
    if new_n < old_n:
        model.beginRemoveRows(QModelIndex(), new_n, old_n - 1)
        ids.truncate(new_n)
        model.endRemoveRows()
    cache.trim(around=centre)
    return new_top


def _remove_departed(
    model: QAbstractItemModel, ids: RowIds, cache: RowCache, new_ids: list[int]
) -> None:
    """Step 1, from the positions of the rows that stay (found near the top or cached;
    a C scan of the ids for the rare one that was scrolled far down)."""
    hint = cache.positions_of()
    head = min(len(ids), 2 * len(new_ids) + cache.block)
    hint.update((tid, pos) for pos, tid in enumerate(ids.slice(0, head)))
    kept = sorted(p for p in (ids.find(i, hint) for i in new_ids) if p is not None)
    # Runs between the kept positions, bottom first so earlier positions stay valid.
    bounds = [-1, *kept, len(ids)]
    for lo, hi in reversed(list(itertools.pairwise(bounds))):
        start, end = lo + 1, hi - 1
        if start > end:
            continue
        model.beginRemoveRows(QModelIndex(), start, end)
        ids.delete(start, end + 1)
        _shift(cache, start, end + 1)
        model.endRemoveRows()


def _shift(cache: RowCache, start: int, stop: int) -> None:
    """Cached entries follow their rows after positions [start, stop) are removed."""
    gone = stop - start
    moved = {
        (pos - gone if pos >= stop else pos): entry
        for pos, entry in cache.rows.items()
        if not start <= pos < stop
    }
    cache.clear()
    for pos in sorted(moved):
        cache.set(pos, moved[pos])


def _refill(cache: RowCache, entries: Sequence[Entry]) -> None:
    """After the merge the rows are exactly the refreshed page: cache what fits, around
    where the view was looking before."""
    hot = cache.hot
    cache.clear()
    for pos, entry in enumerate(entries):
        cache.set(pos, entry)
    cache.trim(around=min(hot, max(0, len(entries) - 1)))
