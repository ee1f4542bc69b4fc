"""The Administration window (issue 13): people, customers, contracts and SLA,
products, assignment, mail, company."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.domain.roles import Permission, allows

if TYPE_CHECKING:
    from ui.app_context import AppContext


def may_administer(ctx: AppContext) -> bool:
    """Managers and admins see the Administration menu entry. Here, not beside the
    window: the main window asks at start-up, and the window's modules (its sections,
    ~0.1–0.2 s to import) load only when it is first opened."""
    return allows(ctx.actor.role, Permission.MANAGE_CATALOGUE)
