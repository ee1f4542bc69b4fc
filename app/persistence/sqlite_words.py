"""``sd_has_words(text, terms)``: the SQLite function the queue's common-word search
tests each walked ticket with (app.persistence.queue_search).

FTS5 answers "which rows hold this word" fast, but "does row 123 hold it" only by
reading the word's whole list of rows for each ticket (milliseconds for a common word
and a prefix); this answers from the row in hand in microseconds. It folds text the
way FTS5's ``unicode61`` tokenizer does (case folded, diacritics removed), so both
plans find the same tickets.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

FUNCTION = "sd_has_words"
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower case without diacritics ("Εκτυπωτής" → "εκτυπωτης")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=64)
def _terms(terms: str) -> tuple[str, ...]:
    return tuple(fold(terms).split())


def _starts_a_word(text: str, term: str) -> bool:
    at = text.find(term)
    while at != -1:
        if at == 0 or not _WORD.match(text[at - 1]):
            return True
        at = text.find(term, at + 1)
    return False


def has_words(text: str | None, terms: str | None) -> int:
    """1 if every space-separated term starts some word of ``text``, else 0.

    Called once per walked ticket: plain ``str.find`` (C speed) and folding only when
    the text is not ASCII."""
    if not text or not terms:
        return 0
    folded = text.lower() if text.isascii() else fold(text)
    return int(all(_starts_a_word(folded, t) for t in _terms(terms)))


def register(dbapi_conn: Any) -> None:
    dbapi_conn.create_function(FUNCTION, 2, has_words, deterministic=True)
