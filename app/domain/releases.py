"""Versions, release states and the promotion workflow of one release for one customer.

A new version goes to the customer's *test* environment first; the customer verifies
it; only then may it be installed on *production*::

    planned ──install on test──▶ on_test ──notify──▶ awaiting_verification
    on_test | awaiting_verification ──verified──▶ verified ──install on production──▶ on_production
    on_test | awaiting_verification ──rejected──▶ rejected ──install on test (new build)──▶ on_test
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import total_ordering

from app.domain.errors import InvalidTransition, ValidationError

_VERSION_RE = re.compile(r"^\s*v?(\d{1,6})\.(\d{1,6})\.(\d{1,6})\s*$")


@total_ordering
@dataclass(frozen=True, slots=True)
class Version:
    """``major.minor.patch``, ordered numerically: 1.10.0 > 1.9.3."""

    major: int
    minor: int
    patch: int

    @classmethod
    def parse(cls, text: str) -> Version:
        match = _VERSION_RE.fullmatch(text or "")
        if match is None:
            raise ValidationError(
                f"invalid version {text!r}: use major.minor.patch with numbers, e.g. 2.10.1."
            )
        return cls(*(int(part) for part in match.groups()))

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.major, self.minor, self.patch)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        return self.key < other.key

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"

    def kind_of_step_from(self, older: Version | None) -> ReleaseKind:
        """What kind of release this is relative to ``older`` (major, minor or patch)."""
        if older is None or self.major != older.major:
            return ReleaseKind.MAJOR
        if self.minor != older.minor:
            return ReleaseKind.MINOR
        return ReleaseKind.PATCH


class ReleaseKind(StrEnum):
    MAJOR = "major"
    MINOR = "minor"
    PATCH = "patch"


class ReleaseState(StrEnum):
    PLANNED = "planned"
    AVAILABLE = "available"
    WITHDRAWN = "withdrawn"


class InstallEnvironment(StrEnum):
    TEST = "test"
    PRODUCTION = "production"


class PromotionState(StrEnum):
    PLANNED = "planned"
    ON_TEST = "on_test"
    AWAITING_VERIFICATION = "awaiting_verification"
    VERIFIED = "verified"
    REJECTED = "rejected"
    ON_PRODUCTION = "on_production"


class PromotionStep(StrEnum):
    INSTALL_ON_TEST = "install_on_test"
    NOTIFY = "notify"
    VERIFY = "verify"
    REJECT = "reject"
    INSTALL_ON_PRODUCTION = "install_on_production"


_P = PromotionState
STEPS: dict[PromotionStep, tuple[frozenset[PromotionState], PromotionState]] = {
    PromotionStep.INSTALL_ON_TEST: (frozenset({_P.PLANNED, _P.REJECTED}), _P.ON_TEST),
    PromotionStep.NOTIFY: (frozenset({_P.ON_TEST}), _P.AWAITING_VERIFICATION),
    PromotionStep.VERIFY: (frozenset({_P.ON_TEST, _P.AWAITING_VERIFICATION}), _P.VERIFIED),
    PromotionStep.REJECT: (frozenset({_P.ON_TEST, _P.AWAITING_VERIFICATION}), _P.REJECTED),
    PromotionStep.INSTALL_ON_PRODUCTION: (frozenset({_P.VERIFIED}), _P.ON_PRODUCTION),
}

_WHY_NOT = {
    PromotionStep.INSTALL_ON_PRODUCTION: (
        "production only after the customer verified this same release on their test environment"
    ),
    PromotionStep.VERIFY: "the release must be installed on the customer's test environment first",
    PromotionStep.REJECT: "the release must be installed on the customer's test environment first",
    PromotionStep.NOTIFY: "the customer is notified once the release is on their test environment",
    PromotionStep.INSTALL_ON_TEST: "the release is already past its test installation",
}


def next_state(step: PromotionStep, state: PromotionState, what: str = "") -> PromotionState:
    """The state after ``step`` from ``state``, or a refusal that says why not."""
    sources, target = STEPS[step]
    if state in sources:
        return target
    subject = f"{what}: " if what else ""
    raise InvalidTransition(
        f"cannot {step.value.replace('_', ' ')}: {subject}the promotion is "
        f"{state.value.replace('_', ' ')}; "
        f"{_WHY_NOT[step]}."
    )


def step_allowed(step: PromotionStep, state: PromotionState) -> tuple[bool, str]:
    """Whether ``step`` is possible now, with the reason when it is not (for previews)."""
    sources, _ = STEPS[step]
    return (True, "") if state in sources else (False, _WHY_NOT[step])
