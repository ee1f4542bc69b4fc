"""PostgreSQL security mode: group roles, grants, and the controlled actions on logins.

``setup_roles`` is run by the owner (a role with CREATEROLE, member of
``pg_signal_backend``) through ``supportdesk admin setup-roles``; it is idempotent and
also upgrades a database that everyone used with one shared login. Logins are made,
re-grouped, disabled and re-passworded only through ``SECURITY DEFINER`` functions that
check the caller is an administrator (or, for a password, the person themself) and that
the target is a SupportDesk person — never a superuser or the owner.
"""

from __future__ import annotations

from sqlalchemy import Connection, inspect, text

from app.persistence.security_gate import setup_gate
from app.persistence.security_grants import (
    ADMIN,
    GRANTS,
    GROUPS,
    MANAGER,
    MANAGER_SETTINGS,
    PEOPLE,
    PRIVATE_COLUMNS,
)

FUNCTIONS = [
    # Is the session's login a SupportDesk person (member of a group, not a superuser)?
    f"""
CREATE OR REPLACE FUNCTION supportdesk_is_person(p_name text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
    SELECT EXISTS (
        SELECT 1 FROM pg_auth_members m
        JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
        WHERE u.rolname = p_name AND g.rolname = '{PEOPLE}' AND NOT u.rolsuper)
$$""",
    f"""
CREATE OR REPLACE FUNCTION supportdesk_require_admin() RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
    -- An administrator, or the database's owner (who makes the first administrator).
    IF NOT pg_has_role(session_user, '{ADMIN}', 'MEMBER') AND session_user <> (
        SELECT r.rolname FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba
        WHERE d.datname = current_database())
    THEN
        RAISE EXCEPTION 'only a SupportDesk administrator may change logins'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
END $$""",
    """
CREATE OR REPLACE FUNCTION supportdesk_end_sessions(p_name text) RETURNS integer
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog AS $$
    SELECT count(pg_terminate_backend(pid))::integer FROM pg_stat_activity
    WHERE usename = p_name AND pid <> pg_backend_pid()
$$""",
    f"""
CREATE OR REPLACE FUNCTION supportdesk_create_login(p_name text, p_password text, p_group text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
    PERFORM public.supportdesk_require_admin();
    IF p_group NOT IN ({", ".join(f"'{g}'" for g in GROUPS)}) THEN
        RAISE EXCEPTION 'unknown group %', p_group;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_name) THEN
        RAISE EXCEPTION 'a database login named % exists already', p_name
            USING ERRCODE = 'duplicate_object';
    END IF;
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE {PEOPLE}, %I',
                   p_name, p_password, p_group);
END $$""",
    f"""
CREATE OR REPLACE FUNCTION supportdesk_set_login_group(p_name text, p_group text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE g text;
BEGIN
    PERFORM public.supportdesk_require_admin();
    IF NOT public.supportdesk_is_person(p_name) THEN
        RAISE EXCEPTION '% is not a SupportDesk login', p_name;
    END IF;
    FOREACH g IN ARRAY ARRAY[{", ".join(f"'{g}'" for g in GROUPS)}] LOOP
        IF g = p_group THEN
            EXECUTE format('GRANT %I TO %I', g, p_name);
        ELSE
            EXECUTE format('REVOKE %I FROM %I', g, p_name);
        END IF;
    END LOOP;
    PERFORM public.supportdesk_end_sessions(p_name);
END $$""",
    """
CREATE OR REPLACE FUNCTION supportdesk_set_login_active(p_name text, p_active boolean)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
    PERFORM public.supportdesk_require_admin();
    IF NOT public.supportdesk_is_person(p_name) THEN
        RAISE EXCEPTION '% is not a SupportDesk login', p_name;
    END IF;
    EXECUTE format('ALTER ROLE %I %s', p_name, CASE WHEN p_active THEN 'LOGIN' ELSE 'NOLOGIN' END);
    IF NOT p_active THEN
        PERFORM public.supportdesk_end_sessions(p_name);
    END IF;
END $$""",
    """
CREATE OR REPLACE FUNCTION supportdesk_set_login_password(p_name text, p_password text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
    IF p_name <> session_user THEN
        PERFORM public.supportdesk_require_admin();
    END IF;
    IF NOT public.supportdesk_is_person(p_name) THEN
        RAISE EXCEPTION '% is not a SupportDesk login', p_name;
    END IF;
    EXECUTE format('ALTER ROLE %I PASSWORD %L', p_name, p_password);
    PERFORM public.supportdesk_end_sessions(p_name);
END $$""",
    # A person writes history only in their own name (or the system user's, whose
    # automatic actions any desk runs; managers importing: the imported people's); the
    # owner and superusers are not restricted.
    """
CREATE OR REPLACE FUNCTION supportdesk_check_event_author() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF public.supportdesk_is_person(session_user)
       AND (SELECT username FROM public.users WHERE id = NEW.actor_id)
           NOT IN (session_user, 'system')
       -- an import writes the other help desk's people's history (a manager's job)
       AND NOT ((pg_has_role(session_user, 'supportdesk_manager', 'MEMBER')
                 OR pg_has_role(session_user, 'supportdesk_admin', 'MEMBER'))
                AND EXISTS (SELECT 1 FROM public.imported_users WHERE user_id = NEW.actor_id))
    THEN
        RAISE EXCEPTION 'history is written in your own name only'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$""",
]
LOGIN_FUNCTIONS = (
    "supportdesk_create_login(text, text, text)",
    "supportdesk_set_login_group(text, text)",
    "supportdesk_set_login_active(text, boolean)",
    "supportdesk_set_login_password(text, text)",
)


def setup_roles(conn: Connection) -> list[str]:
    """Create the groups, grant what docs/security.md says; returns what was done.

    Runs inside the caller's transaction; safe to run again after every upgrade (new
    tables get their grants). Tables missing from the grant table stay read-only.
    """
    done: list[str] = []
    existing = set(conn.scalars(text("SELECT rolname FROM pg_roles")))
    for group in (PEOPLE, *GROUPS):
        if group not in existing:
            conn.execute(text(f"CREATE ROLE {group} NOLOGIN"))
            done.append(f"created group {group}")
        if group != PEOPLE:
            conn.execute(text(f"GRANT {PEOPLE} TO {group}"))
    database = conn.scalar(text("SELECT current_database()"))
    conn.execute(text("REVOKE ALL ON SCHEMA public FROM PUBLIC"))
    conn.execute(text(f'REVOKE ALL ON DATABASE "{database}" FROM PUBLIC'))
    conn.execute(text(f'GRANT CONNECT, TEMPORARY ON DATABASE "{database}" TO {PEOPLE}'))
    conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {PEOPLE}"))
    conn.execute(text(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, {PEOPLE}"))
    for group in GROUPS:
        conn.execute(text(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {group}"))
    conn.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {PEOPLE}"))
    tables = set(inspect(conn).get_table_names())
    for table in sorted(tables):
        private = PRIVATE_COLUMNS.get(table)
        if private:
            columns = [c["name"] for c in inspect(conn).get_columns(table)]
            shown = ", ".join(f'"{c}"' for c in columns if c not in private)
            conn.execute(text(f"GRANT SELECT ({shown}) ON {table} TO {PEOPLE}"))
            conn.execute(text(f"GRANT SELECT ON {table} TO {ADMIN}"))
        else:
            conn.execute(text(f"GRANT SELECT ON {table} TO {PEOPLE}"))
        for privileges, grantees in GRANTS.get(table, []):
            conn.execute(text(f"GRANT {privileges} ON {table} TO {', '.join(grantees)}"))
        if table not in GRANTS and table != "alembic_version":
            done.append(f"table {table} has no grants listed: read-only for everyone")
    for statement in FUNCTIONS:
        conn.execute(text(statement))
    for function in LOGIN_FUNCTIONS:
        conn.execute(text(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC"))
        conn.execute(text(f"GRANT EXECUTE ON FUNCTION {function} TO {PEOPLE}"))
    conn.execute(text("DROP TRIGGER IF EXISTS ticket_events_author ON ticket_events"))
    conn.execute(
        text(
            "CREATE TRIGGER ticket_events_author BEFORE INSERT ON ticket_events "
            "FOR EACH ROW EXECUTE FUNCTION supportdesk_check_event_author()"
        )
    )
    _settings_policies(conn)
    done.append(setup_gate(conn, database))
    done.append(f"grants set on {len(tables)} tables for {', '.join(GROUPS)}")
    return done


def _settings_policies(conn: Connection) -> None:
    """Row-level security on app_settings: everyone reads, administrators write any
    setting, managers only the assignment policy's and the mail server's."""
    keys = " OR ".join(f"key LIKE '{k}'" for k in MANAGER_SETTINGS)
    conn.execute(text("ALTER TABLE app_settings ENABLE ROW LEVEL SECURITY"))
    policies = {
        "app_settings_read": f"FOR SELECT TO {PEOPLE} USING (true)",
        "app_settings_admin": f"FOR ALL TO {ADMIN} USING (true) WITH CHECK (true)",
        "app_settings_manager": f"FOR ALL TO {MANAGER} USING ({keys}) WITH CHECK ({keys})",
    }
    for name, rule in policies.items():
        conn.execute(text(f"DROP POLICY IF EXISTS {name} ON app_settings"))
        conn.execute(text(f"CREATE POLICY {name} ON app_settings {rule}"))


def group_of(role: str) -> str:
    return f"supportdesk_{role}"
