"""A survey's sections and questions may carry English texts: English pages show them (the
Swedish text where there is none), the secretariat edits them, and the shipped templates give
them."""

import pytest
from django.conf import settings

from klimatlaget.surveys.blueprints import BUILDERS, definition
from klimatlaget.surveys.building import create_survey, definition_of
from klimatlaget.surveys.models import Question, Section, SurveyState

LIST = "/associations/klimatkommunerna/surveys/"


@pytest.fixture
def klimatlaget(association):
    survey = create_survey(association, 2025, "klimatlaget", definition("klimatlaget", 2025))
    survey.state = SurveyState.OPEN
    survey.save()
    return survey


def _in(client, language: str) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_the_shipped_templates_give_every_text_in_english(kind):
    content = definition(kind, 2025)
    for section in content["sections"]:
        assert section["title_en"], section["key"]
        for question in section["questions"]:
            assert question["text_en"], question["key"]
            assert bool(question["help_text_en"]) == bool(question.get("help_text")), question
            for item in [*question.get("choices", []), *question.get("columns", [])]:
                assert item["label_en"], (question["key"], item["key"])


def test_english_pages_show_the_english_texts_and_swedish_pages_the_swedish(
    client, users, klimatlaget
):
    Question.objects.filter(survey=klimatlaget, key="comment").update(text_en="")
    client.force_login(users["alice"])
    url = f"/o/9102/surveys/{klimatlaget.pk}/"
    _in(client, "en")
    english = client.get(url).content.decode()
    assert "Overall climate target" in english and "Övergripande klimatmål" not in english
    assert "Does the municipality have a climate strategy or climate plan?" in english
    assert "Yes, as a working document" in english
    assert "Något mer ni vill berätta om kommunens klimatarbete?" in english  # no English
    _in(client, "sv")
    swedish = client.get(url).content.decode()
    assert "Övergripande klimatmål" in swedish and "Overall climate target" not in swedish
    assert "Ja, som arbetsmaterial" in swedish


def test_submit_problems_name_the_question_in_the_pages_language(client, users, klimatlaget):
    client.force_login(users["alice"])
    url = f"/o/9102/surveys/{klimatlaget.pk}/"
    _in(client, "en")
    refused = client.post(url, {"action": "submit"}).content.decode()
    assert "The question “Does the municipality have a politically adopted overall" in refused
    assert "overall_target_exists must" not in refused


def test_the_results_speak_english_on_english_pages(client, users, klimatlaget):
    from klimatlaget.organisations.models import Organisation
    from klimatlaget.surveys import services
    from klimatlaget.surveys.models import ResponseStatus

    strandhamn = Organisation.objects.get(code="9102")
    response = services.start_response(users["alice"], klimatlaget, strandhamn)
    services.save_answers(users["alice"], response, {"climate_neutrality_target": "ja"})
    response.status = ResponseStatus.SUBMITTED
    response.save()
    client.force_login(users["kansli"])
    _in(client, "en")
    page = client.get(f"{LIST}{klimatlaget.pk}/statistics/").content.decode()
    assert "Overall climate target" in page
    assert "Does the municipality have a climate neutrality (net zero) target?" in page


def test_the_secretariat_edits_the_english_texts_of_an_open_survey(client, users, survey):
    client.force_login(users["kansli"])
    _in(client, "en")
    base = f"{LIST}{survey.pk}/"
    section = {"key": "work", "title": "Arbete", "title_en": "Work", "description_en": "How"}
    assert client.post(f"{base}sections/work/", section).status_code == 302
    question = {
        "section": "work",
        "key": "budget",
        "kind": "number",
        "text": "Klimatbudget?",
        "text_en": "Climate budget?",
        "help_text_en": "In kronor.",
        "max_rows": "50",
        "max_file_mb": "10",
    }
    assert client.post(f"{base}questions/budget/", question).status_code == 302
    work = Section.objects.get(survey=survey, key="work")
    assert (work.title_en, work.description_en) == ("Work", "How")
    budget = Question.objects.get(survey=survey, key="budget")
    assert (budget.text_en, budget.help_text_en) == ("Climate budget?", "In kronor.")
    edit = client.get(f"{base}questions/budget/").content.decode()
    assert "Climate budget?</textarea>" in edit
    copied = definition_of(survey)
    assert copied["sections"][1]["title_en"] == "Work"


def test_the_api_edits_the_english_texts(client, users, survey):
    client.force_login(users["kansli"])
    response = client.patch(
        f"/api/surveys/{survey.pk}/questions/budget",
        {"text_en": "Climate budget?"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["text_en"] == "Climate budget?"
    section = client.patch(
        f"/api/surveys/{survey.pk}/sections/work",
        {"title_en": "Work"},
        content_type="application/json",
    )
    assert section.status_code == 200, section.content
    assert section.json()["title_en"] == "Work"
