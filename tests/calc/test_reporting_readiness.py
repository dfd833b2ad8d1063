"""The readiness calculation: an item's status, a platform's level, a deadline's next date."""

import datetime

from klimatlaget.calc.readiness import Counts, Level, Status, count, item_status, level, next_due


def test_an_item_is_answered_stale_or_missing():
    assert item_status(False, None, 1, 2026) == Status.MISSING
    assert item_status(True, 2025, 1, 2026) == Status.ANSWERED
    assert item_status(True, 2024, 1, 2026) == Status.STALE
    assert item_status(True, 2022, 4, 2026) == Status.ANSWERED  # exactly the maximum age
    assert item_status(True, 2021, 4, 2026) == Status.STALE


def test_an_answer_without_a_maximum_age_never_gets_old():
    assert item_status(True, 1990, None, 2026) == Status.ANSWERED


def test_an_answer_of_no_known_year_is_stale_when_age_matters():
    assert item_status(True, None, 2, 2026) == Status.STALE
    assert item_status(True, None, None, 2026) == Status.ANSWERED


def test_counts():
    counts = count([Status.ANSWERED, Status.STALE, Status.MISSING, Status.MISSING])
    assert counts == Counts(answered=1, stale=1, missing=2)
    assert counts.total == 4


def test_a_platform_is_ready_when_every_required_item_is_answered():
    assert level([(Status.ANSWERED, True), (Status.MISSING, False)]) == Level.READY
    assert level([(Status.ANSWERED, True), (Status.STALE, True)]) == Level.PARTLY
    assert level([(Status.STALE, True), (Status.MISSING, False)]) == Level.NOT
    assert level([(Status.MISSING, True)]) == Level.NOT
    assert level([]) == Level.NOT


def test_a_yearly_deadline_comes_round_again():
    today = datetime.date(2026, 8, 1)
    assert next_due(datetime.date(2026, 7, 31), True, today) == datetime.date(2027, 7, 31)
    assert next_due(datetime.date(2026, 12, 31), True, today) == datetime.date(2026, 12, 31)
    assert next_due(datetime.date(2020, 3, 31), True, today) == datetime.date(2027, 3, 31)
    assert next_due(datetime.date(2026, 7, 31), False, today) is None
    assert next_due(datetime.date(2024, 2, 29), True, today) == datetime.date(2027, 2, 28)
