"""Keep the customer's own words: fold away quoted history and the signature.

The quoted part of a reply is our earlier mail (already in the ticket's history), so
storing it again would double every conversation. The raw mail is kept anyway.
"""

from __future__ import annotations

import re

# Lines that introduce the quoted history in the common mail clients and languages.
ATTRIBUTION = re.compile(
    r"^\s*("
    r"on .{0,200}wrote:?"  # Gmail, Thunderbird, Apple Mail
    r"|am .{0,200}schrieb .{0,100}:?"  # German clients
    r"|στις .{0,200}έγραψε:?"  # Greek clients
    r"|-{2,}\s*original message\s*-{2,}"  # Outlook
    r"|-{2,}\s*αρχικό μήνυμα\s*-{2,}"
    r"|_{10,}"  # Outlook's rule before the "From:" block
    r")\s*$",
    re.IGNORECASE,
)
OUTLOOK_HEADER = re.compile(r"^\s*(from|από):\s.+$", re.IGNORECASE)
SIGNATURE = re.compile(r"^(-- ?|--|__)$")
MOBILE = re.compile(r"^\s*sent from my ", re.IGNORECASE)


def fold(text: str) -> str:
    """The reply's own text: up to the quoted history, without trailing quotes and the
    signature. A mail that is *only* a quote keeps its text (nothing is lost)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[str] = []
    for index, line in enumerate(lines):
        stripped = line.rstrip()
        if ATTRIBUTION.match(stripped) or SIGNATURE.match(stripped) or MOBILE.match(stripped):
            break
        if OUTLOOK_HEADER.match(stripped) and _looks_like_header_block(lines[index:]):
            break
        kept.append(stripped)
    own = [line for line in kept if not line.lstrip().startswith(">")]
    result = "\n".join(own).strip()
    return result or text.strip()


def _looks_like_header_block(lines: list[str]) -> bool:
    """``From:`` followed within a few lines by ``Sent:``/``Date:``/``Subject:``."""
    following = " ".join(lines[1:5]).lower()
    return any(key in following for key in ("sent:", "date:", "subject:", "στάλθηκε:", "θέμα:"))
