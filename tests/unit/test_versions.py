"""Versions order numerically, part by part; release kinds follow the step taken."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import InvalidTransition, ValidationError
from app.domain.releases import (
    PromotionState,
    PromotionStep,
    ReleaseKind,
    Version,
    next_state,
)

parts = st.integers(min_value=0, max_value=999_999)
versions = st.builds(Version, parts, parts, parts)


@given(versions, versions)
def test_order_is_the_numeric_order_of_the_parts(a: Version, b: Version) -> None:
    assert (a < b) == (a.key < b.key)
    assert (a == b) == (a.key == b.key)


@given(versions)
def test_text_round_trip(v: Version) -> None:
    assert Version.parse(str(v)) == v


@given(st.lists(versions, min_size=1, max_size=30))
def test_sorting_by_text_parse_matches_sorting_numbers(vs: list[Version]) -> None:
    assert sorted(Version.parse(str(v)) for v in vs) == sorted(vs, key=lambda v: v.key)


def test_examples() -> None:
    assert Version.parse("1.10.0") > Version.parse("1.9.3")
    assert Version.parse("v2.0.1") == Version(2, 0, 1)
    assert Version.parse("1.10.0").kind_of_step_from(Version.parse("1.9.3")) == ReleaseKind.MINOR
    assert Version.parse("1.9.4").kind_of_step_from(Version.parse("1.9.3")) == ReleaseKind.PATCH
    assert Version.parse("2.0.0").kind_of_step_from(Version.parse("1.9.3")) == ReleaseKind.MAJOR


@pytest.mark.parametrize("text", ["1.2", "1.2.3.4", "a.b.c", "", "1.-2.3", "1. 2.3"])
def test_malformed_versions_are_refused(text: str) -> None:
    with pytest.raises(ValidationError, match=r"major\.minor\.patch"):
        Version.parse(text)


def test_production_only_after_verification() -> None:
    for state in PromotionState:
        if state == PromotionState.VERIFIED:
            assert next_state(PromotionStep.INSTALL_ON_PRODUCTION, state) == (
                PromotionState.ON_PRODUCTION
            )
        else:
            with pytest.raises(InvalidTransition, match="verified this same release"):
                next_state(PromotionStep.INSTALL_ON_PRODUCTION, state)
