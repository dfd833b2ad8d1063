"""In the browser: an anonymous visitor reads the closed survey's report "Klimatläget 2025", with
its headline figures and charts, and downloads it as PDF and Excel."""

import io
from pathlib import Path

import openpyxl
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

URL = "/associations/klimatkommunerna/reports/2025/"
SURVEY = {
    "title": "Klimatläget 2025",
    "sections": [
        {
            "key": "targets",
            "title": "Targets",
            "questions": [
                {"key": "has_target", "kind": "yes_no", "text": "Do you have a target?"},
                {
                    "key": "target_year",
                    "kind": "year",
                    "text": "Target year?",
                    "condition": {"question": "has_target", "equals": True},
                },
            ],
        },
        {
            "key": "work",
            "title": "Work",
            "questions": [
                {"key": "budget", "kind": "number", "text": "Climate budget?", "unit": "kr"},
                {"key": "comment", "kind": "text", "text": "Anything else?"},
            ],
        },
    ],
}


@pytest.fixture
def survey(users):
    from klimatlaget.demo.association import load_memberships
    from klimatlaget.surveys.building import create_survey
    from klimatlaget.surveys.models import SurveyState

    association = load_memberships(example=True).association
    survey = create_survey(association, 2025, "klimatlaget", SURVEY)
    survey.state = SurveyState.OPEN
    survey.save()
    return survey


@pytest.fixture
def closed_report(users, survey):
    from klimatlaget.organisations.models import Organisation
    from klimatlaget.surveys import services
    from klimatlaget.surveys.models import SurveyState

    for username, code, answers in (
        ("alice", "9102", {"has_target": "ja", "target_year": "2030", "budget": "100"}),
        ("bob", "9201", {"has_target": "nej", "budget": "50"}),
    ):
        user = users[username]
        response = services.start_response(user, survey, Organisation.objects.get(code=code))
        services.save_answers(user, response, answers)
        services.confirm_prefilled(user, response)
        services.submit(user, response)
    survey.state = SurveyState.CLOSED
    survey.save()
    return survey


def test_anyone_reads_and_downloads_the_closed_report(page, closed_report, tmp_path: Path):
    page.goto(URL)
    assert page.locator("h1#report-title").inner_text().startswith("Klimatläget 2025")
    assert page.locator("#preview-notice").count() == 0
    assert page.locator("#figure-respondents .value").inner_text() == "2"
    assert "11" in page.locator("#figure-respondents .explain").inner_text()
    assert page.locator("#figure-change .value").inner_text().endswith("%")
    assert page.locator("#verdict-chart svg:visible").is_visible()
    question = page.locator("#question-has_target")
    assert question.locator("figure.chart svg:visible").is_visible()
    assert question.locator("table.options tbody tr").count() == 2
    with page.expect_download() as info:
        page.locator("#download-pdf").click()
    pdf = tmp_path / "report.pdf"
    info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert info.value.suggested_filename == "klimatkommunerna-klimatlaget-2025.pdf"
    with page.expect_download() as info:
        page.locator("#download-xlsx").click()
    xlsx = tmp_path / "report.xlsx"
    info.value.save_as(xlsx)
    book = openpyxl.load_workbook(io.BytesIO(xlsx.read_bytes()))
    assert len(book.sheetnames) == 3  # the summary and the two chapters
    assert page.console_errors == []


def test_an_open_survey_has_no_public_report(page, survey):
    statuses: list[int] = []
    page.on("response", lambda r: statuses.append(r.status) if r.url.endswith(URL) else None)
    page.goto(URL)
    assert statuses == [404]
    assert page.locator("#headline-figures").count() == 0


def test_a_report_without_answers_says_so_and_still_gives_the_change(page, survey):
    from browser.helpers import log_in
    from klimatlaget.surveys.models import SurveyState

    survey.state = SurveyState.CLOSED
    survey.save()
    page.goto(URL)
    assert page.locator("#figure-respondents .value").inner_text() == "0"
    assert page.locator("#no-answers").is_visible()
    assert page.locator("section.chapter").count() == 0
    assert page.locator("#figure-change .value").inner_text().endswith("%")
    assert page.locator("#figure-basis").get_attribute("data-basis") == "members"
    assert page.locator("#verdict-chart svg:visible").is_visible()

    log_in(page, "kansli", f"/associations/klimatkommunerna/surveys/{survey.pk}/statistics/")
    assert page.locator("#no-answers").is_visible()
    assert page.locator("section.question-statistics").count() == 0
    assert page.console_errors == []


def test_the_report_compares_with_the_figures_published_before_the_platform(page, closed_report):
    from klimatlaget.accounts.actors import command_line
    from klimatlaget.surveys.published import add_figure

    source = {"source": "Annual report 2024", "source_url": "https://example.org/r", "page": "7"}
    for kind, key, value in (
        ("respondents", "", 45),
        ("change_since_1990", "", -42),
        ("verdict", "in_line", 21),
        ("verdict", "partly", 29),
        ("section_answered", "targets", 32),
        ("question_yes", "has_target", 17),
    ):
        values = {"year": 2024, "kind": kind, "key": key, "value": value}
        add_figure(command_line(), closed_report.association, {**values, **source})
    page.goto(URL)
    earlier = page.locator('#years-table tr[data-year="2024"]')
    assert earlier.locator("td").all_inner_texts()[:5] == ["45", "–", "−42 %", "21", "29"]
    assert earlier.locator("td.source a").get_attribute("href") == "https://example.org/r"
    assert "Annual report 2024, 7" in earlier.locator("td.source").inner_text()
    assert page.locator('#years-table tr[data-year="2025"] td').first.inner_text() == "2"
    # Verdicts over the respondents and over all 11 members of the year, side by side.
    all_members = page.locator('#verdict-table td[data-basis="members"]').all_inner_texts()
    assert sum(int(count) for count in all_members) == 11
    assert page.locator("#figure-in-line-members .value").is_visible()
    targets = page.locator("#chapter-targets")
    assert targets.locator("p.chapter-answered").get_attribute("data-answered") == "2"
    chapter_2024 = targets.locator('table.chapter-history tr[data-year="2024"]').inner_text()
    assert "32" in chapter_2024 and "Annual report 2024" in chapter_2024
    history = page.locator('#question-has_target table.history tr[data-year="2024"]')
    assert "17" in history.inner_text() and "Annual report 2024" in history.inner_text()
    this_year = page.locator('#question-has_target table.history tr[data-year="2025"]')
    assert "50 %" in this_year.inner_text()  # 1 of 2 answered yes
    assert page.console_errors == []


def test_the_secretariat_enters_a_published_figure(page, users, survey):
    from browser.helpers import log_in
    from klimatlaget.surveys.models import PublishedFigure

    log_in(page, "kansli", "/start/")
    page.locator('a[href="/associations/klimatkommunerna/published-figures/"]').first.click()
    assert page.locator("#no-published-figures").is_visible()
    page.locator("#id_year").fill("2024")
    page.locator("#id_kind").select_option("verdict")
    page.locator("#id_key").fill("in_line")
    page.locator("#id_value").fill("21")
    page.locator("#id_source").fill("Klimatkommunerna, verksamhetsberättelse 2024")
    page.locator("#add-figure").click()
    row = page.locator('#published-figure-table tr[data-kind="verdict"][data-key="in_line"]')
    assert "21" in row.inner_text()
    row.locator("a").first.click()
    page.locator("#id_value").fill("22")
    page.locator("#save-figure").click()
    assert "22" in row.inner_text()
    assert PublishedFigure.objects.get().version == 1
    row.locator("a").nth(1).click()
    page.locator("#confirm-delete").click()
    assert page.locator("#no-published-figures").is_visible()
    assert page.console_errors == []
