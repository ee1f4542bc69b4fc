"""The statements of the write path's floor (``benchmarks/write_floor.py``) that are not
compiled from the app's objects: the texts the app sends (captured with SQLAlchemy's
``before_cursor_execute``, PostgreSQL, session 10), in psycopg's ``%(name)s`` style."""

from __future__ import annotations

from datetime import date
from typing import Any

import psycopg

SHARDS = 16  # app.persistence.orm_reports.SHARDS: rollup rows by customer id
SERVICE = "software_maintenance"
_TS = "::TIMESTAMP WITH TIME ZONE"
_USER_COLUMNS = (
    "users.id, users.username, users.full_name, users.email, users.role, users.department,"
    " users.active, users.created_at"
)

# -- an opening ------------------------------------------------------------------------

USER = f"SELECT {_USER_COLUMNS} FROM users WHERE users.id = %(pk_1)s::INTEGER"
CUSTOMER = (
    "SELECT customers.id, customers.code, customers.name, customers.created_at,"
    " customers.language FROM customers WHERE customers.code = %(code)s::VARCHAR"
)
# Columns: 0 id, 1 code, 3 tier, 7 calendar_id, 11 priority, 12/13 response/resolution.
CONTRACTS = (
    "SELECT contracts.id, contracts.code, contracts.customer_id, contracts.tier,"
    " contracts.services, contracts.valid_from, contracts.valid_to, contracts.calendar_id,"
    " contracts.created_at, sla_targets.tier AS tier_1, sla_targets.criticality,"
    " sla_targets.priority, sla_targets.response_minutes, sla_targets.resolution_minutes,"
    " sla_targets.business_hours, business_calendars_1.id AS id_1, business_calendars_1.code"
    " AS code_1, business_calendars_1.timezone, business_calendars_1.workdays,"
    " business_calendars_1.day_start, business_calendars_1.day_end,"
    " business_calendars_1.country, business_calendars_1.subdivision,"
    " business_calendars_1.closures FROM contracts LEFT OUTER JOIN sla_targets ON"
    " sla_targets.tier = contracts.tier AND sla_targets.criticality = %(criticality)s::VARCHAR"
    " LEFT OUTER JOIN business_calendars AS business_calendars_1 ON business_calendars_1.id ="
    " contracts.calendar_id WHERE contracts.customer_id = %(customer_id)s::INTEGER"
    " ORDER BY contracts.id"
)
NEXT_IDENTITY = "SELECT nextval(pg_get_serial_sequence('tickets', 'id')), nextval('ticket_numbers')"
# Columns: 0 id, 1 username, 13 max_open, 14 last_assigned_at, 16 open_tickets.
ENGINEERS = (
    f"SELECT {_USER_COLUMNS}, engineer_profiles.user_id, engineer_profiles.state,"
    " engineer_profiles.timezone, engineer_profiles.schedule, engineer_profiles.skills,"
    " engineer_profiles.max_open, engineer_profiles.last_assigned_at,"
    " engineer_profiles.updated_at, engineer_profiles.open_tickets,"
    " (SELECT app_settings.value FROM app_settings WHERE app_settings.key ="
    " %(key_1)s::VARCHAR) AS anon_1, (SELECT app_settings.value FROM app_settings"
    " WHERE app_settings.key = %(key_2)s::VARCHAR) AS anon_2, (SELECT"
    " app_settings.value FROM app_settings WHERE app_settings.key ="
    " %(key_3)s::VARCHAR) AS anon_3 FROM users JOIN engineer_profiles ON"
    " engineer_profiles.user_id = users.id WHERE users.active IS true AND users.role ="
    " %(role_1)s::VARCHAR AND engineer_profiles.state = %(state_1)s::VARCHAR ORDER BY users.id"
)
ENGINEERS_PARAMS: dict[str, Any] = {
    "key_1": "assignment.policy", "key_2": "assignment.auto",
    "key_3": "assignment.default_max", "role_1": "engineer", "state_1": "available",
}  # fmt: skip
CLAIM = (
    "UPDATE engineer_profiles SET last_assigned_at=CASE WHEN"
    " (engineer_profiles.last_assigned_at IS NULL OR engineer_profiles.last_assigned_at <"
    f" %(claimed_at)s{_TS}) THEN %(claimed_at)s{_TS} ELSE engineer_profiles.last_assigned_at"
    " END, open_tickets=(engineer_profiles.open_tickets + %(open_tickets_1)s::INTEGER) FROM"
    " (SELECT engineer_profiles.user_id AS user_id, engineer_profiles.last_assigned_at AS"
    " old_at FROM engineer_profiles WHERE engineer_profiles.user_id = %(claimed)s::INTEGER"
    ' FOR UPDATE SKIP LOCKED) AS "old" WHERE engineer_profiles.user_id = "old".user_id'
    " RETURNING engineer_profiles.user_id, engineer_profiles.state, engineer_profiles.timezone,"
    " engineer_profiles.schedule, engineer_profiles.skills, engineer_profiles.max_open,"
    " engineer_profiles.last_assigned_at, engineer_profiles.updated_at,"
    ' engineer_profiles.open_tickets, "old".old_at'
)


def _insert(table: str, columns: str, casts: dict[str, str]) -> str:
    names = [c.strip() for c in columns.split(",")]
    values = ", ".join(f"%({n})s{casts.get(n, '')}" for n in names)
    return f"INSERT INTO {table} ({', '.join(names)}) VALUES ({values})"


_INT, _STR = "::INTEGER", "::VARCHAR"
_TICKET_COLUMNS = (
    "id, number, customer_id, contact_id, product_id, environment, service_type, category,"
    " subject, description, criticality, priority, status, assignee_id, created_by_id,"
    " created_at, updated_at, resolved_at, closed_at, problem_nature, solution,"
    " time_logged_minutes, last_event_hash, event_count, first_response_due_at,"
    " resolution_due_at, first_responded_at, sla_due_at, sla_state, version"
)
_CASTS = {
    **{n: _INT for n in ("id", "customer_id", "contact_id", "product_id", "priority",
                         "assignee_id", "created_by_id", "time_logged_minutes", "event_count",
                         "version", "ticket_id", "contract_id", "calendar_id",
                         "response_minutes", "resolution_minutes", "seen_seq", "seq",
                         "actor_id", "minutes", "response_wall_minutes",
                         "response_business_minutes", "resolution_wall_minutes",
                         "resolution_business_minutes", "waiting_minutes", "reassignments",
                         "reopenings", "response_target_minutes", "resolution_target_minutes")},
    **{n: _TS for n in ("created_at", "updated_at", "resolved_at", "closed_at",
                        "first_response_due_at", "resolution_due_at", "first_responded_at",
                        "sla_due_at", "next_check_at", "occurred_at", "first_response_at",
                        "opened_at", "ticket_resolved_at")},
    **{n: _STR for n in ("number", "environment", "service_type", "category", "subject",
                         "description", "criticality", "status", "problem_nature",
                         "solution", "last_event_hash", "sla_state", "tier", "kind", "field",
                         "old_value", "new_value", "text", "data", "prev_hash", "hash")},
}  # fmt: skip
INSERT_TICKET = _insert("tickets", _TICKET_COLUMNS, _CASTS)
TICKET_DEFAULTS: dict[str, Any] = {
    "contact_id": None, "product_id": None, "environment": "production",
    "service_type": "software_maintenance", "category": "incident", "criticality": "medium",
    "resolved_at": None, "closed_at": None, "problem_nature": None, "solution": None,
    "time_logged_minutes": 0, "first_responded_at": None, "sla_state": "on_track",
    "version": 1,
}  # fmt: skip
INSERT_CLOCK = _insert(
    "sla_clocks",
    "ticket_id, contract_id, calendar_id, tier, criticality, response_minutes,"
    " resolution_minutes, business_hours, next_check_at, seen_seq",
    _CASTS,
)
CLOCK_DEFAULTS: dict[str, Any] = {"criticality": "medium", "business_hours": True, "seen_seq": 3}
_FACTS_COLUMNS = (
    "ticket_id, first_response_at, resolved_at, closed_at, response_wall_minutes,"
    " response_business_minutes, resolution_wall_minutes, resolution_business_minutes,"
    " waiting_minutes, reassignments, reopenings, response_target_minutes,"
    " resolution_target_minutes, response_met, resolution_met, time_logged_minutes,"
    " updated_at, opened_at, customer_id, priority, status, category, service_type,"
    " product_id, ticket_resolved_at, breached"
)
INSERT_FACTS = _insert("ticket_facts", _FACTS_COLUMNS, _CASTS)
FACTS_DEFAULTS: dict[str, Any] = {
    **{n.strip(): None for n in _FACTS_COLUMNS.split(",")},
    "waiting_minutes": 0, "reassignments": 0, "reopenings": 0, "time_logged_minutes": 0,
    "status": "assigned", "category": "incident", "service_type": "software_maintenance",
    "breached": False,
}  # fmt: skip
_EVENT_COLUMNS = (
    "ticket_id, seq, occurred_at, actor_id, kind, field, old_value, new_value, text,"
    " minutes, internal, data, prev_hash, hash"
)
INSERT_EVENT = _insert("ticket_events", _EVENT_COLUMNS, _CASTS) + " RETURNING ticket_events.id"


def _insert_events(rows: int) -> str:
    """SQLAlchemy's multi-row INSERT … RETURNING in parameter order ("insertmanyvalues")."""
    names = [c.strip() for c in _EVENT_COLUMNS.split(",")]
    casts = [_CASTS.get(n, "::BOOLEAN" if n == "internal" else "") for n in names]
    select = ", ".join(f"p{i}{c}" for i, c in enumerate(casts))
    values = ", ".join(
        "(" + ", ".join(f"%({n}__{r})s{_CASTS.get(n, '')}" for n in names) + f", {r})"
        for r in range(rows)
    )
    ps = ", ".join(f"p{i}" for i in range(len(names)))
    return (
        f"INSERT INTO ticket_events ({', '.join(names)}) SELECT {select} FROM (VALUES {values})"
        f" AS imp_sen({ps}, sen_counter) ORDER BY sen_counter"
        " RETURNING ticket_events.id, ticket_events.id AS id__1"
    )


INSERT_EVENTS_2 = _insert_events(2)
INSERT_EVENTS_3 = _insert_events(3)


def _upsert(table: str, keys: str, adds: str, rows: int, t: int) -> str:
    k = [c.strip() for c in keys.split(",")]
    a = [c.strip() for c in adds.split(",")]
    cols = ", ".join(f'"{c}"' for c in k + a)
    values = ", ".join(
        "(" + ", ".join(f"%(t{t}r{r}_{c})s" for c in k + a) + ")" for r in range(rows)
    )
    sets = ", ".join(f'"{c}" = "{table}"."{c}" + EXCLUDED."{c}"' for c in a)
    conflict = ", ".join(f'"{c}"' for c in k)
    return (
        f'u{t} AS (INSERT INTO "{table}" ({cols}) VALUES {values}'
        f" ON CONFLICT ({conflict}) DO UPDATE SET {sets})"
    )


# The rollups an opening adds to (one statement of data-modifying CTEs, as the app's).
OPEN_ROLLUPS = (
    "WITH "
    + ", ".join(
        (
            _upsert("report_days", "day, shard, priority", "backlog, opened", 1, 0),
            _upsert("report_day_keys", "day, customer_id, dimension, key", "opened", 3, 1),
            _upsert("report_month_keys", "month, shard, dimension, key", "opened", 3, 2),
            _upsert("report_months", "month, shard, priority", "backlog, opened", 2, 3),
        )
    )
    + " SELECT 1"
)

# -- a change ----------------------------------------------------------------------------

UPDATE_FACTS = (
    f"UPDATE ticket_facts SET updated_at=%(updated_at)s{_TS}"
    " WHERE ticket_facts.ticket_id = %(key)s::INTEGER"
)
UPDATE_FACTS_STATUS = (
    f"UPDATE ticket_facts SET updated_at=%(updated_at)s{_TS}, status=%(status)s::VARCHAR"
    " WHERE ticket_facts.ticket_id = %(key)s::INTEGER"
)
UPDATE_CLOCK = (
    "UPDATE sla_clocks SET seen_seq=%(v_seen_seq)s::INTEGER"
    " WHERE sla_clocks.ticket_id = %(pk_ticket_id)s::INTEGER"
)
_TICKET_SET = (
    f"updated_at=%(v_updated_at)s{_TS}, last_event_hash=%(v_last_event_hash)s::VARCHAR,"
    " event_count=%(v_event_count)s::INTEGER, version=%(new_version)s::INTEGER"
    " WHERE tickets.id = %(pk_id)s::INTEGER AND tickets.version = %(old_version)s::INTEGER"
)
UPDATE_TICKET = f"UPDATE tickets SET {_TICKET_SET}"
UPDATE_TICKET_STATUS = f"UPDATE tickets SET status=%(v_status)s::VARCHAR, {_TICKET_SET}"


# -- parameters -----------------------------------------------------------------------


def one_row(cursor: psycopg.Cursor[Any]) -> Any:
    row = cursor.fetchone()
    if row is None:
        raise LookupError("no row")
    return row


def numbered(events: list[dict[str, Any]]) -> dict[str, Any]:
    """Several events' values as one multi-row INSERT's parameters (``name__i``)."""
    return {f"{k}__{i}": v for i, e in enumerate(events) for k, v in e.items()}


def open_rollups(day: date, customer_id: int, priority: int) -> dict[str, Any]:
    """The rollup keys an opening adds one to (app.services.report_rollup)."""
    month, shard = day.replace(day=1), customer_id % SHARDS
    keys = (("category", "incident"), ("product", ""), ("service_type", SERVICE))
    out: dict[str, Any] = {"t0r0_day": day, "t0r0_shard": shard, "t0r0_priority": priority,
                           "t0r0_backlog": 1, "t0r0_opened": 1}  # fmt: skip
    for i, (dimension, key) in enumerate(keys):
        out |= {f"t1r{i}_day": day, f"t1r{i}_customer_id": customer_id,
                f"t1r{i}_dimension": dimension, f"t1r{i}_key": key,
                f"t2r{i}_month": month, f"t2r{i}_shard": shard,
                f"t2r{i}_dimension": dimension, f"t2r{i}_key": key,
                f"t1r{i}_opened": 1, f"t2r{i}_opened": 1}  # fmt: skip
    for i, s in enumerate((-1, shard)):
        out |= {f"t3r{i}_month": month, f"t3r{i}_shard": s, f"t3r{i}_priority": priority,
                f"t3r{i}_backlog": 1, f"t3r{i}_opened": 1}  # fmt: skip
    return out
