"""The composer: a public comment or internal note with minutes spent.

What is typed is kept as a draft on disk (debounced, atomic) until it is sent, so a
crash, a lost connection or switching tickets never loses it.

Its controls wrap (flow layouts) instead of one row: in Greek that row's least width
(~600 px) kept the history column so wide at 1024x700 that the detail pane got ~185 px
(seen under Xvfb). A splitter ignores a wrapping layout's height for its width, so the
composer sets its own least height from it (``_fit_height``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ConnectionLost, describe
from app.domain.tickets import MINUTES_MAX
from app.services.dto import CustomerView, TicketView
from app.services.idempotency import new_key
from ui.app_context import AppContext
from ui.drafts import Draft
from ui.i18n import translate
from ui.theme import icon
from ui.ticket_actions import may_log_time
from ui.views.attachment_tray import AttachmentTray, ComposerText
from ui.views.canned_menu import CannedReplyButton
from ui.views.flow_layout import FlowLayout

SAVE_DELAY_MS = 400
TEXT_LEAST_HEIGHT = 84  # four lines; the text takes any height the pane has beyond


class StatusLine(QLabel):
    """The composer's last word (sent, refused, draft restored): a wrapped line of its
    own, shown only while it says something (a refusal can be long)."""

    def __init__(self) -> None:
        super().__init__()
        self.setProperty("role", "muted")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.hide()

    def setText(self, text: str) -> None:  # noqa: N802 (Qt API)
        super().setText(text)
        self.setVisible(bool(text))


class Composer(QFrame):
    sent = Signal(object)  # TicketView after the comment
    number: str | None
    _send_keys: dict[str, str]

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pane")
        self.ctx = ctx
        # _send_keys: the idempotency key of each ticket's unsent comment, kept while the
        # outcome of a send is unknown (connection lost while saving), so sending the
        # draft again cannot post it twice; dropped once sent or certainly refused.
        self.number, self._send_keys = None, {}
        self.version: int | None = None
        self.text = ComposerText()
        self.text.setAccessibleName(translate("Composer", "Comment"))
        self.text.setPlaceholderText(translate("Composer", "Write a comment… (Ctrl+Enter to send)"))
        self.text.setMinimumHeight(TEXT_LEAST_HEIGHT)
        self.internal = QCheckBox(translate("Composer", "Internal note"))
        self.internal.setAccessibleName(
            translate("Composer", "Internal note, not for the customer")
        )
        self.minutes = QSpinBox()
        self.minutes.setRange(0, MINUTES_MAX)
        self.minutes.setSuffix(translate("Composer", " min"))  # "0 min" in the Greek client
        self.minutes.setAccessibleName(translate("Composer", "Minutes spent"))
        self.minutes.setEnabled(may_log_time(ctx.user))
        # Who reads this: a public comment is e-mailed to the ticket's contact, so the
        # composer names them before Send (a manager's note once went to a customer).
        self.recipient = QLabel()
        self.recipient.setObjectName("composerRecipient")
        self.recipient.setTextFormat(Qt.TextFormat.PlainText)
        self.recipient.setWordWrap(True)
        self.recipient.setAccessibleName(self.tr("Who will read this"))
        self._contact_line = ""
        self.internal.toggled.connect(self._show_recipient)
        self.status = StatusLine()
        # Its words follow the recipient (_show_recipient); before any ticket, the plain
        # one (it said "Send" in English in the Greek client, seen under Xvfb).
        self.send_button = QPushButton(icon("comment"), self.tr("Add public comment"))
        self.send_button.setProperty("primary", True)
        self.send_button.setAccessibleName(translate("Composer", "Send comment"))
        self.send_button.clicked.connect(self.send)
        QShortcut(QKeySequence("Ctrl+Return"), self.text, self.send)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 10)
        layout.addWidget(self.recipient)
        layout.addWidget(self.text, 1)
        layout.addWidget(self._files(ctx))
        layout.addWidget(self._controls())
        layout.addWidget(self.status)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.keep_draft)
        self.text.textChanged.connect(self._save_timer.start)
        self.internal.toggled.connect(self._save_timer.start)
        self.minutes.valueChanged.connect(self._save_timer.start)
        self.set_ticket(None)

    def _files(self, ctx: AppContext) -> AttachmentTray:
        """Files for the comment (dropped on the text, pasted, or picked) and the canned
        replies menu (placed by ``_controls``)."""
        self.tray = AttachmentTray()
        self.text.files_given.connect(self.tray.add_paths)
        self.text.image_given.connect(self.tray.add_image)
        self.canned = CannedReplyButton(ctx, lambda: self.number)
        self.canned.chosen.connect(self.text.insertPlainText)
        self.canned.failed.connect(self.status.setText)
        return self.tray

    def _controls(self) -> QWidget:
        """Canned replies, internal or public, time spent and Send: one row when there
        is room, wrapped when not (the time's label stays beside its box)."""
        spent = QWidget()
        pair = QHBoxLayout(spent)
        pair.setContentsMargins(0, 0, 0, 0)
        pair.addWidget(QLabel(translate("Composer", "Time spent")))
        pair.addWidget(self.minutes)
        controls = QWidget()
        flow = FlowLayout(controls, last_at_end=True)  # Send at the right, as in a dialog
        flow.setContentsMargins(0, 0, 0, 0)
        for widget in (self.canned, self.internal, spent, self.send_button):
            flow.addWidget(widget)
        return controls

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Resize):
            self._fit_height()
        return handled

    def _fit_height(self) -> None:
        """The least height the wrapped rows need at this width, as the pane's minimum
        (a splitter asks only for a fixed minimum, so it would cut the last row off)."""
        layout: QLayout | None = self.layout()
        if layout is None or not layout.hasHeightForWidth():
            return
        # A flow row puts its items at its top: the check box as tall as the buttons
        # beside it keeps its words on their line (the theme sets the buttons' height).
        row = self.send_button.sizeHint().height()
        if self.internal.minimumHeight() != row:
            self.internal.setMinimumHeight(row)
        margins = self.contentsMargins()
        need = layout.minimumHeightForWidth(self.contentsRect().width())
        need += margins.top() + margins.bottom()
        if need > 0 and need != self.minimumHeight():
            self.setMinimumHeight(need)

    def draft(self) -> Draft:
        return Draft(self.text.toPlainText(), self.internal.isChecked(), self.minutes.value())

    def keep_draft(self) -> None:
        if self.number:
            self.ctx.drafts.save(self.number, self.draft())

    def set_ticket(self, view: TicketView | None) -> None:
        """Follow the current ticket; switching keeps the old draft and restores the new."""
        number = view.number if view else None
        if view is not None:
            self.version = view.version
            self._find_recipient(view)
        if number == self.number:
            return
        if self._save_timer.isActive():
            self._save_timer.stop()
            self.keep_draft()
        self.number = number
        self.tray.clear()  # files are never carried over to another ticket
        draft = self.ctx.drafts.load(number) if number else None
        for w in (self.text, self.internal, self.minutes):
            w.blockSignals(True)
        self.text.setPlainText(draft.text if draft else "")
        self.internal.setChecked(draft.internal if draft else False)
        self.minutes.setValue(draft.minutes if draft else 0)
        for w in (self.text, self.internal, self.minutes):
            w.blockSignals(False)
        self.status.setText(translate("Composer", "Draft restored") if draft else "")
        self.setEnabled(number is not None)
        if number is None:
            self._contact_line = ""
        self._show_recipient()

    def _find_recipient(self, view: TicketView) -> None:
        """Look up the contact's address (off the GUI thread) to name the recipient."""
        if not view.contact:
            self._contact_line = ""
            self._show_recipient()
            return
        customers, actor, number = self.ctx.services.customers, self.ctx.actor, view.number

        def found(customer: CustomerView) -> None:
            if number != self.number:
                return
            contact = next((c for c in customer.contacts if c.name == view.contact), None)
            email = contact.email if contact else ""
            self._contact_line = f"{view.contact} <{email}>" if email else ""
            self._show_recipient()

        self.ctx.runner.submit(
            lambda: customers.get_customer(actor, view.customer_code),
            found,
            lambda _exc: None,  # the line below then says "not e-mailed": never a guess
            label="comment recipient",
        )

    def _show_recipient(self) -> None:
        if self.internal.isChecked():
            self.recipient.setText(self.tr("Internal note: only staff see it; nobody is e-mailed."))
            self.send_button.setText(self.tr("Add internal note"))
        elif self._contact_line:
            self.recipient.setText(
                self.tr("Public: e-mailed to %1").replace("%1", self._contact_line)
            )
            self.send_button.setText(self.tr("Send to customer"))
        else:
            self.recipient.setText(
                self.tr("Public: shown in the history; no contact e-mail, nobody is e-mailed.")
            )
            self.send_button.setText(self.tr("Add public comment"))
        self.recipient.setProperty("role", "muted" if self.internal.isChecked() else "")
        self.recipient.style().polish(self.recipient)

    def focus(self) -> None:
        self.text.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def send(self) -> None:
        number, draft = self.number, self.draft()
        files = self.tray.pending()
        if not number or not (draft.text.strip() or files):
            self.status.setText(translate("Composer", "Write something first."))
            return
        self.keep_draft()
        self.send_button.setEnabled(False)
        self.status.setText(translate("Composer", "Sending…"))
        tickets, actor = self.ctx.services.tickets, self.ctx.actor
        attachments = self.ctx.services.attachments
        key = self._send_keys.setdefault(number, new_key())

        def comment() -> TicketView:
            if files:  # read on this worker thread: big files never freeze the window
                uploads = [f.upload() for f in files]
                return attachments.comment(
                    actor,
                    number,
                    draft.text,
                    uploads,
                    internal=draft.internal,
                    minutes=draft.minutes or None,
                )
            return tickets.comment(
                actor,
                number,
                draft.text,
                internal=draft.internal,
                minutes=draft.minutes or None,
                idempotency_key=key,
            )

        self.ctx.runner.submit(
            comment,
            lambda view: self._sent(number, view),
            lambda exc: self._refused(exc, number),
            label="send comment",
        )

    def _sent(self, number: str, view: TicketView) -> None:
        self.send_button.setEnabled(True)
        self._send_keys.pop(number, None)
        self.ctx.drafts.discard(number)
        if number == self.number:
            self.text.blockSignals(True)
            self.text.clear()
            self.text.blockSignals(False)
            self.minutes.setValue(0)
            self.internal.setChecked(False)
            self.tray.clear()
            self.ctx.drafts.discard(number)
            self.status.setText(translate("Composer", "Sent"))
        self.sent.emit(view)

    def _refused(self, exc: Exception, number: str) -> None:
        self.send_button.setEnabled(True)
        message = describe(exc)
        if isinstance(exc, ConnectionLost) and exc.committed is None:
            # Maybe saved: the draft stays, and sending it again keeps the same key.
            self.status.setText(f"Not sure it was sent (draft kept): {message}")
            return
        self._send_keys.pop(number, None)
        self.status.setText(f"Not sent (draft kept): {message}")
