"""The common-word search's row test finds what FTS5 finds: words by their start, any
case, without diacritics, every word somewhere in the text."""

from __future__ import annotations

import pytest

from app.persistence.sqlite_words import has_words


@pytest.mark.parametrize(
    ("text", "terms", "expected"),
    [
        ("The mail queue is stuck", "mail", 1),
        ("The mail queue is stuck", "queue mail", 1),
        ("The mail queue is stuck", "que", 1),  # a prefix, as the user types
        ("Send an email", "mail", 0),  # inside a word is not the start of one
        ("e-mail and mailbox", "mail", 1),  # after a hyphen a word starts
        ("MAIL server", "mail", 1),
        ("Ο Εκτυπωτής δεν τυπώνει", "εκτυπωτης", 1),  # folded like FTS5's unicode61
        ("Kühlschrank", "kuhl", 1),
        ("mail only", "mail printer", 0),  # every word must be there
        ("", "mail", 0),
        (None, "mail", 0),
    ],
)
def test_has_words(text: str | None, terms: str, expected: int) -> None:
    assert has_words(text, terms) == expected
