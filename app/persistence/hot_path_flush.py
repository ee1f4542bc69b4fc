"""The write of an ordinary ticket change with Core statements instead of the ORM's
unit of work (issue 19, write path: a flush of three objects cost ~30 % of a desk's
client CPU — dependency sorting, per-mapper bookkeeping — for three statements).

What it takes: the session's pending state is only new history events (and
idempotency keys) plus column changes of tickets and SLA clocks — what a comment, a
status change or a work log leaves. Anything else (a new ticket, a changed
relationship such as an assignment, a deletion, another kind of row) goes to the ORM's
flush, unchanged. The same statements run either way: one INSERT per event (RETURNING
its id), one UPDATE per changed row with only the changed columns, the ticket's
version checked and moved as the ORM's ``version_id_col`` does. Afterwards the objects
are in the state a flush leaves them in (persistent, nothing pending), so the session
goes on as usual and the commit's own flush finds nothing to write. The statements run
on the session's connection: ``Session.execute`` costs a Core statement as much client
CPU again (issue 19).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, insert, update
from sqlalchemy.orm import MANYTOONE, Session
from sqlalchemy.orm.attributes import instance_state
from sqlalchemy.orm.exc import StaleDataError

from app.persistence.orm import Ticket, TicketEvent
from app.persistence.orm_faults import IdempotencyKey
from app.persistence.orm_sla import SlaClock

# SlaClock: a ticket from before the SLA feature gets its clock at its first change.
_INSERTED = (Ticket, TicketEvent, IdempotencyKey, SlaClock)
_UPDATED = (Ticket, SlaClock)
_statements: dict[tuple[Any, ...], Any] = {}
# Bound values in one SQLite statement: the smallest limit of the versions we meet.
_SQLITE_MAX_VARIABLES = 999


def write_change(session: Session) -> bool:
    """Write the session's pending rows with Core when they are an ordinary ticket
    change (see the module notes) and return True; else write nothing, return False."""
    if session.deleted:
        return False
    new = list(session.new)
    dirty = list(session.dirty)
    if not all(type(o) in _INSERTED for o in new) or not all(type(o) in _UPDATED for o in dirty):
        return False
    updates = [u for u in (_update_of(o) for o in dirty) if u is not False]
    if any(u is None for u in updates):
        return False  # a relationship changed: the ORM syncs its foreign key
    # A new ticket before the rows that reference it (an opening).
    inserts = [_insert_of(o) for o in sorted(new, key=_insert_order)]
    if any(i is None for i in inserts):
        return False
    with session.no_autoflush:
        batch: list[tuple[Any, dict[str, Any]]] = []
        for obj, values in cast(list[tuple[Any, dict[str, Any]]], inserts):
            if batch and (type(batch[0][0]) is not type(obj) or set(batch[0][1]) != set(values)):
                _insert(session, batch)
                batch = []
            batch.append((obj, values))
        if batch:
            _insert(session, batch)
        for obj, changed in cast(list[tuple[Any, dict[str, Any]]], updates):
            _update(session, obj, changed)
    return True


def _insert_order(obj: Any) -> tuple[bool, str]:
    """A new ticket first (the other rows reference it), then table by table (one
    statement each), each table's rows in the order they were added (events by seq)."""
    return not isinstance(obj, Ticket), type(obj).__name__


def _update_of(obj: Any) -> tuple[Any, dict[str, Any]] | bool | None:
    """(obj, changed columns), None when a non-column attribute changed, False when
    nothing really changed."""
    state = instance_state(obj)
    mapper = state.mapper
    changed: dict[str, Any] = {}
    for key, old in state.committed_state.items():
        if key in mapper.relationships:
            synced = _foreign_key(mapper, key, state.dict.get(key))
            if synced is None:
                return None
            changed.update(synced)
            continue
        if key not in mapper.column_attrs or mapper.column_attrs[key].columns[0].key != key:
            return None
        value = state.dict.get(key)
        if value != old:
            changed[key] = value
    return (obj, changed) if changed else False


def _foreign_key(mapper: Any, key: str, value: Any) -> dict[str, Any] | None:
    """The foreign-key columns a many-to-one ``key`` set to ``value`` stands for (what a
    flush would copy), or None when that is not simple (another kind of relationship,
    or a referenced row not written yet)."""
    prop = mapper.relationships[key]
    if prop.direction is not MANYTOONE or prop.secondary is not None:
        return None
    if value is not None and instance_state(value).key is None:
        return None
    out: dict[str, Any] = {}
    for local, remote in prop.local_remote_pairs:
        attribute = mapper.get_property_by_column(local).key
        if attribute != local.key:
            return None
        if value is None:
            out[attribute] = None
        else:
            target = instance_state(value).mapper.get_property_by_column(remote).key
            out[attribute] = getattr(value, target)
    return out


def _insert_of(obj: Any) -> tuple[Any, dict[str, Any]] | None:
    state = instance_state(obj)
    mapper = state.mapper
    values: dict[str, Any] = {}
    for key, value in state.dict.items():
        if key == "_sa_instance_state":
            continue
        if key in mapper.column_attrs and mapper.column_attrs[key].columns[0].key == key:
            values[key] = value
        elif key in mapper.relationships:
            synced = _foreign_key(mapper, key, value)
            if synced is None:
                return None
            values.update({k: v for k, v in synced.items() if v is not None or k not in values})
        else:  # a column under another name: the ORM's job
            return None
    for key, prop in mapper.column_attrs.items():
        # What a flush leaves loaded: scalar defaults applied, NULL for the rest (a
        # server default or a computed default is the ORM's job).
        column = prop.columns[0]
        if key in values or column.primary_key:
            continue
        if column.server_default is not None or (
            column.default is not None and not column.default.is_scalar
        ):
            return None
        values[key] = column.default.arg if column.default is not None else None
    version = mapper.version_id_col
    if version is not None:
        attribute = mapper.get_property_by_column(version).key
        if values.get(attribute) is None:
            values[attribute] = cast(Any, mapper.version_id_generator)(None)
    return obj, values


def _insert(session: Session, rows: list[tuple[Any, dict[str, Any]]]) -> None:
    """INSERT rows of one table with the same columns: one execute (several rows: one
    executemany, which SQLAlchemy sends as one multi-row statement, its generated ids
    returned in the rows' order)."""
    obj, values = rows[0]
    mapper = instance_state(obj).mapper
    table = cast(Table, mapper.local_table)
    key = ("insert", table.name, tuple(sorted(values)))
    statement = _statements.get(key)
    if statement is None:
        statement = insert(table)
        generated = [c for c in table.primary_key.columns if c.key not in values]
        if generated:
            statement = statement.returning(*generated, sort_by_parameter_order=True)
        _statements[key] = statement
    params = [v for _, v in rows]
    returned: Sequence[Any]
    if statement._returning and len(params) > 1 and session.get_bind().dialect.name == "sqlite":
        returned = _sqlite_insert_many(session, table, statement, params)
    else:
        result = session.connection().execute(statement, params[0] if len(params) == 1 else params)
        returned = result.all() if statement._returning else [None] * len(rows)
    states = set()
    for (obj, values), row in zip(rows, returned, strict=True):
        state = instance_state(obj)
        if row is not None:
            for column, value in zip(statement._returning, row, strict=True):
                state.dict[mapper.get_property_by_column(column).key] = value
        state.dict.update(values)
        states.add(state)
    # As after a flush: persistent in the session (identity key, identity map, the
    # transaction's record of new rows for a rollback), every loaded attribute
    # committed — what the ORM's own flush calls for the rows it inserted. (An expunge,
    # make_transient_to_detached and add did the same with a cascade walk over every
    # relationship each way: ~0.3 ms of a change's client CPU, issue 19.)
    session._register_persistent(states)


def _sqlite_insert_many(
    session: Session, table: Table, statement: Any, params: list[dict[str, Any]]
) -> list[tuple[Any, ...]]:
    """Several rows with a generated id on SQLite as one multi-row INSERT (an opening's
    three events: one statement, not three — issue 19). SQLAlchemy sends one INSERT per
    row there, because SQLite does not promise the order of RETURNING's rows; the ids
    themselves are certain: the rows are inserted in VALUES order, each given the
    largest rowid plus one (one writer at a time), so the ids sorted are the rows'
    ids in order — checked consecutive, as that algorithm gives them."""
    if len(params) * len(params[0]) > _SQLITE_MAX_VARIABLES:
        return [tuple(r) for r in session.connection().execute(statement, params).all()]
    generated = list(statement._returning)
    if len(generated) != 1:
        return [tuple(r) for r in session.connection().execute(statement, params).all()]
    ids = sorted(
        int(i) for i in session.scalars(insert(table).values(params).returning(generated[0]))
    )
    if ids[-1] - ids[0] != len(ids) - 1:
        raise RuntimeError(f"{table.name}: ids not consecutive, cannot tell the rows apart")
    return [(i,) for i in ids]


def _update(session: Session, obj: Any, changed: dict[str, Any]) -> None:
    state = instance_state(obj)
    mapper = state.mapper
    table = cast(Table, mapper.local_table)
    pk = [mapper.get_property_by_column(c).key for c in table.primary_key.columns]
    version = mapper.version_id_col
    names = tuple(sorted(changed))
    key = ("update", table.name, names)
    statement = _statements.get(key)
    if statement is None:
        where = [c == bindparam(f"pk_{c.key}") for c in table.primary_key.columns]
        sets: dict[str, Any] = {n: bindparam(f"v_{n}") for n in names}
        if version is not None:
            where.append(version == bindparam("old_version"))
            sets[str(version.key)] = bindparam("new_version")
        statement = _statements[key] = update(table).where(and_(*where)).values(sets)
    params = {f"v_{n}": v for n, v in changed.items()}
    params.update(
        {f"pk_{c.key}": state.dict[k] for c, k in zip(table.primary_key.columns, pk, strict=True)}
    )
    if version is not None:
        attribute = mapper.get_property_by_column(version).key
        old = state.dict[attribute]
        params["old_version"] = old
        params["new_version"] = cast(Any, mapper.version_id_generator)(old)
    matched = session.connection().execute(statement, params).rowcount
    if matched != 1:  # what the ORM's flush raises for a row changed meanwhile
        raise StaleDataError(
            f"UPDATE statement on table '{table.name}' expected to update 1 row(s); "
            f"{matched} were matched."
        )
    if version is not None:
        state.dict[attribute] = params["new_version"]
    state.dict.update(changed)  # the foreign keys a relationship change stands for
    state._commit_all(state.dict, session.identity_map)
