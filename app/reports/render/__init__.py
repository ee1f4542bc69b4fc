"""Reports rendered to text, Qt-free: JSON and CSV (:mod:`.tabular`), the rich text a
PDF is laid out from (:mod:`.html`), and the company shown on them (:func:`company`).

The PDF itself is drawn with Qt by ``ui.printing``, which the CLI imports only when a
PDF is asked for; everything here also runs headless.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def company(settings: Mapping[str, Any]) -> dict[str, Any]:
    """The settings' ``"company": {"name", "logo", "timezone"}`` (all optional)."""
    value = settings.get("company") or {}
    return dict(value) if isinstance(value, dict) else {}
