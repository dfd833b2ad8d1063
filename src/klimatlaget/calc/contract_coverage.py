"""Which canonical subjects the cities' contracts cover (pure).

A contract covers a subject when one of its sections is placed under it or under one of its
descendants ("municipality.strategy.mobility" covers "municipality.strategy" and
"municipality"). A city's gaps are read against the others: the subjects most other cities
cover come first, so that what a city lacks and nearly all others have stands out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


def covered_subjects(section_subjects: Iterable[str]) -> set[str]:
    """The subjects covered by sections placed under ``section_subjects`` (ancestors too)."""
    covered: set[str] = set()
    for subject in section_subjects:
        parts = subject.split(".") if subject else []
        while parts:
            covered.add(".".join(parts))
            parts.pop()
    return covered


@dataclass(frozen=True, slots=True)
class SubjectCoverage:
    """A subject as one city covers it, and how many of the other cities cover it."""

    subject: str
    covered: bool
    others_covering: int
    others: int


def city_coverage(
    city: str, coverage: Mapping[str, set[str]], subjects: Sequence[str]
) -> list[SubjectCoverage]:
    """``city``'s coverage of ``subjects`` (in the template's order) beside the other cities of
    ``coverage`` (city → covered subjects): the subjects most others cover first, the
    template's order among equals."""
    others = [covered for name, covered in coverage.items() if name != city]
    own = coverage.get(city, set())
    rows = [
        SubjectCoverage(
            subject,
            subject in own,
            sum(1 for covered in others if subject in covered),
            len(others),
        )
        for subject in subjects
    ]
    order = {subject: index for index, subject in enumerate(subjects)}
    return sorted(rows, key=lambda row: (-row.others_covering, order[row.subject]))
