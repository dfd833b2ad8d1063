"""Entries written before the log knew its subjects are classified and stripped on upgrade
(migration ``audit.0003``), so nothing that the old log held leaks after upgrading."""

import json
from importlib import import_module

import pytest
from django.apps import apps
from django.test import Client

from klimatlaget.audit.models import AuditEntry
from klimatlaget.audit.subjects import HIDDEN
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys import services as surveys

migration = import_module("klimatlaget.audit.migrations.0003_classify_and_strip_private_values")
SECRETS = ("Politikersson", "Exempelpartiet", "Ledamot", "Secret reason", "Draft text", "plan.pdf")


@pytest.fixture
def association(users):
    from klimatlaget.demo.association import load_memberships

    return load_memberships(example=True).association


def old(code: str, action: str, changes: dict, summary: str) -> AuditEntry:
    """An entry as the old code wrote it (and migration 0002 left it)."""
    return AuditEntry.objects.create(
        actor_label="kansli",
        organisation=Organisation.objects.get(code=code),
        action=f"klimatlaget.{action}",
        changes=changes,
        summary=summary,
        subject="",
        visibility="public",
    )


def test_old_entries_are_classified_and_lose_their_private_values(users, association):
    from klimatlaget.surveys.building import create_survey
    from klimatlaget.surveys.models import SurveyState
    from surveys.conftest import EVERY_KIND

    survey = create_survey(association, 2025, "klimatlaget", EVERY_KIND)
    survey.state = SurveyState.OPEN
    survey.save()
    response = surveys.start_response(users["alice"], survey, Organisation.objects.get(code="9102"))
    code = association.code
    contact = old(
        "9102",
        "contact.added",
        {
            "name": [None, "Test Politikersson"],
            "email": [None, HIDDEN],
            "party": [None, "Exempelpartiet"],
            "kind": [None, "politician"],
        },
        "Contact politician for Klimatkommunerna added: Test Politikersson",
    )
    board = old(
        code,
        "board.changed",
        {"name": ["A Ledamot", "B Ledamot"], "to_year": [None, 2024]},
        "Board: B Ledamot changed",
    )
    override = old(
        "9102",
        "fee_override.created",
        {
            "fee override Klimatkommunerna 2025: reason": [None, "Secret reason"],
            "fee override Klimatkommunerna 2025: amount_sek": [None, "1000.00"],
        },
        "Fee override for Strandhamn in Klimatkommunerna: Secret reason",
    )
    answered = old(
        "9102",
        "survey.answered",
        {"comment": [None, "Draft text"]},
        f"{survey.title}: 1 answer(s) changed",
    )
    uploaded = old(
        "9102",
        "survey.answered",
        {"plan_file": [None, {"name": "plan.pdf"}]},
        f"{survey.title}: file plan.pdf uploaded",
    )
    question = old(
        code,
        "survey.question_added",
        {"survey": [survey.pk, survey.pk], "question": [None, "q1"]},
        "q1 added",
    )
    target = old("9102", "target.created", {"value": [None, 50]}, "Target added")

    migration.classify_and_strip(apps, None)

    for entry in (contact, board, override, answered, uploaded, question, target):
        entry.refresh_from_db()
    assert (contact.subject, contact.visibility) == ("contact", "member")
    assert contact.changes == {
        "name": [None, HIDDEN],
        "email": [None, HIDDEN],
        "party": [None, HIDDEN],
        "kind": [None, "politician"],
    }
    assert contact.summary == "Contact politician for Klimatkommunerna added"
    assert (board.subject, board.visibility, board.association) == (
        "board_member",
        "association",
        association,
    )
    assert board.changes == {"name": [HIDDEN, HIDDEN], "to_year": [None, 2024]}
    assert (override.subject, override.association) == ("fee_override", association)
    assert override.changes == {
        "fee override Klimatkommunerna 2025: reason": [None, HIDDEN],
        "fee override Klimatkommunerna 2025: amount_sek": [None, "1000.00"],
    }
    assert override.summary == "Fee override for Strandhamn in Klimatkommunerna"
    for entry in (answered, uploaded):
        assert (entry.subject, entry.visibility) == ("survey_response", "response")
        assert (entry.subject_id, entry.association) == (response.pk, association)
    assert uploaded.summary == f"{survey.title}: file uploaded"
    assert (question.subject, question.subject_id, question.changes["question"]) == (
        "survey",
        survey.pk,
        [None, "q1"],
    )
    assert (target.subject, target.visibility, target.changes) == (
        "target",
        "public",
        {"value": [None, 50]},
    )

    for role in ("alice", "kansli", "lasare"):
        client = Client()
        client.force_login(users[role])
        for url in ("/o/9102/history/", f"/o/{code}/history/", "/api/organisations/9102/history"):
            body = client.get(url).content.decode()
            assert not any(secret in body for secret in SECRETS), (role, url)
    client.force_login(users["lasare"])
    actions = {
        e["action"] for e in json.loads(client.get("/api/organisations/9102/history").content)
    }
    assert "klimatlaget.target.created" in actions
    assert not actions & {"klimatlaget.contact.added", "klimatlaget.survey.answered"}
