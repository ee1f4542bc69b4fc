"""What every service needs, built once by the bootstrap and passed in."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.domain.clock import Clock, SystemClock
from app.persistence.database import Database
from app.services.auth import Passwords


@dataclass(frozen=True)
class ServiceContext:
    db: Database
    clock: Clock = field(default_factory=SystemClock)
    passwords: Passwords = field(default_factory=Passwords)
    # The settings file, read once by the bootstrap (services never read files themselves).
    settings: Mapping[str, Any] = field(default_factory=dict)
