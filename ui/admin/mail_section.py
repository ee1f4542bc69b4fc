"""Mail: the SMTP server (its password to this machine's keyring), a test e-mail,
the templates with a preview, and the outbox (queued, failed with reason, sent) with
retry."""

from __future__ import annotations

from dataclasses import dataclass
from string import Template
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.desk_settings import MailServerView
from app.services.notifications import SECURITY_CHOICES, OutboxView
from ui.admin.parts import Form, RecordList, Section
from ui.admin.records import Column
from ui.app_context import AppContext
from ui.connection import SecretStore
from ui.value_labels import value_label

# Values the preview fills in, so a manager sees a template as a customer would.
SAMPLE = {
    "number": "SD-000123",
    "subject": "Invoices stuck in export",
    "customer": "Acme Ltd",
    "contact": "Jo Smith",
    "status": "in progress",
    "priority": "P2",
    "product": "ERP",
    "version": "2.4.0",
    "notes": "- SD-000120 Export fails for large invoices: fixed",
    "engineer": "Ana Engineer",
    "solution": "Cleared the export lock and patched the job.",
}


def secret_key(server: MailServerView) -> str:
    """Where the SMTP password lives in the keyring (one per server and account)."""
    return f"smtp:{server.username}@{server.host}:{server.port}"


@dataclass(frozen=True)
class TemplateRow:
    key: str
    subject: str
    body: str


class MailSection(Section):
    def __init__(
        self, ctx: AppContext, secrets: SecretStore | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.title = self.tr("Mail")
        self.secrets = secrets if secrets is not None else SecretStore()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._server_tab(), self.tr("&Server"))
        self.tabs.addTab(self._templates_tab(), self.tr("&Templates"))
        self.tabs.addTab(self._outbox_tab(), self.tr("&Outbox"))
        QVBoxLayout(self).addWidget(self.tabs)

    # -- server ------------------------------------------------------------------------------

    def _server_tab(self) -> QWidget:
        self.server = Form(self.tr("SMTP server every desk sends through"))
        self.host = self.server.row(self.tr("&Host"), QLineEdit())
        self.port = self.server.row(self.tr("&Port"), QSpinBox())
        self.port.setRange(1, 65535)
        self.port.setValue(25)
        self.security = self.server.row(self.tr("S&ecurity"), QComboBox())
        for choice in SECURITY_CHOICES:
            self.security.addItem(value_label(choice), choice)
        self.smtp_user = self.server.row(self.tr("&User name"), QLineEdit())
        self.smtp_password = self.server.row(self.tr("Pass&word"), QLineEdit())
        self.smtp_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.smtp_password.setPlaceholderText(self.tr("kept in this computer's keyring"))
        self.sender_line = self.server.row(self.tr("Se&nder"), QLineEdit())
        self.save_server_button = self.server.button(self.tr("&Save server"), self.save_server)
        self.test = Form(self.tr("Test"))
        self.test_to = self.test.row(self.tr("Send a test e-mail &to"), QLineEdit())
        self.send_test_button = self.test.button(self.tr("Send test e-&mail"), self.send_test)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.server)
        layout.addWidget(self.test)
        layout.addStretch(1)
        return page

    def _server(self) -> dict[str, Any]:
        return dict(
            host=self.host.text(),
            port=self.port.value(),
            security=self.security.currentData(),
            username=self.smtp_user.text(),
            sender=self.sender_line.text(),
        )

    def _show_server(self, server: MailServerView) -> None:
        self.host.setText(server.host)
        self.port.setValue(server.port)
        self.security.setCurrentIndex(self.security.findData(server.security))
        self.smtp_user.setText(server.username)
        self.sender_line.setText(server.sender)
        self.smtp_password.setText(self.secrets.get(secret_key(server)) or "")

    def save_server(self) -> None:
        values, password = self._server(), self.smtp_password.text()

        def done(server: MailServerView) -> None:
            self._show_server_saved(server, password)

        self.call(
            lambda: self.services.desk_settings.set_mail_server(self.actor, **values),
            done,
            self.server,
        )

    def _show_server_saved(self, server: MailServerView, password: str) -> None:
        note = ""
        if password:
            if self.secrets.set(secret_key(server), password):
                note = self.tr(" The password is in this computer's keyring.")
            else:
                note = self.tr(
                    " No keyring on this computer: the password was not kept; the mail job "
                    "reads SUPPORTDESK_SMTP_PASSWORD."
                )
        self.server.done(self.tr("Saved {0}:{1}.").format(server.host, server.port) + note)

    def send_test(self) -> None:
        to, password = self.test_to.text(), self.smtp_password.text()
        self.test.done(self.tr("Sending…"))
        self.call(
            lambda: self.services.desk_settings.send_test(self.actor, to=to, password=password),
            lambda text: self.test.done(self.tr("Test e-mail {0}.").format(text)),
            self.test,
        )

    # -- templates ---------------------------------------------------------------------------

    def _templates_tab(self) -> QWidget:
        self.templates: RecordList[TemplateRow] = RecordList(
            self.tr("Templates"),
            [
                Column(self.tr("Template"), lambda t: t.key.replace("_", " ")),
                Column(self.tr("Subject"), lambda t: t.subject),
            ],
            key=lambda t: t.key,
        )
        self.template_form = Form(self.tr("Template (placeholders: $number, $customer …)"))
        self.template_subject = self.template_form.row(self.tr("S&ubject"), QLineEdit())
        self.template_body = self.template_form.row(self.tr("&Body"), QPlainTextEdit())
        self.preview = self.template_form.row(self.tr("Preview"), QPlainTextEdit())
        self.preview.setReadOnly(True)
        self.save_template_button = self.template_form.button(
            self.tr("Save te&mplate"), self.save_template
        )
        for signal in (self.template_subject.textChanged, self.template_body.textChanged):
            signal.connect(self._preview)
        self.templates.chosen.connect(self._template_chosen)
        split = QSplitter()
        split.addWidget(self.templates)
        split.addWidget(self.template_form)
        split.setSizes([300, 500])
        return split

    def _template_chosen(self, row: TemplateRow | None) -> None:
        self.template_subject.setText(row.subject if row else "")
        self.template_body.setPlainText(row.body if row else "")

    def _preview(self) -> None:
        subject = Template(self.template_subject.text()).safe_substitute(SAMPLE)
        body = Template(self.template_body.toPlainText()).safe_substitute(SAMPLE)
        self.preview.setPlainText(f"{self.tr('Subject')}: {subject}\n\n{body}")

    def save_template(self) -> None:
        row = self.templates.current()
        if row is None:
            self.template_form.problem(self.tr("Choose a template on the left."))
            return
        subject, body = self.template_subject.text(), self.template_body.toPlainText()
        self.call(
            lambda: self.services.notifications.set_template(self.actor, row.key, subject, body),
            lambda _none: self._template_saved(row.key),
            self.template_form,
        )

    def _template_saved(self, key: str) -> None:
        self.template_form.done(self.tr("Saved the {0} template.").format(key.replace("_", " ")))
        self._load_templates()

    def _load_templates(self) -> None:
        self.call(
            lambda: self.services.notifications.templates(self.actor),
            lambda found: self.templates.set_records(
                [TemplateRow(k, s, b) for k, (s, b) in found.items()]
            ),
        )

    # -- outbox ------------------------------------------------------------------------------

    def _outbox_tab(self) -> QWidget:
        self.outbox: RecordList[OutboxView] = RecordList(
            self.tr("Outbox"),
            [
                Column(
                    self.tr("Queued"),
                    lambda m: f"{m.created_at.astimezone():%d %b %H:%M}",
                    key=lambda m: m.created_at,
                ),
                Column(self.tr("Status"), lambda m: m.status),
                Column(self.tr("To"), lambda m: m.to_address),
                Column(self.tr("Subject"), lambda m: m.subject),
                Column(self.tr("Attempts"), lambda m: str(m.attempts), key=lambda m: m.attempts),
                Column(self.tr("Problem"), lambda m: m.last_error or ""),
            ],
            key=lambda m: m.id,
        )
        self.outbox_form = Form(self.tr("Messages"))
        self.outbox_form.button(self.tr("&Refresh"), self._load_outbox)
        self.outbox_form.button(self.tr("Retry &failed"), self.retry_failed)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.outbox, 1)
        layout.addWidget(self.outbox_form)
        return page

    def _load_outbox(self) -> None:
        self.call(
            lambda: self.services.notifications.list_outbox(self.actor, limit=500),
            self.outbox.set_records,
            self.outbox_form,
        )

    def retry_failed(self) -> None:
        def done(count: int) -> None:
            self.outbox_form.done(self.tr("{0} failed messages are queued again.").format(count))
            self._load_outbox()

        self.call(
            lambda: self.services.notifications.retry_failed(self.actor), done, self.outbox_form
        )

    def load(self) -> None:
        self.call(
            lambda: self.services.desk_settings.mail_server(self.actor),
            self._show_server,
            self.server,
        )
        self._load_templates()
        self._load_outbox()
        self.tabs.setCurrentIndex(self.tabs.currentIndex())
        self.template_body.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.outbox.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
