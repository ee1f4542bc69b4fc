"""User-typed text shown as plain text, also where Qt would guess it is markup.

Tooltips (and labels with the default AutoText format) render anything that "might be
rich text" as HTML, so a subject like ``<img src=file:///etc/…>`` would load a local
file into a tooltip. :func:`plain_tip` escapes the text and wraps it, so Qt shows
exactly the characters that were typed.
"""

from __future__ import annotations

import html


def plain_tip(text: str | None) -> str | None:
    """Tooltip markup that displays ``text`` literally (line breaks kept)."""
    if not text:
        return text
    escaped = html.escape(text, quote=False).replace("\n", "<br>")
    return f"<p style='white-space:pre-wrap'>{escaped}</p>"
