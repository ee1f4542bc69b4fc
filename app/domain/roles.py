"""Roles, departments and the permission table of DESIGN.md."""

from __future__ import annotations

from enum import StrEnum

from app.domain.errors import PermissionDenied


class Role(StrEnum):
    ENGINEER = "engineer"
    CARE = "care"
    MANAGER = "manager"
    ADMIN = "admin"


class Department(StrEnum):
    TECHNICAL = "technical"
    CUSTOMER_CARE = "customer_care"
    MANAGEMENT = "management"
    ADMINISTRATION = "administration"


DEFAULT_DEPARTMENT = {
    Role.ENGINEER: Department.TECHNICAL,
    Role.CARE: Department.CUSTOMER_CARE,
    Role.MANAGER: Department.MANAGEMENT,
    Role.ADMIN: Department.ADMINISTRATION,
}


class Permission(StrEnum):
    OPEN_TICKET = "open a ticket"
    COMMENT = "comment on a ticket"
    WORK_TICKET = "work a ticket (start, wait, resolve, log time)"
    RECORD_CUSTOMER_RESPONSE = "record the customer's approval, rejection or verification"
    ASSIGN_OTHERS = "assign or reassign tickets to others"
    OVERRIDE_PRIORITY = "override a ticket's priority"
    TAKE_TICKET = "take a ticket"
    SET_OWN_AVAILABILITY = "set your own availability"
    RECORD_INSTALLATION = "record an installation on test or production"
    MANAGE_CATALOGUE = "manage customers, contracts, SLA targets and releases"
    MANAGE_USERS = "manage users"
    CANCEL_TICKET = "cancel a ticket"


_ALL = frozenset(Role)
_STAFF = frozenset({Role.ENGINEER, Role.MANAGER, Role.ADMIN})
_CUSTOMER_FACING = frozenset({Role.CARE, Role.MANAGER, Role.ADMIN})
_MANAGERS = frozenset({Role.MANAGER, Role.ADMIN})

PERMISSIONS: dict[Permission, frozenset[Role]] = {
    Permission.OPEN_TICKET: _ALL,
    Permission.COMMENT: _ALL,
    # Cancelling is a decision about the request, taken with the customer: care and managers.
    Permission.CANCEL_TICKET: _CUSTOMER_FACING,
    Permission.WORK_TICKET: _STAFF,
    Permission.RECORD_CUSTOMER_RESPONSE: _CUSTOMER_FACING,
    Permission.ASSIGN_OTHERS: _MANAGERS,
    Permission.OVERRIDE_PRIORITY: _MANAGERS,
    Permission.TAKE_TICKET: frozenset({Role.ENGINEER}),
    Permission.SET_OWN_AVAILABILITY: frozenset({Role.ENGINEER}),
    Permission.RECORD_INSTALLATION: _STAFF,
    Permission.MANAGE_CATALOGUE: _MANAGERS,
    Permission.MANAGE_USERS: frozenset({Role.ADMIN}),
}


def allows(role: Role, permission: Permission) -> bool:
    return role in PERMISSIONS[permission]


def require(role: Role, permission: Permission, username: str = "") -> None:
    """Raise :class:`PermissionDenied` unless ``role`` may do ``permission``."""
    if not allows(role, permission):
        who = f"{username} ({role})" if username else f"role {role}"
        allowed = ", ".join(sorted(r.value for r in PERMISSIONS[permission]))
        raise PermissionDenied(f"{who} may not {permission.value}; allowed roles: {allowed}.")
