"""What the promotion wizard's pages share: the chosen release and customers, and the
services they call. Nothing here is kept only in memory for long: every step is in
the database, so the wizard can be left and resumed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from app.services.auth import Actor
from app.services.customers import CustomerService
from app.services.promotions import PromotionService
from app.services.release_views import PreviewRow
from app.services.releases import ReleaseService
from ui.tasks import TaskRunner


@dataclass
class WizardState:
    actor: Actor
    runner: TaskRunner
    releases: ReleaseService
    promotions: PromotionService
    customers_service: CustomerService
    # The services' clock: default times in the forms follow it (a fake clock in tests).
    now: Callable[[], datetime]
    product: str = ""
    version: str = ""
    customers: list[str] = field(default_factory=list)
    preview: list[PreviewRow] = field(default_factory=list)
