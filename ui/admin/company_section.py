"""Company: the name and logo printed on reports."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.services.desk_settings import MAX_LOGO_BYTES, CompanyView
from ui.admin.parts import Form, Section
from ui.app_context import AppContext

LOGO_BOX = 160


class CompanySection(Section):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.title = self.tr("Company")
        self.form = Form(self.tr("On reports"))
        self.name = self.form.row(self.tr("Company &name"), QLineEdit())
        self.logo_view = self.form.row(self.tr("Logo"), QLabel())
        self.logo_view.setFixedSize(LOGO_BOX, LOGO_BOX)
        self.logo_view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_view.setFrameShape(QLabel.Shape.StyledPanel)
        self.form.button(self.tr("&Choose logo…"), self.choose_logo)
        self.form.button(self.tr("&Remove logo"), lambda: self._set_logo(b""))
        self.save_button = self.form.button(self.tr("&Save"), self.save)
        self.logo: bytes | None = None  # None: unchanged since loading
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addStretch(1)

    def load(self) -> None:
        self.call(lambda: self.services.desk_settings.company(self.actor), self._show, self.form)

    def _show(self, company: CompanyView) -> None:
        self.name.setText(company.name)
        self.logo = None
        self._preview(company.logo)

    def _preview(self, data: bytes) -> None:
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.logo_view.setPixmap(
                pixmap.scaled(
                    LOGO_BOX - 8,
                    LOGO_BOX - 8,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.logo_view.clear()
            self.logo_view.setText(self.tr("no logo"))

    def choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Company logo"), "", self.tr("Images (*.png *.jpg *.jpeg)")
        )
        if path:
            self.use_logo_file(Path(path))

    def use_logo_file(self, path: Path) -> None:
        try:
            size = path.stat().st_size
            if size > MAX_LOGO_BYTES:
                self.form.problem(
                    self.tr("{0} is {1} KB; a logo may be up to {2} KB.").format(
                        path.name, size // 1024, MAX_LOGO_BYTES // 1024
                    )
                )
                return
            data = path.read_bytes()
        except OSError as exc:
            self.form.problem(self.tr("Cannot read {0}: {1}").format(path.name, exc.strerror))
            return
        self._set_logo(data)

    def _set_logo(self, data: bytes) -> None:
        self.logo = data
        self._preview(data)
        self.form.done(
            self.tr("Press Save to keep it.") if data else self.tr("Press Save to remove it.")
        )

    def _saved(self, company: CompanyView) -> None:
        self._show(company)
        self.form.done(self.tr("Saved."))

    def save(self) -> None:
        name, logo = self.name.text(), self.logo
        self.call(
            lambda: self.services.desk_settings.set_company(self.actor, name=name, logo=logo),
            self._saved,
            self.form,
        )
