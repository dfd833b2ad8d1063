"""No writes around the change log: Django's admin shows the project's models but refuses to add,
change or delete them, even for a superuser (their services are the only writers)."""

import pytest
from django.contrib import admin
from django.db import models
from django.urls import reverse

from klimatlaget.surveys import services
from klimatlaget.surveys.building import create_survey
from klimatlaget.surveys.models import Question, Response, Section, Survey
from surveys.conftest import EVERY_KIND


def project_models() -> list[type[models.Model]]:
    return [m for m in admin.site._registry if m.__module__.startswith("klimatlaget.")]


@pytest.fixture
def superuser(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.org", "pw-root")
    client.force_login(user)
    return user


@pytest.fixture
def answered(users):
    from klimatlaget.demo.association import load_memberships
    from klimatlaget.organisations.models import Organisation

    association = load_memberships(example=True).association
    survey = create_survey(association, 2025, "klimatlaget", EVERY_KIND)
    survey.state = "open"
    survey.save()
    member = Organisation.objects.get(code="9102")
    return services.start_response(users["alice"], survey, member)


def _url(model: type[models.Model], view: str, *args: object) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_the_admin_shows_but_refuses_to_add_change_or_delete(client, superuser, answered):
    survey = answered.survey
    objects = {Survey: survey, Response: answered}
    assert set(project_models()) == set(objects)  # a newly registered model needs a row here
    for model, obj in objects.items():
        assert client.get(_url(model, "changelist")).status_code == 200
        assert client.get(_url(model, "change", obj.pk)).status_code == 200
        assert client.get(_url(model, "add")).status_code == 403
        assert client.post(_url(model, "add"), {"title": "New"}).status_code == 403
        assert client.post(_url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
        assert model.objects.filter(pk=obj.pk).exists()


def test_posting_sections_and_questions_through_the_admin_changes_nothing(
    client, superuser, answered
):
    survey = answered.survey
    question = survey.questions.get(key="comment")
    section = question.section
    prefix_s, prefix_q = "sections", "questions"
    form = {
        "title": "Hijacked",
        "association": survey.association_id,
        "year": survey.year,
        "kind": survey.kind,
        "state": survey.state,
        f"{prefix_s}-TOTAL_FORMS": "1",
        f"{prefix_s}-INITIAL_FORMS": "1",
        f"{prefix_s}-0-id": section.pk,
        f"{prefix_s}-0-survey": survey.pk,
        f"{prefix_s}-0-title": "Hijacked section",
        f"{prefix_s}-0-key": section.key,
        f"{prefix_s}-0-order": section.order,
        f"{prefix_q}-TOTAL_FORMS": "1",
        f"{prefix_q}-INITIAL_FORMS": "1",
        f"{prefix_q}-0-id": question.pk,
        f"{prefix_q}-0-survey": survey.pk,
        f"{prefix_q}-0-text": "Hijacked question",
        f"{prefix_q}-0-DELETE": "on",
    }
    refused = client.post(_url(Survey, "change", survey.pk), form)
    assert refused.status_code == 403
    survey.refresh_from_db()
    assert survey.title == EVERY_KIND["title"]
    assert Section.objects.get(pk=section.pk).title == section.title
    assert Question.objects.get(pk=question.pk).text == question.text
    refused = client.post(_url(Response, "change", answered.pk), {"status": "approved"})
    assert refused.status_code == 403
    answered.refresh_from_db()
    assert answered.status != "approved"
