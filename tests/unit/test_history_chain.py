"""The hash chain catches edits, deletions, insertions and reordering."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from app.domain.history import (
    GENESIS,
    EventKind,
    EventRecord,
    StoredEvent,
    chain_event,
    event_hash,
    verify_chain,
)

T0 = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)


def chain(texts: list[str]) -> list[StoredEvent]:
    events, prev = [], GENESIS
    for seq, body in enumerate(texts, start=1):
        record = EventRecord(
            "SD-000001",
            seq,
            T0 + timedelta(minutes=seq),
            "eng",
            "comment",
            text=body,
            data={"n": seq},
        )
        digest = event_hash(record, prev)
        events.append(StoredEvent(seq * 10, record, prev, digest))
        prev = digest
    return events


def head(events: list[StoredEvent]) -> str:
    return events[-1].hash if events else GENESIS


texts = st.lists(st.text(max_size=30), min_size=2, max_size=12)


@given(texts)
def test_an_untouched_chain_verifies(bodies: list[str]) -> None:
    events = chain(bodies)
    assert verify_chain("SD-000001", events, head(events), len(events)) == []


@given(texts, st.data())
def test_editing_any_field_of_any_event_is_named(bodies: list[str], data: st.DataObject) -> None:
    events = chain(bodies)
    index = data.draw(st.integers(0, len(events) - 1))
    victim = events[index]
    # Values of different types, one per field: Any lets each reach replace() by name.
    edits: dict[str, Any] = {
        "text": (victim.record.text or "") + "!",
        "actor": "mallory",
        "minutes": victim.record.minutes + 1,
        "internal": not victim.record.internal,
        "occurred_at": victim.record.occurred_at + timedelta(seconds=1),
    }
    name = data.draw(st.sampled_from(sorted(edits)))
    record = dataclasses.replace(victim.record, **{name: edits[name]})
    events[index] = dataclasses.replace(victim, record=record)
    problems = verify_chain("SD-000001", events, head(events), len(events))
    assert [(p.seq, p.event_id) for p in problems] == [(index + 1, victim.event_id)]
    assert "edited" in problems[0].problem


@given(texts, st.data())
def test_deleting_an_event_is_detected(bodies: list[str], data: st.DataObject) -> None:
    events = chain(bodies)
    expected_head, count = head(events), len(events)
    del events[data.draw(st.integers(0, len(events) - 1))]
    assert verify_chain("SD-000001", events, expected_head, count) != []


@given(texts, st.data())
def test_swapping_two_events_is_detected(bodies: list[str], data: st.DataObject) -> None:
    events = chain(bodies)
    i = data.draw(st.integers(0, len(events) - 2))
    events[i], events[i + 1] = events[i + 1], events[i]
    assert verify_chain("SD-000001", events, head(chain(bodies)), len(events)) != []


def test_chain_event_hashes_as_event_hash_does() -> None:
    event = chain_event(
        "SD-000042",
        3,
        "ab" * 32,
        at=T0,
        actor="eng",
        kind=EventKind.FIELD,
        field="priority",
        old="2",
        new="1",
        text="urgent after all",
        minutes=15,
        internal=True,
        data={"z": 1, "a": ["é", None]},
    )
    record = EventRecord(
        "SD-000042",
        3,
        T0,
        "eng",
        "field",
        field="priority",
        old_value="2",
        new_value="1",
        text="urgent after all",
        minutes=15,
        internal=True,
        data={"z": 1, "a": ["é", None]},
    )
    assert event.record == record
    assert event.hash == event_hash(record, "ab" * 32)
    assert type(event.record.kind) is str
    assert event.columns() == {
        "seq": 3,
        "occurred_at": T0,
        "kind": "field",
        "field": "priority",
        "old_value": "2",
        "new_value": "1",
        "text": "urgent after all",
        "minutes": 15,
        "internal": True,
        "data": '{"a": ["é", null], "z": 1}',
        "prev_hash": "ab" * 32,
        "hash": event.hash,
    }


def test_chain_event_without_data_stores_an_empty_object() -> None:
    event = chain_event("SD-000001", 1, GENESIS, at=T0, actor="eng", kind="created")
    assert event.data_json == "{}"
    assert event.hash == event_hash(EventRecord("SD-000001", 1, T0, "eng", "created"), GENESIS)


@given(texts)
def test_a_chain_built_with_chain_event_verifies(bodies: list[str]) -> None:
    events, prev = [], GENESIS
    for seq, body in enumerate(bodies, start=1):
        new = chain_event(
            "SD-000001",
            seq,
            prev,
            at=T0 + timedelta(minutes=seq),
            actor="eng",
            kind=EventKind.COMMENT,
            text=body,
            data={"n": seq},
        )
        events.append(StoredEvent(seq * 10, new.record, new.prev_hash, new.hash))
        prev = new.hash
    assert events == chain(bodies)
    assert verify_chain("SD-000001", events, prev, len(events)) == []
