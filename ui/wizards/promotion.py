"""The release promotion wizard: release → customers → preview → install on test and
notify → customers' verification → install on production.

State lives in the database, so the wizard can be closed at any page and reopened
later (``resume_at_verification``), e.g. from the Pending verifications view.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget, QWizard

from app.bootstrap import Services
from app.services.auth import Actor
from ui.tasks import TaskRunner
from ui.wizards.promotion_pages import CustomersPage, PreviewPage, ReleasePage
from ui.wizards.promotion_state import WizardState
from ui.wizards.promotion_steps import InstallPage, VerificationPage


class PromotionWizard(QWizard):
    RELEASE, CUSTOMERS, PREVIEW, TEST, VERIFY, PRODUCTION = range(6)

    def __init__(
        self,
        services: Services,
        actor: Actor,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Release promotion"))
        self.setObjectName("promotion-wizard")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.HaveFinishButtonOnEarlyPages, True)
        self.resize(960, 620)  # fits a 1024×700 screen; Greek tables need the width
        self.state = WizardState(
            actor=actor,
            runner=runner,
            releases=services.releases,
            promotions=services.promotions,
            customers_service=services.customers,
            now=services.ctx.clock.now,
        )
        self.release_page = ReleasePage(self.state)
        self.customers_page = CustomersPage(self.state)
        self.preview_page = PreviewPage(self.state)
        self.test_page = InstallPage(self.state, "test")
        self.verification_page = VerificationPage(self.state)
        self.production_page = InstallPage(self.state, "production")
        for page_id, page in (
            (self.RELEASE, self.release_page),
            (self.CUSTOMERS, self.customers_page),
            (self.PREVIEW, self.preview_page),
            (self.TEST, self.test_page),
            (self.VERIFY, self.verification_page),
            (self.PRODUCTION, self.production_page),
        ):
            self.setPage(page_id, page)
        self.setStartId(self.RELEASE)

    def resume(self, product: str, version: str, customers: list[str]) -> None:
        """Open on the verification page for a promotion already under way."""
        self.state.product, self.state.version = product, version
        self.state.customers = list(customers)
        self.setStartId(self.VERIFY)
        self.restart()
