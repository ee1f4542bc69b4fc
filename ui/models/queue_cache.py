"""What the queue model remembers of the rows loaded so far, sized for a million of them.

Two parts with different costs per row:

* :class:`RowIds` — the ticket id of every loaded row, in order (8 bytes a row in an
  ``array``), plus a bitmap of which ids are present (1 bit per ticket id) so a page can
  drop tickets that moved up into it without a million-entry dict (issue 19: 282 MB
  after scrolling 1 M rows of "All"; a ``dict[int, int]`` of positions alone was ~100 MB).
* :class:`RowCache` — the cooked cells (``queue_format.cook``) of the rows near the
  viewport, by row position, bounded; far blocks are evicted first and page back in.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence

from ui.models.queue_format import ROW, Entry

# Inside RowIds, ``array`` names its property: annotations there use this alias.
IdArray = array


class RowIds:
    """Ordered ticket ids with a membership bitmap."""

    def __init__(self) -> None:
        self._ids = array("q")
        self._seen = bytearray()

    @property
    def array(self) -> array[int]:
        return self._ids

    def __len__(self) -> int:
        return len(self._ids)

    def __getitem__(self, pos: int) -> int:
        return self._ids[pos]

    def __contains__(self, ticket_id: int) -> bool:
        byte = ticket_id >> 3
        return byte < len(self._seen) and bool(self._seen[byte] & (1 << (ticket_id & 7)))

    def slice(self, start: int, stop: int) -> list[int]:
        return self._ids[start:stop].tolist()

    def extend(self, ids: Iterable[int]) -> None:
        for ticket_id in ids:
            self._mark(ticket_id)
            self._ids.append(ticket_id)

    def fresh(
        self, chunk: Sequence[int], seen: bytearray | None = None
    ) -> tuple[IdArray[int], bytearray]:
        """Worker thread: the ids of ``chunk`` not held yet (an array: the GUI thread
        appends it in C), and the bitmap with them marked — a copy, so the GUI thread only
        swaps it in (``append_fresh``): marking 50,000 ids in Python took ~100 ms, too long
        for the GUI thread (issue 19). ``seen``: that copy from the chunk's previous step,
        marked further in place."""
        seen = bytearray(self._seen) if seen is None else seen
        fresh = array("q")
        if not chunk:
            return fresh, seen
        top = (max(chunk) >> 3) + 1  # grown once, not tested per id (a GIL-held loop)
        if top > len(seen):
            seen.extend(bytes(max(top - len(seen), len(seen))))
        add = fresh.append
        for ticket_id in chunk:
            byte, bit = ticket_id >> 3, 1 << (ticket_id & 7)
            held = seen[byte]
            if not held & bit:
                seen[byte] = held | bit
                add(ticket_id)
        return fresh, seen

    def append_fresh(self, fresh: IdArray[int], seen: bytearray) -> None:
        """GUI thread: what :meth:`fresh` found, appended in C."""
        self._ids.extend(fresh)
        self._seen = seen

    def replace(self, ids: Sequence[int]) -> None:
        # In place: the model holds this very array for its rowCount().
        self._ids[:] = array("q", ids)
        self._seen = bytearray(len(self._seen))
        for ticket_id in ids:
            self._mark(ticket_id)

    def delete(self, start: int, stop: int) -> None:
        """Drop positions [start, stop); the bitmap is rebuilt when that is cheaper."""
        gone = self._ids[start:stop]
        del self._ids[start:stop]
        if len(gone) > len(self._ids):
            self._seen = bytearray(len(self._seen))
            for ticket_id in self._ids:
                self._mark(ticket_id)
        else:
            for ticket_id in gone:
                self._seen[ticket_id >> 3] &= ~(1 << (ticket_id & 7)) & 0xFF

    def find(self, ticket_id: int, hint: dict[int, int] | None = None) -> int | None:
        """Position of ``ticket_id``: the hint first, then a scan in C (rare: a refresh
        after scrolling far, or a lookup of a row far from the viewport)."""
        if ticket_id not in self:
            return None
        if hint is not None and ticket_id in hint:
            return hint[ticket_id]
        return self.position(ticket_id)

    def position(self, ticket_id: int, blob: bytes | None = None) -> int | None:
        """Position of ``ticket_id`` by a byte search of the array (memchr speed: ~1 ms
        over a million ids, where ``array.index`` compared a Python int per row)."""
        blob = self._ids.tobytes() if blob is None else blob
        needle = array("q", [ticket_id]).tobytes()
        at = blob.find(needle)
        while at >= 0 and at % 8:  # a match straddling two ids: look on
            at = blob.find(needle, at + 1)
        return None if at < 0 else at // 8

    def adopt(self, other: RowIds, length: int) -> None:
        """GUI thread: ``other``'s ids in place of ours (a refresh's new order), padded
        with zeros (no ticket) to ``length``, in C."""
        self._ids[:] = other._ids
        if length > len(self._ids):
            self._ids.extend(array("q", bytes(8 * (length - len(self._ids)))))
        self._seen = other._seen

    def pad(self, count: int) -> None:
        """Placeholder positions at the end (filled by ``adopt`` in the same step)."""
        self._ids.extend(array("q", bytes(8 * count)))

    def truncate(self, length: int) -> None:
        """Drop the positions from ``length`` on (``adopt``'s padding)."""
        del self._ids[length:]

    def tolist(self) -> list[int]:
        return self._ids.tolist()

    def _mark(self, ticket_id: int) -> None:
        byte = ticket_id >> 3
        if byte >= len(self._seen):
            self._seen.extend(bytes(max(byte + 1 - len(self._seen), len(self._seen))))
        self._seen[byte] |= 1 << (ticket_id & 7)


class RowCache:
    """Cooked entries by row position, at most ``max_rows``, evicted block by block,
    farthest from where rows were last put (the viewport: rows arrive where the view
    asks for them) first."""

    def __init__(self, block: int, max_rows: int) -> None:
        self.block = max(1, block)
        self.max_rows = max(max_rows, 2 * self.block)
        self.rows: dict[int, Entry] = {}
        self._filled: dict[int, int] = {}  # block -> rows held
        self.hot = 0  # the position rows last arrived around (where the view looks)

    def __len__(self) -> int:
        return len(self.rows)

    def get(self, pos: int) -> Entry | None:
        return self.rows.get(pos)

    def clear(self) -> None:
        self.rows.clear()
        self._filled.clear()

    def put(self, first: int, entries: Sequence[Entry]) -> None:
        """Entries for positions ``first``, ``first + 1``, …; then trim around them."""
        for offset, entry in enumerate(entries):
            self.set(first + offset, entry)
        if entries:
            self.trim(around=first + len(entries) // 2)

    def set(self, pos: int, entry: Entry) -> None:
        if pos not in self.rows:
            b = pos // self.block
            self._filled[b] = self._filled.get(b, 0) + 1
        self.rows[pos] = entry

    def trim(self, around: int) -> None:
        self.hot = around
        if len(self.rows) <= self.max_rows:
            return
        hot = around // self.block
        for b in sorted(self._filled, key=lambda b: -abs(b - hot)):
            if len(self.rows) <= self.max_rows or abs(b - hot) <= 1:
                break
            self._evict(b)

    def map(self, change: Iterable[tuple[int, Entry]]) -> None:
        """Replace entries in place (the minute timer's new time-left strings)."""
        for pos, entry in change:
            self.rows[pos] = entry

    def items(self) -> Iterator[tuple[int, Entry]]:
        return iter(list(self.rows.items()))

    def positions_of(self) -> dict[int, int]:
        """ticket id -> position, for the cached rows only (bounded)."""
        return {entry[ROW].id: pos for pos, entry in self.rows.items()}

    def _evict(self, b: int) -> None:
        start = b * self.block
        for pos in range(start, start + self.block):
            self.rows.pop(pos, None)
        self._filled.pop(b, None)
