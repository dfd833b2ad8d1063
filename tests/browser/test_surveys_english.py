"""In the browser: a survey's sections and questions read in English on English pages (where the
template gives an English text) and in Swedish on Swedish ones."""

import pytest
from playwright.sync_api import expect

from browser.helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def klimatlaget_survey(users):
    from klimatlaget.demo.association import load_memberships
    from klimatlaget.surveys.blueprints import definition
    from klimatlaget.surveys.building import create_survey
    from klimatlaget.surveys.models import SurveyState

    association = load_memberships(example=True).association
    survey = create_survey(association, 2025, "klimatlaget", definition("klimatlaget", 2025))
    survey.state = SurveyState.OPEN
    survey.save()
    return survey


def test_the_questionnaire_reads_in_the_pages_language(page, klimatlaget_survey):
    url = f"/o/9102/surveys/{klimatlaget_survey.pk}/"
    log_in(page, "alice", url)
    overall = page.locator("#heading-overall")
    expect(overall).to_have_text("Övergripande klimatmål")
    page.get_by_role("button", name="English").click()
    page.wait_for_selector("html[lang=en]")
    expect(overall).to_have_text("Overall climate target")
    question = page.locator("#question-overall_target_exists .question-text")
    expect(question).to_contain_text("politically adopted overall target")
    page.locator("#q-overall_target_exists-yes").check()
    help_text = page.locator("#help-overall_target_count")
    expect(help_text).to_contain_text("Pre-filled from the platform's target register")
    expect(page.locator("#question-climate_plan_status")).to_contain_text(
        "Yes, as a working document"
    )
    assert page.console_errors == []
