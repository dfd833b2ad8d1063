"""In the browser: a member's editor answers the survey, with conditions, a table, autosave
(also across a lost connection), a reload and submitting."""

import re
import time

import pytest
from playwright.sync_api import expect

from browser.helpers import log_in
from surveys.conftest import EVERY_KIND

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def open_survey(users):
    from klimatlaget.demo.association import load_memberships
    from klimatlaget.surveys.building import create_survey
    from klimatlaget.surveys.models import SurveyState

    association = load_memberships(example=True).association
    survey = create_survey(association, 2025, "klimatlaget", EVERY_KIND)
    survey.state = SurveyState.OPEN
    survey.save()
    return survey


def _answers():
    from klimatlaget.organisations.models import Organisation
    from klimatlaget.surveys.models import Response
    from klimatlaget.surveys.services import answers_of

    response = Response.objects.filter(member=Organisation.objects.get(code="9102")).first()
    return {} if response is None else answers_of(response)


def _saved(page):
    expect(page.locator("#save-status")).to_have_text(re.compile(r"^Sparat \d"), timeout=10_000)


def test_alice_answers_reloads_and_submits(page, open_survey):
    log_in(page, "alice", f"/o/9102/surveys/{open_survey.pk}/")
    year = page.locator("#question-target_year")
    expect(year).to_be_hidden()
    page.locator("#q-has_target-yes").check()
    expect(year).to_be_visible()
    page.locator("#q-target_year").fill("2030")
    page.locator("#q-target_kind-territory").check()
    page.locator("#q-sectors-transport").check()
    page.locator("#q-sectors-food").check()
    page.locator("#q-budget").fill("12 500,5")
    page.locator("#q-comment").fill("Vi jobbar på.")
    measures = page.locator("#question-measures")
    measures.locator("input[data-column=name]").first.fill("Biogas buses")
    measures.locator("input[data-column=tonnes]").first.fill("120")
    measures.get_by_role("button", name="Lägg till rad").click()
    expect(measures.locator("tbody tr")).to_have_count(2)
    _saved(page)
    expect(page.locator("[data-progress=answered]")).to_have_text("2")
    assert _answers()["measures"] == [{"name": "Biogas buses", "tonnes": 120, "done": None}]

    page.reload()
    expect(page.locator("#q-has_target-yes")).to_be_checked()
    expect(page.locator("#q-target_year")).to_have_value("2030")
    expect(page.locator("#q-sectors-food")).to_be_checked()
    expect(page.locator("#q-budget")).to_have_value("12500.5")
    expect(measures.locator("input[data-column=name]").first).to_have_value("Biogas buses")
    expect(page.locator("#q-comment")).to_have_value("Vi jobbar på.")

    page.locator("#submit-response").click()
    page.wait_for_load_state()
    expect(page.locator("#response-status")).to_have_attribute("data-status", "submitted")
    expect(page.locator("#read-only-note")).to_be_visible()
    expect(page.locator("#survey-form")).to_have_count(0)
    expect(page.locator("#answer-target_year")).to_contain_text("2030")
    assert page.console_errors == []


def test_a_lost_connection_keeps_the_change_and_saves_it_later(page, open_survey):
    log_in(page, "alice", f"/o/9102/surveys/{open_survey.pk}/")
    page.locator("#q-comment").fill("first")
    _saved(page)
    page.context.set_offline(True)
    page.locator("#q-comment").fill("written offline")
    expect(page.locator("#save-status")).to_have_text("Inte sparat – försöker igen", timeout=10_000)
    stored = page.evaluate(
        "Object.keys(localStorage).filter(k => k.startsWith('klimatlaget-survey'))"
    )
    assert len(stored) == 1
    assert _answers()["comment"] == "first"
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    _saved(page)
    assert _answers()["comment"] == "written offline"
    assert page.evaluate(f"localStorage.getItem({stored[0]!r})") is None
    errors = [e for e in page.console_errors if "ERR_INTERNET_DISCONNECTED" not in e]
    assert errors == []


def test_a_busy_server_is_waited_for_as_it_asks_and_the_user_told(page, open_survey):
    """The first autosave meets 503 with Retry-After: 1; the page says it waits, then saves."""
    log_in(page, "alice", f"/o/9102/surveys/{open_survey.pk}/")
    page.evaluate(
        """() => {
          window.statuses = [];
          const line = document.getElementById("save-status");
          new MutationObserver(() => window.statuses.push(line.textContent))
            .observe(line, {childList: true, characterData: true, subtree: true});
        }"""
    )
    answered_at: list[float] = []

    def busy_once(route):
        answered_at.append(time.monotonic())
        if len(answered_at) == 1:
            route.fulfill(status=503, headers={"Retry-After": "1"}, json={"detail": "busy"})
        else:
            route.continue_()

    page.route(f"**/o/9102/surveys/{open_survey.pk}/draft", busy_once)
    page.locator("#q-comment").fill("saved after the wait")
    _saved(page)
    assert _answers()["comment"] == "saved after the wait"
    assert len(answered_at) == 2 and answered_at[1] - answered_at[0] >= 1
    waiting = page.evaluate("document.getElementById('survey-form').dataset.textBusy")
    assert waiting.replace("%(seconds)s", "1") in page.evaluate("window.statuses")
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^Sparat \d"))  # the same line
    assert [error for error in page.console_errors if "503" not in error] == []


@pytest.fixture
def prefilled_survey(users, open_survey):
    """Next year's survey, open, with last year's two answers pre-filled for Strandhamn."""
    from klimatlaget.organisations.models import Organisation
    from klimatlaget.surveys import services
    from klimatlaget.surveys.building import copy_survey
    from klimatlaget.surveys.models import SurveyState

    strandhamn = Organisation.objects.get(code="9102")
    last_year = services.start_response(users["alice"], open_survey, strandhamn)
    services.save_answers(users["alice"], last_year, {"has_target": True, "target_year": 2030})
    next_year = copy_survey(open_survey, 2026)
    next_year.state = SurveyState.OPEN
    next_year.save()
    return next_year


def test_confirming_after_autosaves_is_no_conflict_but_a_change_elsewhere_is(
    page, users, prefilled_survey
):
    """The confirm button posts the version the page has autosaved to; a change somebody else
    made since refuses it and shows what changed."""
    from klimatlaget.surveys import services
    from klimatlaget.surveys.models import Response

    log_in(page, "alice", f"/o/9102/surveys/{prefilled_survey.pk}/")
    page.locator("#q-comment").fill("mine")
    _saved(page)
    response = Response.objects.get(survey=prefilled_survey, member__code="9102")
    services.save_answers(users["alice"], response, {"budget": 99})  # another tab
    page.locator("#confirm-prefilled").click()
    expect(page.locator("#conflict")).to_be_visible()
    expect(page.locator("#problem-budget")).to_contain_text("99")
    assert response.answers.filter(confirmed=False).count() == 2
    page.locator("#q-comment").fill("mine, again")  # autosaved: the version moves on
    _saved(page)
    page.locator("#confirm-prefilled").click()
    expect(page.locator("#confirm-prefilled")).to_have_count(0)
    assert not response.answers.filter(confirmed=False).exists()
    assert [e for e in page.console_errors if "409" not in e] == []


def test_a_wrong_answer_is_named_beside_the_question(page, open_survey):
    log_in(page, "alice", f"/o/9102/surveys/{open_survey.pk}/")
    page.locator("#q-budget").fill("a lot")
    expect(page.locator("#problem-budget")).to_have_text("Ange ett tal, fick 'a lot'.")
    page.locator("#q-budget").fill("-1")
    expect(page.locator("#problem-budget")).to_contain_text("minst 0")
    page.locator("#q-budget").fill("5")
    expect(page.locator("#problem-budget")).to_have_text("")
    _saved(page)
    assert _answers()["budget"] == 5


def test_unsent_changes_are_restored_on_reload_unless_the_server_is_newer(page, open_survey):
    log_in(page, "alice", f"/o/9102/surveys/{open_survey.pk}/")
    page.locator("#q-comment").fill("on the server")
    _saved(page)  # the server's version is now 1
    key = f"klimatlaget-survey-{open_survey.pk}-9102"
    stale = '{"version": 0, "answers": {"comment": "stale"}}'
    page.evaluate(f"localStorage.setItem({key!r}, {stale!r})")
    page.reload()
    expect(page.locator("#q-comment")).to_have_value("on the server")
    unsent = '{"version": 1, "answers": {"comment": "never sent"}}'
    page.evaluate(f"localStorage.setItem({key!r}, {unsent!r})")
    page.reload()
    expect(page.locator("#q-comment")).to_have_value("never sent")
    _saved(page)
    assert _answers()["comment"] == "never sent"


def test_from_the_organisation_page_to_the_questionnaire(page, open_survey):
    log_in(page, "alice", "/o/9102/")
    page.locator("#member-surveys-link").click()
    page.wait_for_url("**/o/9102/surveys/")
    row = page.locator(f"#member-surveys tr[data-survey='{open_survey.pk}']")
    expect(row).to_contain_text("Testenkät 2025")
    expect(row.locator(".response-status")).to_have_text("Inte påbörjad")
    row.get_by_role("link").click()
    page.wait_for_url(f"**/o/9102/surveys/{open_survey.pk}/")
    expect(page.locator("#survey-form")).to_be_visible()
    expect(page.locator("#progress")).to_contain_text("0")
    assert page.console_errors == []


def test_the_secretariat_reads_the_response_without_a_form(page, open_survey):
    from django.contrib.auth import get_user_model

    from klimatlaget.organisations.models import Organisation
    from klimatlaget.surveys import services

    user = get_user_model().objects.get(username="alice")
    response = services.start_response(user, open_survey, Organisation.objects.get(code="9102"))
    services.save_answers(user, response, {"comment": "Till kansliet"})
    url = f"/o/9102/surveys/{open_survey.pk}/"
    log_in(page, "kansli", url)
    expect(page.locator("#survey-form")).to_have_count(0)
    expect(page.locator("#answer-comment")).to_have_text("Till kansliet")
    assert page.console_errors == []
