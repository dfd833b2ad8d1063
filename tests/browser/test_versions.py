"""In the browser: a stale copy never silently overwrites a newer one. Autosave on the
questionnaire shows the conflict beside the answer somebody else changed; a stale edit form is
shown again with what changed, and saved only when sent again."""

import re

import pytest
from playwright.sync_api import expect

from browser.helpers import log_in
from browser.test_surveys_answering import _answers, open_survey  # noqa: F401 - a fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _alice():
    from klimatlaget.accounts.models import Role

    return Role.objects.get(organisation__code="9102").user


def _elsewhere(answers):
    """Somebody else saves answers for Strandhamn (another tab, the API, a workbook)."""
    from klimatlaget.organisations.models import Organisation
    from klimatlaget.surveys import services
    from klimatlaget.surveys.models import Response

    response = Response.objects.get(member=Organisation.objects.get(code="9102"))
    services.save_answers(_alice(), response, answers)


def test_autosave_shows_a_conflict_instead_of_overwriting(page, open_survey):  # noqa: F811
    log_in(page, "alice", f"/o/9102/surveys/{open_survey.pk}/")
    _elsewhere({"comment": "Newer, from elsewhere"})
    page.locator("#q-comment").fill("Older, from this page")
    expect(page.locator("#problem-comment")).to_contain_text("Newer, from elsewhere")
    expect(page.locator("#save-status")).to_have_class(re.compile("trouble"))
    assert _answers()["comment"] == "Newer, from elsewhere"

    # Another answer is no conflict; one changed elsewhere meanwhile is named when it comes back.
    _elsewhere({"plan_link": "https://elsewhere.example"})
    page.locator("#q-budget").fill("5")
    expect(page.locator("#problem-plan_link")).to_contain_text("elsewhere.example")
    assert _answers()["budget"] == 5
    page.locator("#q-plan_link").fill("https://older.example")  # not sent: it changed elsewhere
    with page.expect_navigation():
        page.locator("#save-draft").click()  # the whole form: stale for comment and plan_link
    expect(page.locator("#conflict")).to_be_visible()
    assert _answers() == {
        "comment": "Newer, from elsewhere",
        "plan_link": "https://elsewhere.example",
        "budget": 5,
    }
    with page.expect_navigation():
        page.locator("#save-draft").click()  # shown again with the current version: it wins
    expect(page.locator("#conflict")).to_have_count(0)
    assert _answers()["comment"] == "Older, from this page"
    assert _answers()["plan_link"] == "https://older.example"


def test_a_stale_profile_form_is_shown_again_with_what_changed(page, users):
    from klimatlaget.organisations.models import Organisation
    from klimatlaget.organisations.services import update_profile

    log_in(page, "alice", "/o/9102/edit/")
    strandhamn = Organisation.objects.get(code="9102")
    update_profile(users["alice"], strandhamn, {"description": "Newer, from elsewhere"})
    page.locator("#id_description").fill("Older, from this page")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_load_state()
    expect(page.locator(".errorlist")).to_contain_text("Newer, from elsewhere")
    expect(page.locator("#id_description")).to_have_value("Older, from this page")
    assert Organisation.objects.get(code="9102").description == "Newer, from elsewhere"

    page.get_by_role("button", name="Spara").click()  # now knowingly
    page.wait_for_url("**/o/9102/")
    assert Organisation.objects.get(code="9102").description == "Older, from this page"
    assert page.console_errors == []


def test_a_file_answer_changed_elsewhere_is_not_replaced_by_the_page(page, open_survey, tmp_path):  # noqa: F811
    from klimatlaget.organisations.models import Organisation
    from klimatlaget.surveys import services
    from klimatlaget.surveys.models import Response

    log_in(page, "alice", f"/o/9102/surveys/{open_survey.pk}/")
    plan = tmp_path / "plan.pdf"
    plan.write_bytes(b"%PDF-1.4")
    page.locator("#question-plan_file input[type=file]").set_input_files(str(plan))
    expect(page.locator("#current-plan_file a")).to_have_text("plan.pdf")

    response = Response.objects.get(member=Organisation.objects.get(code="9102"))
    question = open_survey.questions.get(key="plan_file")
    services.save_file(_alice(), response, question, "newer.pdf", "x", b"%")
    page.locator("#question-plan_file input[type=file]").set_input_files(str(plan))
    expect(page.locator("#problem-plan_file")).not_to_be_empty()
    assert _answers()["plan_file"]["name"] == "newer.pdf"
