"""The history and ledger hashes of generated rows, byte for byte those of
:func:`app.domain.history.chain_event` and :mod:`app.domain.ledger`, built from string
templates over values formatted once: at a million tickets the general functions (a
dict and a JSON encoder run per hash, a dataclass per event, the same instant formatted
again for every column) cost more than the whole database load.

``tests/integration/test_demo_bulk.py`` checks them against the domain functions, and
``history verify`` checks every generated ticket.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from hashlib import sha256
from json.encoder import encode_basestring
from typing import Any

_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))
_STORED = json.JSONEncoder(sort_keys=True, ensure_ascii=False)
# The keys of a generated ticket's creation data, sorted as the encoders sort them.
CREATED_KEYS = ("category", "contact", "criticality", "customer", "environment", "priority",
                "product", "service_type", "status", "subject")  # fmt: skip
_CREATED_CANONICAL = "{" + ",".join(f'"{k}":%s' for k in CREATED_KEYS) + "}"
_CREATED_STORED = "{" + ", ".join(f'"{k}": %s' for k in CREATED_KEYS) + "}"


def _js(value: str | None) -> str:
    return "null" if value is None else encode_basestring(value)


# The JSON form of the generator's words (user names, kinds, fields, statuses, the
# catalogue's names: a few thousand values), encoded once each: a million tickets ask for
# them ~30 million times.
_WORDS: dict[str | int | None, str] = {None: "null"}


def _word(value: str | int | None) -> str:
    found = _WORDS.get(value)
    if found is None:
        found = encode_basestring(value) if isinstance(value, str) else str(value)
        _WORDS[value] = found
    return found


def stamp(moment: datetime) -> str:
    """An instant as the history hashes it: UTC, microseconds, ``+00:00``."""
    if moment.tzinfo is not UTC:  # the generator's instants are all UTC already
        moment = moment.astimezone(UTC)
    return moment.isoformat(timespec="microseconds")


def db_time(stamped: str) -> str:
    """A :func:`stamp` as the bulk load stores it (``bulk_load.db_time``'s form)."""
    return f"{stamped[:10]} {stamped[11:26]}"


def data_json(data: Mapping[str, Any] | None) -> tuple[str, str]:
    """(as stored, as hashed) JSON of an event's data, for any data."""
    if not data:
        return "{}", "{}"
    return _STORED.encode(data), _CANONICAL.encode(data)


def created_json(values: tuple[str | int | None, ...]) -> tuple[str, str]:
    """:func:`data_json` of creation data whose values are given in ``CREATED_KEYS`` order
    (strings or None, and the priority, an int): two string templates, no encoder run."""
    words = _WORDS
    encoded = tuple([words[v] if v in words else _word(v) for v in values])
    return _CREATED_STORED % encoded, _CREATED_CANONICAL % encoded


def chain_hash(  # noqa: PLR0917 - the hashed fields, in one flat call per event
    number: str,
    seq: int,
    prev: str,
    stamped: str,
    actor: str,
    kind: str,
    field: str | None,
    old: str | None,
    new: str | None,
    text: str | None,
    minutes: int,
    internal: bool,
    canonical_data: str,
) -> str:
    """The hash of event ``seq`` of ticket ``number`` chained after ``prev``; ``stamped``
    from :func:`stamp`, ``canonical_data`` the hashed half of :func:`data_json`."""
    w = _WORDS
    payload = (
        f'{{"actor":{w[actor] if actor in w else _word(actor)},"at":"{stamped}",'
        f'"data":{canonical_data},"field":{w[field] if field in w else _word(field)},'
        f'"internal":{"true" if internal else "false"},'
        f'"kind":{w[kind] if kind in w else _word(kind)},"minutes":{int(minutes)},'
        f'"new":{w[new] if new in w else _word(new)},"old":{w[old] if old in w else _word(old)},'
        f'"prev":"{prev}","seq":{int(seq)},"text":{_js(text)},"ticket":{_js(number)}}}'
    )
    return sha256(payload.encode()).hexdigest()


def event_hash(
    number: str,
    seq: int,
    prev: str,
    *,
    at: datetime,
    actor: str,
    kind: str,
    field: str | None = None,
    old: str | None = None,
    new: str | None = None,
    text: str | None = None,
    minutes: int = 0,
    internal: bool = False,
    data: Mapping[str, Any] | None = None,
) -> tuple[str, str]:
    """(data as stored, hash): :func:`chain_hash` with ``chain_event``'s arguments."""
    stored, canonical = data_json(data)
    digest = chain_hash(
        number, seq, prev, stamp(at), actor, str(kind), field, old, new, text, minutes,
        internal, canonical,
    )  # fmt: skip
    return stored, digest


def fingerprint(number: str, stamped: str, created_by: str) -> str:
    """:func:`app.domain.ledger.ticket_fingerprint`, the birth time from :func:`stamp`."""
    payload = f'{{"created_at":"{stamped}","created_by":{_js(created_by)},"number":{_js(number)}}}'
    return sha256(payload.encode()).hexdigest()


def link_hash(seq: int, link: tuple[str, int, str], number: str, prev: str) -> str:
    """:func:`app.domain.ledger.link_hash` of ``link`` = (kind, event number, entry hash);
    kinds are plain words, hashes hex, ticket numbers SD-digits: nothing to escape."""
    kind, event_seq, entry = link
    payload = (
        f'{{"entry":"{entry}","event":{event_seq},"kind":"{kind}","prev":"{prev}",'
        f'"seq":{seq},"ticket":"{number}"}}'
    )
    return sha256(payload.encode()).hexdigest()
