"""In the browser: the secretariat reads a survey's statistics, filters them by county and
downloads them as CSV."""

import csv
import io
from pathlib import Path

import pytest

from browser.helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SURVEY = {
    "title": "Klimatläget 2025",
    "sections": [
        {
            "key": "targets",
            "title": "Targets",
            "questions": [
                {"key": "has_target", "kind": "yes_no", "text": "Do you have a target?"},
                {
                    "key": "sectors",
                    "kind": "multiple_choice",
                    "text": "Sectors covered?",
                    "choices": [
                        {"key": "transport", "label": "Transport"},
                        {"key": "energy", "label": "Energy"},
                    ],
                },
                {"key": "budget", "kind": "number", "text": "Climate budget?", "unit": "kr"},
            ],
        }
    ],
}


@pytest.fixture
def answered(users):
    """Strandhamn (county 91) and the region 91 answered yes, Tallnäs (county 92) no."""
    from klimatlaget.demo.association import load_memberships
    from klimatlaget.organisations.models import Organisation
    from klimatlaget.surveys import services
    from klimatlaget.surveys.building import create_survey
    from klimatlaget.surveys.models import SurveyState

    association = load_memberships(example=True).association
    survey = create_survey(association, 2025, "klimatlaget", SURVEY)
    survey.state = SurveyState.OPEN
    survey.save()
    for username, code, answers in (
        ("alice", "9102", {"has_target": "ja", "sectors": "Transport", "budget": "100"}),
        ("bob", "9201", {"has_target": "nej", "budget": "300"}),
        ("kansli", "91", {"has_target": "ja"}),
    ):
        user = users[username]
        response = services.start_response(user, survey, Organisation.objects.get(code=code))
        services.save_answers(user, response, answers)
        services.submit(user, response)
    return survey


def test_secretariat_reads_filters_and_downloads_the_statistics(page, answered, tmp_path: Path):
    url = f"/associations/klimatkommunerna/surveys/{answered.pk}/statistics/"
    log_in(page, "kansli", url)
    assert page.locator("#q-has_target-answered").inner_text() == "3 av 3 har svarat"
    yes = page.locator("#q-has_target-options tr[data-option='yes'] td")
    assert [cell.inner_text() for cell in yes.all()] == ["2", "67"]
    chart = page.locator("#q-has_target svg:visible")
    assert chart.count() == 1
    title_id = chart.get_attribute("aria-labelledby").split()[0]
    assert page.locator(f"#{title_id}").text_content() == "Do you have a target?"
    assert page.locator("#q-budget-numbers td[data-measure='mean']").inner_text() == "200 kr"

    page.locator("#filter-county").select_option("92")  # the form submits itself on change
    page.wait_for_url("**county=92**")
    assert page.locator("#q-has_target-answered").inner_text() == "1 av 1 har svarat"
    yes = page.locator("#q-has_target-options tr[data-option='yes'] td")
    assert [cell.inner_text() for cell in yes.all()] == ["0", "0"]
    assert page.locator("#filter-county").input_value() == "92"

    with page.expect_download() as info:
        page.locator("#statistics-csv").click()
    target = tmp_path / "statistics.csv"
    info.value.save_as(target)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    option = {(r["question_key"], r["measure"], r["option"]): r for r in rows}
    assert option[("has_target", "option", "no")]["count"] == "1"
    assert option[("budget", "mean", "")]["value"] == "300.0"
    assert page.console_errors == []
