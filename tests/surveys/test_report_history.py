"""The report's comparison with earlier years: the association's published figures of years
from before the platform (marked with their source), the Paris verdicts over all members of the
year beside the respondents' ones, the members who answered each chapter, and yes/no questions'
history in counts as well as shares; in the report's content, page, PDF, Excel and JSON."""

import io
from collections import Counter

import openpyxl
import pytest
from pypdf import PdfReader

from klimatlaget.accounts.actors import command_line
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys import services
from klimatlaget.surveys.models import SurveyState
from klimatlaget.surveys.published import add_figure
from klimatlaget.surveys.report import display
from klimatlaget.surveys.report.content import build_report
from klimatlaget.surveys.report.history import Source, YearRow, YearSummary
from klimatlaget.targets.comparison.association import summarise
from klimatlaget.targets.evaluation import target_parameters
from surveys.conftest import EVERY_KIND

pytestmark = pytest.mark.usefixtures("english")

URL = "/associations/klimatkommunerna/reports/2025/"
API = "/api/associations/klimatkommunerna/reports/2025"
SOURCE = Source("Annual report 2024", "https://example.org/report-2024", "p. 7")
#: (kind, key, value) of the association's own report 2024.
PUBLISHED = (
    ("respondents", "", 45),
    ("members", "", 50),
    ("change_since_1990", "", -42),
    ("verdict", "in_line", 21),
    ("verdict", "partly", 29),
    ("section_answered", "targets", 32),
    ("question_yes", "has_target", 17),
    ("question_answered", "has_target", 40),
)
ANSWERS = {
    "9102": ("alice", {"has_target": True, "target_year": 2030, "budget": 100}),
    "9201": ("bob", {"has_target": False, "budget": 50}),
    "9101": ("kansli", {"has_target": True, "target_year": 2040, "sectors": ["food"]}),
}


def _answer(user, survey, code, answers):
    response = services.start_response(user, survey, Organisation.objects.get(code=code))
    services.save_answers(user, response, answers)
    services.confirm_prefilled(user, response)
    services.submit(user, response)


def _publish(association, year=2024, quoted=True):
    source = {"source": SOURCE.document, "source_url": SOURCE.url, "page": SOURCE.page}
    for kind, key, value in PUBLISHED:
        values = {"year": year, "kind": kind, "key": key, "value": value, "quoted": quoted}
        add_figure(command_line(), association, {**values, **source})


@pytest.fixture
def closed(users, survey, association):
    from klimatlaget.demo.association import EXAMPLE_TARGETS
    from klimatlaget.targets.imports import import_targets

    import_targets(EXAMPLE_TARGETS, actor=command_line())
    for code, (username, answers) in ANSWERS.items():
        _answer(users[username], survey, code, answers)
    survey.state = SurveyState.CLOSED
    survey.save()
    return survey


@pytest.fixture
def published(closed, association):
    _publish(association)
    return closed


def _questions(report):
    return {q.key: q for chapter in report.chapters for q in chapter.questions}


# Content -----------------------------------------------------------------------------------


def test_published_figures_are_an_earlier_year_with_their_source(published):
    report = build_report(published, public=True)
    assert report.earlier_years == [
        YearSummary(2024, 45, 50, -42, {"in_line": 21, "partly": 29}, [SOURCE])
    ]
    this_year = report.years[-1]
    assert (this_year.year, this_year.respondents, this_year.members) == (2025, 3, 11)
    assert this_year.verdicts == {v.key: v.count for v in report.member_verdicts}


def test_verdicts_are_counted_over_all_members_beside_the_respondents(published):
    report = build_report(published, public=True)
    every_member = summarise(published.association, 2025, target_parameters()).members
    assert Counter({v.key: v.count for v in report.member_verdicts}) == Counter(
        row["verdict"] for row in every_member
    )
    assert sum(v.count for v in report.member_verdicts) == 11
    assert sum(v.count for v in report.verdicts) == 3
    assert [v.key for v in report.member_verdicts] == [v.key for v in report.verdicts]


def test_each_chapter_counts_the_members_who_answered_any_of_its_questions(published):
    report = build_report(published, public=True)
    answered = {chapter.key: chapter.answered for chapter in report.chapters}
    assert answered == {"targets": 3, "work": 2}  # 9101 answered nothing about its work
    targets = report.chapters[0]
    assert targets.history == [
        YearRow(2024, 32, None, "answered", source=SOURCE),
        YearRow(2025, 3, None, "answered"),
    ]


def test_yes_no_history_has_counts_and_the_published_year(published):
    history = _questions(build_report(published, public=True))["has_target"].history
    assert history == [
        YearRow(2024, 40, pytest.approx(17 / 40), "share_yes", yes=17, source=SOURCE),
        YearRow(2025, 3, pytest.approx(2 / 3), "share_yes", yes=2),
    ]
    assert display.figure_text(history[0]) == "17 of 40 yes (43 %)"
    assert display.figure_text(history[1]) == "2 of 3 yes (67 %)"
    assert display.source_text(history[0].source) == "quoted from Annual report 2024, p. 7"


def test_a_published_yes_count_without_how_many_answered_is_shown_as_a_count(closed, association):
    add_figure(
        command_line(),
        association,
        {"year": 2024, "kind": "question_yes", "key": "has_target", "value": 17, "source": "R"},
    )
    first = _questions(build_report(closed, public=True))["has_target"].history[0]
    assert (first.year, first.answered, first.yes, first.value) == (2024, None, 17, None)
    assert display.figure_text(first) == "17 yes"


def test_a_figure_worked_out_from_its_source_says_so(closed, association):
    _publish(association, quoted=False)
    report = build_report(closed, public=True)
    sources = report.earlier_years[0].sources
    assert display.sources_text(sources) == "worked out from Annual report 2024, p. 7"


def test_the_platforms_own_answers_win_over_published_figures(closed, association, users):
    from klimatlaget.surveys.building import create_survey

    earlier = create_survey(association, 2024, "klimatlaget", {**EVERY_KIND, "title": "2024"})
    earlier.state = SurveyState.OPEN
    earlier.save()
    _answer(users["alice"], earlier, "9102", {"has_target": False})
    earlier.state = SurveyState.CLOSED
    earlier.save()
    _publish(association)
    report = build_report(closed, public=True)
    [year] = report.earlier_years
    assert (year.year, year.respondents, year.members, year.sources) == (2024, 1, 11, [])
    assert sum(year.verdicts.values()) == 11  # over every member of 2024
    first = _questions(report)["has_target"].history[0]
    assert (first.year, first.answered, first.yes, first.source) == (2024, 1, 0, None)
    assert report.chapters[0].history[0] == YearRow(2024, 1, None, "answered")


def test_published_figures_of_later_years_are_not_earlier_years(closed, association):
    _publish(association, year=2026)
    assert build_report(closed, public=True).earlier_years == []


# Page, PDF, Excel and JSON -----------------------------------------------------------------


def test_the_page_compares_with_the_published_year(client, published):
    page = client.get(URL).content.decode()
    assert 'id="years-table"' in page
    assert '<tr data-year="2024"><th scope="row">2024</th><td class="num">45</td>' in page
    assert '<a href="https://example.org/report-2024">quoted from Annual report 2024, p. 7</a>' in (
        page
    )
    assert "All members" in page and 'id="figure-in-line-members"' in page
    assert "3 of 3 members answered this chapter." in page
    assert "17 of 40 yes (43 %)" in page


def test_without_earlier_years_the_page_has_no_comparison(client, closed):
    page = client.get(URL).content.decode()
    assert 'id="years-table"' not in page
    assert "All members" in page


def test_pdf_and_excel_compare_with_the_published_year(client, published):
    pdf = "\n".join(
        page.extract_text()
        for page in PdfReader(io.BytesIO(client.get(URL + "report.pdf").content)).pages
    )
    assert "Compared with earlier years" in pdf
    assert "2024: quoted from Annual report 2024, p. 7" in pdf
    assert "17 of 40 yes (43 %)" in pdf
    book = openpyxl.load_workbook(io.BytesIO(client.get(URL + "report.xlsx").content))
    summary = [row for row in book["Summary"].iter_rows(values_only=True)]
    assert (2024, 45, 50, -0.42, 21, 29, "quoted from Annual report 2024, p. 7") in summary
    verdicts = {row[0]: row[1:3] for row in summary if row[0] == "In line"}
    assert verdicts  # respondents and all members side by side
    targets = [row for row in book["Targets"].iter_rows(values_only=True)]
    assert ("Members who answered the chapter", 3) in [row[:2] for row in targets]
    assert (2024, pytest.approx(17 / 40), 40, 17) in [row[:4] for row in targets]


def test_the_api_has_the_same_comparison(client, published):
    data = client.get(API).json()
    [year] = data["earlier_years"]
    assert year["respondents"] == 45 and year["verdicts"] == {"in_line": 21, "partly": 29}
    assert year["sources"][0] == {
        "document": "Annual report 2024",
        "url": "https://example.org/report-2024",
        "page": "p. 7",
        "quoted": True,
    }
    assert sum(v["count"] for v in data["member_verdicts"]) == 11
    targets = data["chapters"][0]
    assert targets["answered"] == 3
    assert targets["questions"][0]["history"][0]["yes"] == 17
