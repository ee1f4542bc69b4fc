"""A splitter's layout remembered as shares of its length, not as pixels.

Qt's ``QSplitter.saveState`` keeps pixel sizes. A desk saved on a 1920x1080 screen and
opened on a 1024x700 laptop then got its queue squeezed to one row (seen under Xvfb):
the detail pane kept its remembered pixels and the queue took what was left. Shares
(each pane's part of the whole) scale with the window, and a floor per pane keeps every
pane usable whatever screen the desk last closed on. A splitter whose panes take turns
(``ui/views/ticket_area``: tabbed on a narrow window) keeps the shares last seen side
by side: its sizes, one pane hidden, say nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QSplitter, QWidget

MIN_SHARE = 0.15  # no pane below this part of its splitter after a restore


def new_splitter(orientation: Qt.Orientation, name: str, *widgets: QWidget) -> QSplitter:
    """A splitter whose panes never collapse; ``name`` is the key its shares are kept by."""
    splitter = QSplitter(orientation)
    splitter.setObjectName(name)
    splitter.setChildrenCollapsible(False)
    for widget in widgets:
        splitter.addWidget(widget)
    return splitter


def _key(splitter: QSplitter) -> str:
    return f"splitterShares/{splitter.objectName()}"


def shares_of(sizes: Sequence[int]) -> list[float]:
    total = sum(sizes)
    return [size / total for size in sizes] if total > 0 else []


def parse_shares(value: object, panes: int) -> list[float] | None:
    """The shares a setting holds, or None when it is missing or not usable (another
    pane count, a hand-edited file, a value from an older version)."""
    if isinstance(value, str):
        parts = value.split(",")
    elif isinstance(value, list | tuple):
        parts = [str(part) for part in value]
    else:
        return None
    try:
        shares = [float(part) for part in parts]
    except ValueError:
        return None
    if len(shares) != panes or any(not 0 < share < 1 for share in shares):
        return None
    total = sum(shares)
    return [share / total for share in shares]


def with_floor(shares: Sequence[float], floor: float = MIN_SHARE) -> list[float]:
    """The shares with every pane raised to ``floor``, taken from the panes above it."""
    raised = [max(share, floor) for share in shares]
    excess = sum(raised) - 1.0
    spare = sum(share - floor for share in raised if share > floor)
    if excess <= 0 or spare <= 0:
        return raised
    return [
        share - excess * (share - floor) / spare if share > floor else share for share in raised
    ]


def sizes_for(splitter: QSplitter, shares: Sequence[float]) -> list[int]:
    length = sum(splitter.sizes())
    if length <= 0:  # not laid out yet: the widget's own length
        horizontal = splitter.orientation().name == "Horizontal"
        length = splitter.width() if horizontal else splitter.height()
    return [max(1, round(length * share)) for share in shares]


def shown_shares(splitter: QSplitter) -> list[float] | None:
    """The shares the user sees, or None while a pane is hidden or not laid out (a
    narrow window shows the ticket's panes one at a time: its sizes say nothing)."""
    sizes = splitter.sizes()
    if not splitter.isVisible() or any(size <= 0 for size in sizes):
        return None
    return shares_of(sizes) or None


def save(settings: QSettings, splitter: QSplitter, shares: Sequence[float] | None = None) -> None:
    """Keeps the splitter's shares: ``shares`` when given (those the user last saw
    side by side), else its sizes now."""
    shares = list(shares) if shares is not None else shares_of(splitter.sizes())
    if shares:
        settings.setValue(_key(splitter), ",".join(f"{share:.4f}" for share in shares))
    # The pixel state older versions kept would only mislead a later restore.
    settings.remove(f"splitters/{splitter.objectName()}")


def remembered(settings: QSettings, splitter: QSplitter, default: Sequence[float]) -> list[float]:
    """The shares to lay the splitter out by: the remembered ones (or ``default``), each
    pane raised to the floor."""
    saved = parse_shares(settings.value(_key(splitter)), splitter.count())
    return with_floor(saved or default)


def apply(splitter: QSplitter, shares: Sequence[float]) -> None:
    splitter.setSizes(sizes_for(splitter, shares))


def restore(settings: QSettings, splitter: QSplitter, default: Sequence[float]) -> bool:
    """Lays the splitter out by its remembered shares (or ``default``); True when a
    remembered layout was applied."""
    saved = parse_shares(settings.value(_key(splitter)), splitter.count())
    apply(splitter, with_floor(saved or default))
    return saved is not None
