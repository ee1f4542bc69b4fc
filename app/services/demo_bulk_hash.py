"""The history and ledger hashes of generated rows, byte for byte those of
:func:`app.domain.history.chain_event` and :mod:`app.domain.ledger`, built with
pre-made JSON encoders and string templates: at a million tickets the general functions
(a new encoder per call, a dataclass per event) cost more than the whole database load.

``tests/integration/test_demo_bulk.py`` checks them against the domain functions, and
``history verify`` checks every generated ticket.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from json.encoder import encode_basestring
from typing import Any

_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))
_STORED = json.JSONEncoder(sort_keys=True, ensure_ascii=False)


def _js(value: str | None) -> str:
    return "null" if value is None else encode_basestring(value)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


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
    """(data as stored, hash) of event ``seq`` of ticket ``number`` chained after ``prev``."""
    data = data or {}
    canonical_data = _CANONICAL.encode(data) if data else "{}"
    payload = (
        f'{{"actor":{_js(actor)},"at":"{_iso(at)}","data":{canonical_data},'
        f'"field":{_js(field)},"internal":{"true" if internal else "false"},'
        f'"kind":{_js(str(kind))},"minutes":{int(minutes)},"new":{_js(new)},"old":{_js(old)},'
        f'"prev":"{prev}","seq":{int(seq)},"text":{_js(text)},"ticket":{_js(number)}}}'
    )
    stored = _STORED.encode(data) if data else "{}"
    return stored, hashlib.sha256(payload.encode()).hexdigest()


def fingerprint(number: str, created_at: datetime, created_by: str) -> str:
    """:func:`app.domain.ledger.ticket_fingerprint`."""
    payload = (
        f'{{"created_at":"{_iso(created_at)}","created_by":{_js(created_by)},'
        f'"number":{_js(number)}}}'
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def link_hash(seq: int, link: tuple[str, int, str], number: str, prev: str) -> str:
    """:func:`app.domain.ledger.link_hash` of ``link`` = (kind, event number, entry hash);
    kinds are plain words, hashes hex, ticket numbers SD-digits: nothing to escape."""
    kind, event_seq, entry = link
    payload = (
        f'{{"entry":"{entry}","event":{event_seq},"kind":"{kind}","prev":"{prev}",'
        f'"seq":{seq},"ticket":"{number}"}}'
    )
    return hashlib.sha256(payload.encode()).hexdigest()
