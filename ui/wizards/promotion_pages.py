"""The first pages of the release promotion wizard: release, customers, preview.

Every page loads its data through the TaskRunner and never blocks the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWizardPage,
)

from app.domain.errors import describe
from app.services.release_views import CandidateRow, PreviewRow, ReleaseView
from ui.value_labels import value_label
from ui.wizards.promotion_state import WizardState


def make_table(model: QStandardItemModel | QSortFilterProxyModel, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return view


def cell(text: str | None) -> QStandardItem:
    item = QStandardItem(text or "–")
    item.setEditable(False)
    item.setToolTip(text or "")  # the whole text where a narrow screen cuts the column
    return item


def fit_columns(view: QTableView) -> None:
    """Every column as wide as its header and cells (Greek headers run long); the last
    one takes the rest, and a narrow window scrolls sideways instead of cutting text."""
    header = view.horizontalHeader()
    last = header.count() - 1
    for column in range(last):
        view.resizeColumnToContents(column)
        view.setColumnWidth(column, min(view.columnWidth(column) + 16, 320))
    # The last column stretches over what is left, unless that would cut its header:
    # then it keeps its own width and the table scrolls sideways.
    used = sum(view.columnWidth(c) for c in range(last))
    need = max(header.sectionSizeHint(last), view.sizeHintForColumn(last)) + 16
    header.setStretchLastSection(view.viewport().width() - used >= need)
    if not header.stretchLastSection():
        view.setColumnWidth(last, need)


class ReleasePage(QWizardPage):
    """Which product and which available release to promote."""

    def __init__(self, state: WizardState) -> None:
        super().__init__()
        self.state = state
        self.setTitle(self.tr("Choose the release"))
        self.setSubTitle(
            self.tr(
                "The release goes to each customer's test environment first; "
                "production follows only after the customer verified it."
            )
        )
        self.product = QComboBox()
        self.product.setAccessibleName(self.tr("Product"))
        self.release = QComboBox()
        self.release.setAccessibleName(self.tr("Release"))
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setProperty("role", "hint")
        self.error = QLabel()
        self.error.setProperty("role", "error")
        form = QFormLayout(self)
        form.addRow(self.tr("&Product"), self.product)
        form.addRow(self.tr("&Release"), self.release)
        form.addRow("", self.notes)
        form.addRow("", self.error)
        self._releases: list[ReleaseView] = []
        self.product.currentIndexChanged.connect(self._fill_releases)
        self.release.currentIndexChanged.connect(self._release_chosen)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self.state.runner.submit(
            lambda: self.state.releases.list_releases(self.state.actor),
            self._loaded,
            self._failed,
            label="releases",
        )

    def _loaded(self, releases: list[ReleaseView]) -> None:
        self._releases = [r for r in releases if r.state != "planned"]
        products = sorted({r.product for r in self._releases})
        self.product.blockSignals(True)
        self.product.clear()
        self.product.addItems(products)
        if self.state.product in products:
            self.product.setCurrentText(self.state.product)
        self.product.blockSignals(False)
        if not products:
            self.error.setText(self.tr("No release is available yet: a manager adds one first."))
        self._fill_releases()

    def _fill_releases(self) -> None:
        product = self.product.currentText()
        versions = [r.version for r in self._releases if r.product == product]
        self.release.blockSignals(True)
        self.release.clear()
        self.release.addItems(versions)
        if self.state.version in versions:
            self.release.setCurrentText(self.state.version)
        self.release.blockSignals(False)
        self._release_chosen()

    def _release_chosen(self) -> None:
        chosen = next(
            (
                r
                for r in self._releases
                if r.product == self.product.currentText()
                and r.version == self.release.currentText()
            ),
            None,
        )
        self.state.product = chosen.product if chosen else ""
        self.state.version = chosen.version if chosen else ""
        if chosen:
            text = self.tr("{kind} release, {state}").format(
                kind=value_label(chosen.kind).lower(), state=value_label(chosen.state).lower()
            )
            if chosen.state == "withdrawn":
                text += self.tr(" — installing it needs a reason")
            self.notes.setText(text + (f"\n{chosen.notes}" if chosen.notes else ""))
        self.completeChanged.emit()

    def _failed(self, exc: Exception) -> None:
        self.error.setText(describe(exc))

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return bool(self.state.product and self.state.version)


class CustomersPage(QWizardPage):
    """Pick the customers: filter by 'not yet on this version', tier, current version."""

    def __init__(self, state: WizardState) -> None:
        super().__init__()
        self.state = state
        self.all = self.tr("All")
        self.setTitle(self.tr("Choose the customers"))
        columns = [
            self.tr("Customer"),
            self.tr("Name"),
            self.tr("Tier"),
            self.tr("Test"),
            self.tr("Production"),
            self.tr("This release"),
        ]
        self.model = QStandardItemModel(0, len(columns))
        self.model.setHorizontalHeaderLabels(columns)
        self.proxy = QSortFilterProxyModel()
        self.proxy.setSourceModel(self.model)
        self.view = make_table(self.proxy, self.tr("Customers"))
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.not_on_version = QCheckBox(
            self.tr("Only customers not yet on this version in production")
        )
        self.not_on_version.setChecked(True)
        self.tier = QComboBox()
        self.tier.setAccessibleName(self.tr("Tier filter"))
        self.current = QComboBox()
        self.current.setAccessibleName(self.tr("Current production version filter"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search customers"))
        self.search.setAccessibleName(self.tr("Search customers"))
        select_all = QPushButton(self.tr("Select &all shown"))
        select_none = QPushButton(self.tr("Select &none"))
        self.summary = QLabel()
        filters = QHBoxLayout()
        tier, production = QLabel(self.tr("Tier")), QLabel(self.tr("Production"))
        for widget in (self.search, tier, self.tier, production, self.current):
            filters.addWidget(widget)
        buttons = QHBoxLayout()
        buttons.addWidget(select_all)
        buttons.addWidget(select_none)
        buttons.addStretch(1)
        buttons.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addWidget(self.not_on_version)
        layout.addLayout(filters)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self._rows: list[CandidateRow] = []
        # Set while many check boxes change at once: recount once at the end. (Blocking the
        # model's signals instead would leave the proxy and the view stale.)
        self._bulk = False
        for signal in (
            self.not_on_version.toggled,
            self.tier.currentIndexChanged,
            self.current.currentIndexChanged,
            self.search.textChanged,
        ):
            signal.connect(self._apply_filters)
        select_all.clicked.connect(lambda: self._check_shown(True))
        select_none.clicked.connect(lambda: self._check_shown(False))
        self.model.itemChanged.connect(self._changed)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self.setSubTitle(
            self.tr("Who gets {product} {version}?").format(
                product=self.state.product, version=self.state.version
            )
        )
        self.state.runner.submit(
            lambda: self.state.promotions.candidates(
                self.state.actor, product=self.state.product, version=self.state.version
            ),
            self._loaded,
            lambda exc: self.summary.setText(describe(exc)),
            label="candidates",
        )

    def _loaded(self, rows: list[CandidateRow]) -> None:
        self._rows = rows
        self._bulk = True
        self.model.removeRows(0, self.model.rowCount())
        for row in rows:
            first = cell(row.customer)
            first.setCheckable(True)
            checked = row.customer in self.state.customers
            first.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.model.appendRow(
                [
                    first,
                    cell(row.name),
                    cell(row.tier),
                    cell(row.test_version),
                    cell(row.production_version),
                    cell(value_label(row.state) if row.state else None),
                ]
            )
        self._bulk = False
        for combo, values in (
            (self.tier, {r.tier for r in rows if r.tier}),
            (self.current, {r.production_version for r in rows if r.production_version}),
        ):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.all, "")
            for value in sorted(values):
                combo.addItem(value, value)
            combo.blockSignals(False)
        fit_columns(self.view)
        self._apply_filters()

    def _apply_filters(self) -> None:
        needle = self.search.text().strip().lower()
        for index, row in enumerate(self._rows):
            hide = (
                (self.not_on_version.isChecked() and row.on_version(self.state.version))
                or (
                    self.tier.currentData() not in (None, "")
                    and row.tier != self.tier.currentData()
                )
                or (
                    self.current.currentData() not in (None, "")
                    and row.production_version != self.current.currentData()
                )
                or (needle and needle not in f"{row.customer} {row.name}".lower())
            )
            source = self.model.index(index, 0)
            proxy_row = self.proxy.mapFromSource(source).row()
            self.view.setRowHidden(proxy_row, bool(hide))
        self._changed()

    def _check_shown(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self._bulk = True
        for proxy_row in range(self.proxy.rowCount()):
            if not checked or not self.view.isRowHidden(proxy_row):
                source = self.proxy.mapToSource(self.proxy.index(proxy_row, 0))
                self.model.itemFromIndex(source).setCheckState(state)
        self._bulk = False
        self._changed()

    def _changed(self, *_: object) -> None:
        if self._bulk:
            return
        chosen = []
        for row in range(self.model.rowCount()):
            item = self.model.item(row, 0)
            if item.checkState() == Qt.CheckState.Checked:
                proxy_row = self.proxy.mapFromSource(item.index()).row()
                if not self.view.isRowHidden(proxy_row):
                    chosen.append(item.text())
        self.state.customers = chosen
        self.summary.setText(self.tr("%n selected", "", len(chosen)))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return bool(self.state.customers)


class PreviewPage(QWizardPage):
    """What will happen per customer, and why a step is not possible, before doing it."""

    def __init__(self, state: WizardState) -> None:
        super().__init__()
        self.state = state
        self.setTitle(self.tr("Preview"))
        columns = [
            self.tr("Customer"),
            self.tr("Test"),
            self.tr("Production"),
            self.tr("State"),
            self.tr("Next step"),
            self.tr("Allowed"),
            self.tr("Verifying contacts"),
        ]
        self.model = QStandardItemModel(0, len(columns))
        self.model.setHorizontalHeaderLabels(columns)
        self.view = make_table(self.model, self.tr("Preview"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(self.summary)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self.setSubTitle(
            self.tr(
                "{release} for %n customer(s). Nothing is done yet.", "", len(self.state.customers)
            ).format(release=f"{self.state.product} {self.state.version}")
        )
        self.model.removeRows(0, self.model.rowCount())
        self.summary.setText(self.tr("Checking each customer…"))
        customers = list(self.state.customers)
        self.state.runner.submit(
            lambda: self.state.promotions.preview(
                self.state.actor,
                product=self.state.product,
                version=self.state.version,
                customers=customers,
            ),
            self._loaded,
            lambda exc: self.summary.setText(describe(exc)),
            label="preview",
        )

    def _loaded(self, rows: list[PreviewRow]) -> None:
        self.state.preview = rows
        for row in rows:
            allowed = cell(
                self.tr("yes") if row.allowed else self.tr("no: {why}").format(why=row.why_not)
            )
            if not row.allowed:
                allowed.setToolTip(row.why_not)
            contacts = ", ".join(row.verifying_contacts) or self.tr("none: tell them yourself")
            self.model.appendRow(
                [
                    cell(row.customer),
                    cell(row.test_version),
                    cell(row.production_version),
                    cell(value_label(row.state) if row.state else self.tr("not started")),
                    cell(value_label(row.next_step) if row.next_step else self.tr("done")),
                    allowed,
                    cell(contacts),
                ]
            )
        ready = sum(1 for r in rows if r.allowed and r.next_step == "install_on_test")
        self.summary.setText(
            self.tr("{ready}; {other}").format(
                ready=self.tr("%n customer(s) ready for the test installation", "", ready),
                other=self.tr("%n at another step or blocked.", "", len(rows) - ready),
            )
        )
        fit_columns(self.view)
