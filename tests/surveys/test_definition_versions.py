"""A survey's settings, sections and questions changed from a stale copy: a change to the same
setting, section or question since is not overwritten (API 409/412, pages shown again); changes
to other parts are no conflict."""

import json

import pytest

from klimatlaget.surveys.models import Question, Section, Survey
from klimatlaget.surveys.secretariat import editing, running

from .test_editing import LIST, _question_post, kansli  # noqa: F401 - a fixture

pytestmark = pytest.mark.usefixtures("english")

API = "/api/surveys"


def _patch(client, url, body, **headers):
    return client.patch(url, json.dumps(body), "application/json", headers=headers)


def test_a_stale_question_patch_is_refused_but_another_question_is_not(client, kansli, survey):  # noqa: F811
    client.force_login(kansli)
    tag = client.get(f"{API}/{survey.pk}/definition").headers["ETag"]
    editing.change_question(kansli, survey, "budget", {"text": "Newer?"})
    url = f"{API}/{survey.pk}/questions/budget"
    stale = _patch(client, url, {"text": "Older?"}, if_match=tag)
    assert stale.status_code == 412
    assert stale.json()["changed"]["question:budget"]["text"] == "Newer?"
    assert Question.objects.get(key="budget").text == "Newer?"
    other = _patch(client, f"{API}/{survey.pk}/questions/comment", {"text": "Else?"}, if_match=tag)
    assert other.status_code == 200
    body = {"title": "Older", "version": int(tag.strip('"v'))}
    section = _patch(client, f"{API}/{survey.pk}/sections/work", body)
    assert section.status_code == 200  # the section itself did not change


def test_a_stale_section_delete_and_settings_patch_are_refused(client, kansli, survey):  # noqa: F811
    client.force_login(kansli)
    version = client.get(f"{API}/{survey.pk}/definition").headers["ETag"]
    editing.change_section(kansli, survey, "work", {"title": "Newer"})
    running.update_settings(kansli, survey, title="Newer title")
    url = f"{API}/{survey.pk}/sections/work"
    assert client.delete(url, headers={"if-match": version}).status_code == 412
    stale = _patch(client, f"{API}/{survey.pk}", {"title": "Older title", "version": 0})
    assert stale.status_code == 409 and stale.json()["changed"] == {"title": "Newer title"}
    assert Survey.objects.get().title == "Newer title"
    assert Section.objects.get(key="work").title == "Newer"


def test_stale_editing_pages_save_nothing(client, kansli, survey):  # noqa: F811
    client.force_login(kansli)
    question = f"{LIST}{survey.pk}/questions/budget/"
    opened = client.get(question).context["form"]["version"].value()
    editing.change_question(kansli, survey, "budget", {"text": "Newer?"})
    posted = _question_post(key="budget", kind="number", text="Older?", version=opened)
    stale = client.post(question, posted)
    assert stale.status_code == 200 and stale.context["form"].non_field_errors()
    assert Question.objects.get(key="budget").text == "Newer?"

    overview = f"{LIST}{survey.pk}/"
    form = client.get(overview).context["form"]
    running.update_settings(kansli, survey, title="Newer title")
    settings = {"title": "Older title", "state": survey.state, "version": form["version"].value()}
    refused = client.post(overview, settings)
    assert refused.status_code == 200 and refused.context["form"].non_field_errors()
    assert Survey.objects.get().title == "Newer title"

    editing.change_section(kansli, survey, "targets", {"title": "Newer"})
    delete = f"{LIST}{survey.pk}/sections/targets/delete/"
    page = client.post(delete, {"version": opened}, follow=True)
    assert "Somebody else saved this" in page.content.decode()
    assert Section.objects.filter(key="targets").exists()
