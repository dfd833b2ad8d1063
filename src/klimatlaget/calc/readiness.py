"""How ready an organisation is to report to a platform: each item answered, stale or missing.

An item is *answered* when the facts (or a person's answer) give it, as of a year no older than
the item's maximum age before the reporting year; *stale* when answered but older; *missing*
otherwise. A platform is *ready* when every required item is answered, *not* ready when no item
is, and *partly* ready in between.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    ANSWERED = "answered"
    STALE = "stale"
    MISSING = "missing"


class Level(StrEnum):
    READY = "ready"
    PARTLY = "partly"
    NOT = "not"


def item_status(answered: bool, as_of: int | None, max_age: int | None, year: int) -> Status:
    """The status of an item answered (or not) as of the year ``as_of``, in the reporting
    ``year``; ``max_age`` None means the answer never gets old (a base year's inventory)."""
    if not answered:
        return Status.MISSING
    if max_age is not None and (as_of is None or year - as_of > max_age):
        return Status.STALE
    return Status.ANSWERED


@dataclass(frozen=True)
class Counts:
    answered: int = 0
    stale: int = 0
    missing: int = 0

    @property
    def total(self) -> int:
        return self.answered + self.stale + self.missing


def count(statuses: Iterable[Status]) -> Counts:
    tally = Counter(statuses)
    return Counts(tally[Status.ANSWERED], tally[Status.STALE], tally[Status.MISSING])


def level(items: Iterable[tuple[Status, bool]]) -> Level:
    """The platform's readiness from its items' (status, required)."""
    listed = list(items)
    if any(status == Status.ANSWERED for status, _ in listed) and all(
        status == Status.ANSWERED for status, required in listed if required
    ):
        return Level.READY
    if any(status == Status.ANSWERED for status, _ in listed):
        return Level.PARTLY
    return Level.NOT


def next_due(due: datetime.date, recurs_yearly: bool, today: datetime.date) -> datetime.date | None:
    """The next time a deadline falls due on or after ``today`` (None: it has passed)."""
    if due >= today:
        return due
    if not recurs_yearly:
        return None
    for year in range(today.year, today.year + 2):
        candidate = _in_year(due, year)
        if candidate >= today:
            return candidate
    return None  # pragma: no cover - a date within two years always exists


def _in_year(due: datetime.date, year: int) -> datetime.date:
    """``due`` moved to ``year`` (29 February becomes 28 February in other years)."""
    try:
        return due.replace(year=year)
    except ValueError:
        return due.replace(year=year, day=28)
