"""Counted answers and statistics with filters, and figures compared across years."""

import pytest

from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys import services
from klimatlaget.surveys.building import copy_survey
from klimatlaget.surveys.models import SurveyState
from klimatlaget.surveys.results.dataset import (
    MemberFilter,
    counted_answers,
    figures_by_year,
    statistics_for,
)


def _answer(user, survey, code, answers, submit=True):
    member = Organisation.objects.get(code=code)
    response = services.start_response(user, survey, member)
    services.save_answers(user, response, answers)
    if submit:
        services.confirm_prefilled(user, response)
        services.submit(user, response)
    return response


@pytest.fixture
def answered(users, survey):
    _answer(users["alice"], survey, "9102", {"has_target": True, "target_year": 2030, "budget": 10})
    _answer(users["bob"], survey, "9201", {"has_target": False, "target_year": 2040, "budget": 30})
    _answer(users["kansli"], survey, "9101", {"has_target": True, "budget": 5}, submit=False)
    return survey


def test_only_submitted_answers_to_shown_questions_count(answered):
    counted = {m.member.code: m.answers for m in counted_answers(answered)}
    assert set(counted) == {"9102", "9201"}
    assert "target_year" not in counted["9201"]  # hidden: the answer to has_target is no
    by_key = {s.key: s for s in statistics_for(answered)}
    assert (by_key["has_target"].yes, by_key["has_target"].answered) == (1, 2)
    assert by_key["has_target"].yes_share == 0.5
    assert by_key["target_year"].answered == 1
    assert by_key["budget"].numbers.total == 40
    assert by_key["budget"].numbers.mean == 20


def test_filters_by_county_kind_and_size(answered):
    strandhamn = Organisation.objects.select_related("county").get(code="9102")
    county = MemberFilter.county_of(strandhamn)
    codes = {m.member.code for m in counted_answers(answered, MemberFilter(county=county))}
    assert "9102" in codes
    assert all(MemberFilter.county_of(Organisation.objects.get(code=c)) == county for c in codes)
    assert counted_answers(answered, MemberFilter(kind="county")) == []
    assert counted_answers(answered, MemberFilter(approved_only=True)) == []
    members = counted_answers(answered)
    for size in ("small", "medium", "large", "city"):
        kept = counted_answers(answered, MemberFilter(size=size))
        assert all(m.inhabitants is not None for m in kept)
    assert sum(
        len(counted_answers(answered, MemberFilter(size=s)))
        for s in ("small", "medium", "large", "city")
    ) == len(members)


def test_figures_compare_the_same_question_across_years(users, answered):
    next_year = copy_survey(answered, 2026)
    next_year.state = SurveyState.OPEN
    next_year.save()
    _answer(users["alice"], next_year, "9102", {"has_target": True, "target_year": 2030})
    _answer(users["bob"], next_year, "9201", {"has_target": True, "target_year": 2035})
    figures = figures_by_year(next_year)
    assert [(f.year, f.value) for f in figures["has_target"]] == [(2025, 0.5), (2026, 1.0)]
    assert [(f.year, f.label) for f in figures["target_year"]] == [(2025, "mean"), (2026, "mean")]
