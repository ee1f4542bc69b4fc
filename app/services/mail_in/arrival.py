"""One received mail on its way in: its bytes, what they say, where it came from, when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.domain.tickets import Criticality, ServiceType
from app.services.mail_in.parse import ParsedMail


@dataclass(frozen=True)
class MailboxDefaults:
    """Where mail comes from, and what a ticket it opens is about."""

    name: str = "pipe"
    service_type: str = ServiceType.FIRST_LEVEL_SUPPORT.value
    criticality: str = Criticality.MEDIUM.value

    @classmethod
    def from_settings(cls, raw: dict[str, Any], name: str = "pipe") -> MailboxDefaults:
        return cls(
            name=str(raw.get("name", name)),
            service_type=str(raw.get("service_type", ServiceType.FIRST_LEVEL_SUPPORT.value)),
            criticality=str(raw.get("criticality", Criticality.MEDIUM.value)),
        )


@dataclass(frozen=True)
class Arrival:
    raw: bytes
    mail: ParsedMail
    mailbox: MailboxDefaults
    at: datetime
