"""What every window and pane of a logged-in session needs, passed in (no globals)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings

from app.bootstrap import Services
from app.services.auth import Actor
from ui.drafts import DraftStore
from ui.tasks import TaskRunner
from ui.ticket_actions import UserFacts


@dataclass
class AppContext:
    services: Services
    actor: Actor
    runner: TaskRunner
    settings: QSettings
    drafts: DraftStore

    @property
    def user(self) -> UserFacts:
        return UserFacts(self.actor.username, self.actor.role)

    @property
    def connection_label(self) -> str:
        url = self.services.db.url
        if url.get_backend_name() == "sqlite":
            return f"Embedded · {url.database}"
        return f"PostgreSQL · {url.host}/{url.database}"
