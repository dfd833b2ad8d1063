"""Answers are never lost to a stale copy: autosave, the whole form without JavaScript, the API
and the offline workbook name the version they were based on, and an answer somebody else
changed since is not overwritten (409/412 with the current answer); the review, too."""

import json

import pytest

from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys import services
from klimatlaget.surveys.models import Response
from klimatlaget.surveys.offline.layout import META_SHEET

from .test_offline import _bytes, _download, _fill, _post
from .test_secretariat import LIST, _submit

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def response(users, survey):
    return services.start_response(users["alice"], survey, Organisation.objects.get(code="9102"))


def _answers(response):
    return services.answers_of(Response.objects.get(pk=response.pk))


def _draft(client, survey, answers, version):
    body = json.dumps({"answers": answers, "version": version})
    return client.post(f"/o/9102/surveys/{survey.pk}/draft", body, "application/json")


def _elsewhere(users, response, answers):
    """Somebody else (another tab, the workbook, the API) saves answers."""
    return services.save_answers(users["alice"], response, answers).version


def test_a_stale_autosave_of_the_same_answer_is_refused(client, users, survey, response):
    client.force_login(users["alice"])
    opened = response.version
    _elsewhere(users, response, {"comment": "Newer"})
    stale = _draft(client, survey, {"comment": "Older"}, opened)
    assert stale.status_code == 409
    assert stale.json()["changed"] == {"comment": "Newer"}
    assert _answers(response)["comment"] == "Newer"


def test_an_autosave_of_another_answer_is_no_conflict(client, users, survey, response):
    client.force_login(users["alice"])
    opened = response.version
    _elsewhere(users, response, {"comment": "Newer"})
    other = _draft(client, survey, {"budget": "5"}, opened)
    assert other.status_code == 200
    assert _answers(response) == {"comment": "Newer", "budget": 5}


@pytest.mark.parametrize("version", [-1, 999, "v1"])
def test_an_autosave_with_no_real_version_is_refused(client, users, survey, response, version):
    client.force_login(users["alice"])
    assert _draft(client, survey, {"comment": "x"}, version).status_code == 409
    assert "comment" not in _answers(response)


def test_the_form_without_javascript_does_not_overwrite_newer_text(client, users, survey, response):
    client.force_login(users["alice"])
    page = f"/o/9102/surveys/{survey.pk}/"
    opened = client.get(page).context["response"].version
    _elsewhere(users, response, {"comment": "Newer"})
    form = {"action": "save", "version": str(opened), "q-comment": "Older", "q-budget": "7"}
    stale = client.post(page, form)
    assert stale.status_code == 409
    text = stale.content.decode()
    assert 'id="conflict"' in text and "Newer" in text
    assert _answers(response) == {"comment": "Newer"}
    # The page shows the user's text again with the current version: saving again wins.
    again = client.post(page, {**form, "version": str(stale.context["response"].version)})
    assert again.status_code == 302
    assert _answers(response) == {"comment": "Older", "budget": 7}


def test_the_api_honours_if_match_and_the_body_version(client, users, survey, response):
    client.force_login(users["alice"])
    url = f"/api/surveys/{survey.pk}/responses/9102"
    tag = client.get(url).headers["ETag"]
    version = client.get(url).json()["version"]
    _elsewhere(users, response, {"comment": "Newer"})
    body = json.dumps({"answers": {"comment": "Older"}})
    stale = client.patch(url, body, "application/json", headers={"if-match": tag})
    assert stale.status_code == 412 and stale.json()["changed"] == {"comment": "Newer"}
    body = json.dumps({"answers": {"comment": "Older"}, "version": version})
    assert client.patch(url, body, "application/json").status_code == 409
    assert _answers(response)["comment"] == "Newer"


def test_a_stale_workbook_reverts_no_newer_answer(client, users, survey, response):
    client.force_login(users["alice"])
    book = _download(client, survey)
    _fill(book, {"budget": 100})
    _elsewhere(users, response, {"comment": "Newer"})
    refused = _post(client, survey, _bytes(book))
    assert refused.status_code == 422
    errors = refused.context["errors"]
    assert [(e.question, e.sheet, e.cell) for e in errors] == [("comment", "Work", "C3")]
    assert "Newer" in errors[0].message
    assert _answers(response) == {"comment": "Newer"}


@pytest.mark.parametrize("version", [-1, 2.5, "three", None])
def test_a_workbook_with_an_invalid_version_is_refused_naming_the_cell(
    client, users, survey, response, version
):
    client.force_login(users["alice"])
    book = _download(client, survey)
    _fill(book, {"budget": 100})
    meta = book[META_SHEET]
    row = next(r for r in range(1, meta.max_row + 1) if meta.cell(r, 1).value == "version")
    meta.cell(row, 2).value = version
    refused = _post(client, survey, _bytes(book))
    assert refused.status_code == 422
    (error,) = refused.context["errors"]
    assert (error.sheet, error.cell) == (META_SHEET, f"B{row}")
    assert META_SHEET in refused.context["rejected"] and f"B{row}" in refused.context["rejected"]
    assert "budget" not in _answers(response)


def test_the_current_workbook_is_accepted(client, users, survey, response):
    client.force_login(users["alice"])
    _elsewhere(users, response, {"comment": "Newer"})
    book = _download(client, survey)
    _fill(book, {"budget": 100})
    assert _post(client, survey, _bytes(book)).status_code == 302
    assert _answers(response) == {"comment": "Newer", "budget": 100}


def _resubmitted(users, survey):
    """Submitted, returned and submitted again: the version the first review saw is stale."""
    submitted = _submit(users["alice"], survey, "9102")
    seen = submitted.version
    services.return_for_correction(users["kansli"], submitted, "Base year?")
    services.save_answers(users["alice"], submitted, {"comment": "Fixed"})
    services.submit(users["alice"], submitted)
    return seen


def test_a_stale_review_is_refused(client, users, survey):
    seen = _resubmitted(users, survey)
    client.force_login(users["kansli"])
    url = f"/api/surveys/{survey.pk}/responses/9102/approve"
    stale = client.post(url, json.dumps({"version": seen}), "application/json")
    assert stale.status_code == 409
    assert stale.json()["changed"]["status"] == "submitted"
    page = client.post(
        f"{LIST}{survey.pk}/status/9102/review/",
        {"action": "approve", "version": str(seen)},
        follow=True,
    )
    assert "Somebody else saved this" in page.content.decode()
    assert Response.objects.get(member__code="9102").status == "submitted"


def test_a_file_uploaded_elsewhere_is_not_replaced_by_a_stale_page(client, users, survey, response):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(users["alice"])
    opened = response.version
    question = survey.questions.get(key="plan_file")
    services.save_file(users["alice"], response, question, "newer.pdf", "application/pdf", b"%")

    def older():
        return SimpleUploadedFile("older.pdf", b"%PDF", content_type="application/pdf")

    url = f"/o/9102/surveys/{survey.pk}/files/plan_file"
    assert client.post(url, {"file": older(), "version": opened}).status_code == 409
    page = f"/o/9102/surveys/{survey.pk}/"
    form = client.post(page, {"action": "save", "version": opened, "f-plan_file": older()})
    assert form.status_code == 422
    assert "Somebody else saved this" in form.content.decode()
    assert _answers(response)["plan_file"]["name"] == "newer.pdf"


def _prefilled(users, survey):
    """Next year's survey, open, with last year's two answers pre-filled for Strandhamn."""
    from klimatlaget.surveys.building import copy_survey
    from klimatlaget.surveys.models import SurveyState

    strandhamn = Organisation.objects.get(code="9102")
    last_year = services.start_response(users["alice"], survey, strandhamn)
    services.save_answers(users["alice"], last_year, {"has_target": True, "target_year": 2030})
    next_year = copy_survey(survey, 2026)
    next_year.state = SurveyState.OPEN
    next_year.save()
    return next_year, services.start_response(users["alice"], next_year, strandhamn)


def test_a_stale_confirmation_of_prefilled_answers_is_refused(client, users, survey):
    next_year, response = _prefilled(users, survey)
    client.force_login(users["alice"])
    url = f"/api/surveys/{next_year.pk}/responses/9102/confirm-prefilled"
    opened = response.version
    _elsewhere(users, response, {"comment": "Newer"})
    stale = client.post(url, content_type="application/json", headers={"if-match": f'"v{opened}"'})
    assert stale.status_code == 412 and stale.json()["changed"] == {"comment": "Newer"}
    body = json.dumps({"version": opened})
    assert client.post(url, body, "application/json").status_code == 409
    page = client.post(f"/o/9102/surveys/{next_year.pk}/", {"action": "confirm", "version": opened})
    assert page.status_code == 409 and 'id="conflict"' in page.content.decode()
    assert response.answers.filter(confirmed=False).count() == 2
    current = json.dumps({"version": Response.objects.get(pk=response.pk).version})
    confirmed = client.post(url, current, "application/json")
    assert confirmed.status_code == 200 and confirmed.json()["confirmed"] == 2


def test_a_stale_submit_is_refused(client, users, survey, response):

    client.force_login(users["alice"])
    opened = _elsewhere(users, response, {"has_target": "nej"})
    question = survey.questions.get(key="plan_file")
    services.save_file(users["alice"], response, question, "newer.pdf", "application/pdf", b"%")
    url = f"/api/surveys/{survey.pk}/responses/9102/submit"
    stale = client.post(url, content_type="application/json", headers={"if-match": f'"v{opened}"'})
    assert stale.status_code == 412 and stale.json()["changed"]["plan_file"]["name"] == "newer.pdf"
    assert client.post(url, json.dumps({"version": opened}), "application/json").status_code == 409
    # The page without JavaScript posts no file: it never showed the one uploaded since.
    page = f"/o/9102/surveys/{survey.pk}/"
    form = {"action": "submit", "version": str(opened), "q-has_target": "no"}
    refused = client.post(page, form)
    assert refused.status_code == 409 and "newer.pdf" in refused.content.decode()
    assert Response.objects.get(pk=response.pk).status == "in_progress"
    shown = refused.context["response"].version
    assert client.post(page, {**form, "version": str(shown)}).status_code == 302
    assert Response.objects.get(pk=response.pk).status == "submitted"
