"""In the browser: the secretariat reads the membership test's results, and a member's editor
reads its own result."""

import pytest

from browser.helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ACTION_PLAN = "Har en handlingsplan och genomför åtgärder"
REPORTING = "Informerar föreningen om arbetet"


@pytest.fixture
def membership_test(users):
    """Klimatkommunerna's membership test 2025: Strandhamn passes, Tallnäs fails (no action
    plan), Ekby has not answered the reporting requirement; the rest have not started."""
    from klimatlaget.demo.association import load_memberships
    from klimatlaget.organisations.models import Organisation
    from klimatlaget.surveys import services
    from klimatlaget.surveys.blueprints import definition
    from klimatlaget.surveys.building import create_survey
    from klimatlaget.surveys.models import SurveyState

    association = load_memberships(example=True).association
    survey = create_survey(
        association, 2025, "membership_test", definition("membership_test", 2025)
    )
    survey.state = SurveyState.OPEN
    survey.save()
    passing = {
        "political_decision": "ja",
        "inventories_emissions": "ja",
        "latest_inventory_year": "2023",
        "has_emission_targets": "ja",
        "has_action_plan": "ja",
        "action_plan_link": "https://strandhamn.example/handlingsplan",
        "carries_out_measures": "ja",
        "reports_to_association": "ja",
    }
    answers = {
        "9102": (users["alice"], passing),
        "9201": (users["bob"], {**passing, "has_action_plan": "nej"}),
        "9101": (
            users["kansli"],
            {k: v for k, v in passing.items() if k != "reports_to_association"},
        ),
    }
    for code, (user, raw) in answers.items():
        response = services.start_response(user, survey, Organisation.objects.get(code=code))
        services.save_answers(user, response, raw)
        if code == "9102":
            services.submit(user, response)
    return survey


def test_secretariat_sees_pass_fail_and_incomplete_with_failing_items(page, membership_test):
    path = f"/associations/klimatkommunerna/surveys/{membership_test.pk}/membership-test/"
    log_in(page, "kansli", path)
    table = page.locator("table#membership-table")
    assert table.is_visible()
    assert table.locator("tbody tr").count() == 11
    counts = page.locator("#outcome-counts")
    assert counts.locator("[data-outcome='pass'] .value").inner_text() == "1"
    assert counts.locator("[data-outcome='fail'] .value").inner_text() == "1"
    assert counts.locator("[data-outcome='incomplete'] .value").inner_text() == "9"
    strandhamn = table.locator("tr[data-code='9102']")
    assert strandhamn.get_attribute("data-outcome") == "pass"
    assert strandhamn.locator(".failing").inner_text().strip() == "–"
    tallnas = table.locator("tr[data-code='9201']")
    assert tallnas.get_attribute("data-outcome") == "fail"
    assert tallnas.locator(".failing").inner_text().strip() == ACTION_PLAN
    assert tallnas.locator(".flag").is_visible()  # a draft, said in words
    ekby = table.locator("tr[data-code='9101']")
    assert ekby.get_attribute("data-outcome") == "incomplete"
    assert ekby.locator(".unanswered").inner_text().strip() == REPORTING
    without = table.locator("tr[data-code='9105'] .unanswered li")
    assert without.count() == 5
    with page.expect_download() as info:
        page.locator("a[href$='/membership-test.csv']").click()
    assert info.value.suggested_filename == "klimatkommunerna-membership-test-2025.csv"
    assert page.console_errors == []


def test_a_member_reads_its_own_result_but_not_anothers(page, membership_test):
    own = f"/o/9201/surveys/{membership_test.pk}/membership-test/"
    log_in(page, "bob", own)
    assert page.locator("#member-outcome").get_attribute("data-outcome") == "fail"
    row = page.locator("#requirements-table tr[data-key='action_plan']")
    assert row.get_attribute("data-outcome") == "fail"
    assert ACTION_PLAN in row.inner_text()
    other = page.goto(f"/o/9102/surveys/{membership_test.pk}/membership-test/")
    assert other.status == 404
    secretariat = page.goto(
        f"/associations/klimatkommunerna/surveys/{membership_test.pk}/membership-test/"
    )
    assert secretariat.status == 403
