"""In the browser: the secretariat adds a yes/no question and a year question shown only when
it is answered yes to a survey being prepared, opens the survey, and a member's editor sees
both in the questionnaire."""

import pytest
from playwright.sync_api import expect

from browser.helpers import log_in
from surveys.conftest import EVERY_KIND

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def draft_survey(users):
    from klimatlaget.demo.association import load_memberships
    from klimatlaget.surveys.building import create_survey

    association = load_memberships(example=True).association
    return create_survey(association, 2025, "klimatlaget", EVERY_KIND)


def _add_question(page, **fields):
    page.locator("#add-question-work").click()
    page.wait_for_url("**/questions/add/?section=work")
    page.locator("#id_key").fill(fields["key"])
    page.locator("#id_kind").select_option(fields["kind"])
    page.locator("#id_text").fill(fields["text"])
    if "condition" in fields:
        page.locator("#id_condition_question").select_option(fields["condition"])
        page.locator("#id_condition_value").fill(fields["equals"])
    page.locator("#save-question").click()
    expect(page.locator(f"tr[data-key='{fields['key']}']")).to_be_visible()


def test_the_secretariat_adds_a_conditional_question_that_the_member_answers(page, draft_survey):
    from klimatlaget.audit.models import AuditEntry

    overview = f"/associations/klimatkommunerna/surveys/{draft_survey.pk}/"
    log_in(page, "kansli", overview)
    expect(page.locator("#survey-facts")).to_have_attribute("data-state", "draft")
    _add_question(page, key="cycling_target", kind="yes_no", text="Har ni ett cykelmål?")
    _add_question(
        page,
        key="cycling_year",
        kind="year",
        text="Vilket år ska målet nås?",
        condition="cycling_target",
        equals="ja",
    )
    row = page.locator("tr[data-key='cycling_year']")
    expect(row).to_contain_text("cycling_target")

    # A wrong key is explained on the form and nothing is added.
    page.locator("#add-question-work").click()
    page.locator("#id_key").fill("cycling_target")
    page.locator("#id_text").fill("Igen?")
    page.locator("#save-question").click()
    expect(page.locator("#form-errors")).to_be_visible()
    expect(page.locator("#question-form")).to_contain_text("Nyckeln cycling_target används redan")
    page.goto(overview)

    page.locator("#id_state").select_option("open")
    page.locator("#save-settings").click()
    expect(page.locator("#survey-facts")).to_have_attribute("data-state", "open")
    expect(page.locator("#remove-cycling_year")).to_have_count(0)  # structure is fixed now
    assert AuditEntry.objects.filter(action="klimatlaget.survey.question_added").count() == 2

    page.context.clear_cookies()
    log_in(page, "alice", f"/o/9102/surveys/{draft_survey.pk}/")
    expect(page.locator("#question-cycling_target")).to_contain_text("Har ni ett cykelmål?")
    year = page.locator("#question-cycling_year")
    expect(year).to_be_hidden()
    page.locator("#q-cycling_target-yes").check()
    expect(year).to_be_visible()
    expect(year).to_contain_text("Vilket år ska målet nås?")
    page.locator("#q-cycling_target-no").check()
    expect(year).to_be_hidden()
    assert page.console_errors == []
