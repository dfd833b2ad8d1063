"""In the browser: the secretariat follows the survey on the status board, returns one
response for correction, approves another and sends reminders."""

import pytest

from browser.helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEFINITION = {
    "title": "Testenkät 2025",
    "sections": [
        {
            "key": "targets",
            "title": "Targets",
            "questions": [
                {"key": "has_target", "kind": "yes_no", "text": "Target?", "required": True},
                {
                    "key": "measures",
                    "kind": "table",
                    "text": "Measures",
                    "columns": [{"key": "name", "label": "Measure", "kind": "text"}],
                },
            ],
        }
    ],
}


@pytest.fixture
def submitted(users):
    """The open 2025 survey with Strandhamn (alice, 9102) and Tallnäs (bob, 9201) submitted."""
    from klimatlaget.demo.association import load_example_contacts_and_board, load_memberships
    from klimatlaget.organisations.models import Organisation
    from klimatlaget.surveys import services
    from klimatlaget.surveys.building import create_survey
    from klimatlaget.surveys.models import SurveyState

    association = load_memberships(example=True).association
    load_example_contacts_and_board(association)
    survey = create_survey(association, 2025, "klimatlaget", DEFINITION)
    survey.state = SurveyState.OPEN
    survey.save()
    for user, code in (("alice", "9102"), ("bob", "9201")):
        member = Organisation.objects.get(code=code)
        response = services.start_response(users[user], survey, member)
        services.save_answers(users[user], response, {"has_target": "nej"})
        services.submit(users[user], response)
    return survey


def test_secretariat_returns_one_response_and_approves_another(page, submitted):
    from klimatlaget.surveys.models import Dispatch

    board = f"/associations/klimatkommunerna/surveys/{submitted.pk}/status/"
    log_in(page, "kansli", board)
    table = page.locator("table#status-table")
    assert table.locator("tbody tr").count() == 11
    assert table.locator("tr[data-code='9102']").get_attribute("data-status") == "submitted"
    assert page.locator("#status-counts [data-status='submitted'] dd").inner_text() == "2"
    assert page.locator("figure.chart svg:visible").count() == 1

    page.locator("#return-open-9201").click()
    page.locator("#comment-9201").fill("Vilket basår gäller?")
    page.locator("#return-9201").click()
    page.wait_for_url(f"**{board}")
    tallnas = table.locator("tr[data-code='9201']")
    assert tallnas.get_attribute("data-status") == "returned"
    assert "Vilket basår gäller?" in tallnas.inner_text()

    page.locator("#approve-9102").click()
    page.wait_for_url(f"**{board}")
    assert table.locator("tr[data-code='9102']").get_attribute("data-status") == "approved"
    assert page.locator("#status-counts [data-status='approved'] dd").inner_text() == "1"
    assert table.locator("#approve-9102").count() == 0

    page.locator("#send-reminders").click()
    count = page.locator("#dispatch-count")
    assert count.get_attribute("data-members") == "1"  # Tallnäs; Strandhamn is approved
    assert page.locator("#no-contact-members li").count() == 9
    page.locator("#confirm-dispatch").click()
    page.wait_for_url(f"**{board}")
    assert Dispatch.objects.filter(kind="reminder", member__code="9201").count() == 1
    assert table.locator("tr[data-code='9201'] td[data-dispatch='reminder']").count() == 1
    assert page.console_errors == []


def test_secretariat_creates_next_years_survey(page, submitted):
    log_in(page, "kansli", "/associations/klimatkommunerna/surveys/")
    page.locator("#id_year").fill("2026")
    page.locator("#id_kind").select_option("klimatlaget")
    page.locator("input[name='source'][value='copy']").check()
    page.locator("#create-survey-button").click()
    page.wait_for_url("**/associations/klimatkommunerna/surveys/*/")
    assert page.locator("#survey-facts").get_attribute("data-state") == "draft"
    assert page.locator("tr[data-key='measures']").count() == 1
    page.locator("#id_deadline").fill("2026-03-31")
    page.locator("#id_state").select_option("open")
    page.locator("#save-settings").click()
    page.wait_for_load_state()
    assert page.locator("#survey-facts").get_attribute("data-state") == "open"
    page.goto("/associations/klimatkommunerna/surveys/")
    assert page.locator("#survey-table tbody tr").count() == 2
    assert page.console_errors == []


def test_an_editor_is_refused_the_status_board(page, submitted):
    board = f"/associations/klimatkommunerna/surveys/{submitted.pk}/status/"
    page.goto(f"/accounts/login/?next={board}")
    page.get_by_label("Användarnamn").fill("alice")
    page.get_by_label("Lösenord").fill("pw-alice")
    statuses: list[int] = []
    page.on("response", lambda r: statuses.append(r.status) if "/status/" in r.url else None)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"**{board}")
    assert 403 in statuses
    assert page.locator("table#status-table").count() == 0


def test_an_overdue_survey_is_marked_on_the_list_and_the_board(page, submitted):
    import datetime

    from django.utils import timezone

    from klimatlaget.surveys.models import Survey

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Survey.objects.filter(pk=submitted.pk).update(deadline=yesterday)
    log_in(page, "kansli", "/associations/klimatkommunerna/surveys/")
    row = page.locator(f"#survey-table tr[data-survey='{submitted.pk}']")
    assert row.get_attribute("data-overdue") == "true"
    assert row.locator(".flag.overdue").is_visible()

    row.get_by_role("link", name="Statustavla").click()
    assert page.locator("#overdue-notice").is_visible()
    assert page.locator("#status-table tr[data-overdue='true']").count() == 9
    assert page.locator("#status-table tr[data-code='9102']").get_attribute("data-overdue") is None
