"""Products and releases: the catalogue, each release's state, linking tickets a
release delivers, and release notes assembled from those tickets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.releases import ReleaseState
from app.services.dto import ProductView
from app.services.release_views import ReleaseView
from ui.admin.parts import Form, RecordList, Section
from ui.admin.records import Column
from ui.app_context import AppContext
from ui.timefmt import locale_date
from ui.value_labels import value_label


def _version_key(r: ReleaseView) -> tuple[int, ...]:
    return tuple(int(p) for p in r.version.split(".") if p.isdigit())


class ProductsSection(Section):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.title = self.tr("Products and releases")
        self.list: RecordList[ProductView] = RecordList(
            self.tr("Products"),
            [
                Column(self.tr("Code"), lambda p: p.code),
                Column(self.tr("Product"), lambda p: p.name),
            ],
            key=lambda p: p.code,
        )
        self.form = Form(self.tr("New product"))
        self.code = self.form.row(self.tr("C&ode"), QLineEdit())
        self.name = self.form.row(self.tr("&Name"), QLineEdit())
        self.add_button = self.form.button(self.tr("&Add product"), self.add)

        self.releases: RecordList[ReleaseView] = RecordList(
            self.tr("Releases"),
            [
                Column(self.tr("Version"), lambda r: r.version, key=_version_key),
                Column(self.tr("Kind"), lambda r: r.kind),
                Column(self.tr("State"), lambda r: r.state),
                Column(
                    self.tr("Date"),
                    lambda r: locale_date(r.release_date) if r.release_date else "",
                    key=lambda r: r.release_date,
                ),
            ],
            key=lambda r: (r.product, r.version),
        )
        self.release_form = Form(self.tr("Release"))
        self.version = self.release_form.row(self.tr("&Version"), QLineEdit())
        self.version.setPlaceholderText(self.tr("major.minor.patch, e.g. 2.4.0"))
        self.state = self.release_form.row(self.tr("&State"), QComboBox())
        for state in ReleaseState:
            self.state.addItem(value_label(state.value), state.value)
        self.ticket = self.release_form.row(self.tr("Delivers &ticket"), QLineEdit())
        self.ticket.setPlaceholderText(self.tr("SD-000123"))
        self.add_release_button = self.release_form.button(
            self.tr("Add &release"), self.add_release
        )
        self.state_button = self.release_form.button(self.tr("Set s&tate"), self.set_state)
        self.link_button = self.release_form.button(self.tr("&Link ticket"), self.link)
        self.notes_button = self.release_form.button(self.tr("N&otes"), self._notes_clicked)
        self.notes = QPlainTextEdit()
        self.notes.setReadOnly(True)
        self.notes.setAccessibleName(self.tr("Release notes"))
        self.notes.setPlaceholderText(self.tr("Release notes, assembled from the linked tickets"))

        top = QSplitter()
        top.addWidget(self.list)
        top.addWidget(self.form)
        middle = QSplitter()
        middle.addWidget(self.releases)
        middle.addWidget(self.release_form)
        for split in (top, middle):
            split.setSizes([460, 340])
        outer = QSplitter(Qt.Orientation.Vertical)
        for part in (top, middle, self.notes):
            outer.addWidget(part)
        outer.setSizes([200, 260, 140])
        QVBoxLayout(self).addWidget(outer)
        self.list.chosen.connect(self._product_chosen)
        self.releases.chosen.connect(self._release_chosen)
        self._product_chosen(None)

    def load(self) -> None:
        self.call(lambda: self.services.customers.list_products(self.actor), self.list.set_records)

    def _product_chosen(self, product: ProductView | None) -> None:
        self.add_release_button.setEnabled(product is not None)
        self.notes.clear()
        if product is None:
            self.releases.set_records([])
            return
        self._load_releases(product.code)

    def _load_releases(self, code: str) -> None:
        self.reload(self.releases, lambda: self.services.releases.list_releases(self.actor, code))

    def _release_chosen(self, release: ReleaseView | None) -> None:
        for button in (self.state_button, self.link_button, self.notes_button):
            button.setEnabled(release is not None)
        if release is not None:
            self.version.setText(release.version)
            self.state.setCurrentIndex(self.state.findData(release.state))

    def add(self) -> None:
        code, name = self.code.text(), self.name.text()

        def done(product: ProductView) -> None:
            self.code.clear()
            self.name.clear()
            self.reload(
                self.list,
                lambda: self.services.customers.list_products(self.actor),
                keep=lambda p: p.code == product.code,
                then=lambda: self.form.done(self.tr("Added {0}.").format(product.code)),
            )

        self.call(
            lambda: self.services.customers.add_product(self.actor, code=code, name=name),
            done,
            self.form,
        )

    def add_release(self) -> None:
        product = self.list.current()
        if product is None:
            return
        version, state = self.version.text().strip(), self.state.currentData()
        self.call(
            lambda: self.services.releases.add_release(
                self.actor, product=product.code, version=version, state=state
            ),
            lambda r: self._release_done(self.tr("Added {0} {1}.").format(r.product, r.version), r),
            self.release_form,
        )

    def set_state(self) -> None:
        release = self.releases.current()
        if release is None:
            return
        state = self.state.currentData()
        self.call(
            lambda: self.services.releases.set_state(
                self.actor, product=release.product, version=release.version, state=state
            ),
            lambda r: self._release_done(
                self.tr("{0} {1} is {2}.").format(r.product, r.version, r.state), r
            ),
            self.release_form,
        )

    def link(self) -> None:
        release, number = self.releases.current(), self.ticket.text().strip().upper()
        if release is None:
            return
        if not number:
            self.release_form.problem(self.tr("Type the ticket number (SD-000123)."))
            return
        self.call(
            lambda: self.services.releases.link_ticket(
                self.actor, product=release.product, version=release.version, ticket=number
            ),
            lambda r: self._release_done(
                self.tr("{0} is delivered by {1}.").format(number, r.version), r
            ),
            self.release_form,
        )

    def _release_done(self, text: str, release: ReleaseView) -> None:
        self.ticket.clear()
        self.show_notes(release)
        self.reload(
            self.releases,
            lambda: self.services.releases.list_releases(self.actor, release.product),
            keep=lambda r: r.version == release.version,
            then=lambda: self.release_form.done(text),
        )

    def _notes_clicked(self) -> None:
        self.show_notes()

    def show_notes(self, release: ReleaseView | None = None) -> None:
        release = release or self.releases.current()
        if release is None:
            return
        self.call(
            lambda: self.services.releases.release_notes(
                self.actor, product=release.product, version=release.version
            ),
            self.notes.setPlainText,
            self.release_form,
        )
