"""Invitations, reminders and "returned" notes e-mailed to the members' contacts."""

import datetime
import logging
import socket

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from klimatlaget.associations.models import Contact
from klimatlaget.audit.models import AuditEntry
from klimatlaget.audit.subjects import HIDDEN
from klimatlaget.cli.main import main
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys import services
from klimatlaget.surveys.models import Dispatch, SurveyState
from klimatlaget.surveys.secretariat import dispatch

from .conftest import COMMITS

pytestmark = [pytest.mark.usefixtures("english"), COMMITS]

BASE = "https://klimat.example"
EXEMPLA = "exempla.klimatsson@strandhamn.example"
PROV = "prov.miljosdotter@tallnas.example"
POLITICIAN_9105 = "politiker@9105.example"


@pytest.fixture
def contacts(association):
    """9102 has a contact person and a politician, 9201 a contact person, 9105 only a
    politician, 9104 only a contact person who left last year; the rest have none."""
    from klimatlaget.demo.association import load_example_contacts_and_board

    load_example_contacts_and_board(association)
    org = Organisation.objects.get
    Contact.objects.create(
        association=association,
        member=org(code="9105"),
        kind="politician",
        name="Fiktiv Ordförande",
        email=POLITICIAN_9105,
        party="Exempelpartiet",
    )
    Contact.objects.create(
        association=association,
        member=org(code="9104"),
        kind="contact_person",
        name="Före Detta",
        email="gone@9104.example",
        valid_to=datetime.date.today() - datetime.timedelta(days=365),
    )


def _submit(user, survey, code):
    member = Organisation.objects.get(code=code)
    response = services.start_response(user, survey, member)
    services.save_answers(user, response, {"has_target": "nej"})
    return services.submit(user, response)


def _by_address(mailoutbox):
    return {tuple(message.to): message for message in mailoutbox}


def test_invitations_reach_contact_persons_else_politicians(users, survey, contacts, mailoutbox):
    survey.deadline = datetime.date(2025, 3, 31)
    survey.save()
    sent = dispatch.send(users["kansli"], survey, "invitation", BASE)
    assert sorted(r.member.code for r in sent.recipients) == ["9102", "9105", "9201"]
    assert sent.addresses == 3
    assert "9104" in [m.code for m in sent.no_contact]  # an expired contact does not count
    assert len(sent.no_contact) == 8
    messages = _by_address(mailoutbox)
    assert set(messages) == {(EXEMPLA,), (PROV,), (POLITICIAN_9105,)}  # not 9102's politician
    strandhamn = messages[(EXEMPLA,)]
    assert strandhamn.subject == "Inbjudan: Testenkät 2025"
    assert f"{BASE}/o/9102/surveys/{survey.pk}/" in strandhamn.body
    assert "31 mars 2025" in strandhamn.body  # Swedish, whatever the sender's language
    assert "Strandhamn" in strandhamn.body
    logged = Dispatch.objects.get(survey=survey, member__code="9102")
    assert (logged.kind, logged.recipients, logged.sent_by) == (
        "invitation",
        [EXEMPLA],
        users["kansli"],
    )


def test_the_change_log_counts_but_keeps_no_addresses(users, survey, contacts, mailoutbox):
    dispatch.send(users["kansli"], survey, "invitation", BASE)
    entry = AuditEntry.objects.get(action="klimatlaget.survey.invitations_sent")
    assert entry.organisation == survey.association
    assert entry.changes["members"] == [None, 3]
    assert entry.changes["addresses"] == [None, 3]
    assert "9101" in entry.changes["no_contact"][1]
    assert "@" not in str(entry.changes) + entry.summary


def test_reminders_skip_submitted_and_approved_members(users, survey, contacts, mailoutbox):
    _submit(users["alice"], survey, "9102")
    sent = dispatch.send(users["kansli"], survey, "reminder", BASE)
    assert sorted(r.member.code for r in sent.recipients) == ["9105", "9201"]
    assert "9102" not in [m.code for m in sent.no_contact]
    assert (EXEMPLA,) not in _by_address(mailoutbox)
    reminder = _by_address(mailoutbox)[(PROV,)]
    assert reminder.subject == "Påminnelse: Testenkät 2025"
    assert Dispatch.objects.filter(kind="reminder").count() == 2


def test_a_member_in_progress_is_reminded(users, survey, contacts, mailoutbox):
    response = services.start_response(
        users["alice"], survey, Organisation.objects.get(code="9102")
    )
    services.save_answers(users["alice"], response, {"budget": "5"})
    sent = dispatch.send(users["kansli"], survey, "reminder", BASE)
    assert "9102" in [r.member.code for r in sent.recipients]


@pytest.mark.parametrize("state", [SurveyState.DRAFT, SurveyState.CLOSED])
def test_only_an_open_survey_is_dispatched(users, survey, contacts, mailoutbox, state):
    survey.state = state
    survey.save()
    with pytest.raises(ValidationError) as error:
        dispatch.send(users["kansli"], survey, "invitation", BASE)
    assert "only while the survey is open" in str(error.value)
    assert mailoutbox == []
    assert not Dispatch.objects.exists()


@pytest.mark.parametrize("who", ["alice", "lasare", "nobody"])
def test_only_the_secretariat_sends(users, survey, contacts, mailoutbox, who):
    with pytest.raises(PermissionDenied):
        dispatch.send(users[who], survey, "invitation", BASE)
    assert mailoutbox == []


def test_a_returned_response_is_mailed_with_the_comment(users, survey, contacts, mailoutbox):
    response = _submit(users["alice"], survey, "9102")
    returned = services.return_for_correction(users["kansli"], response, "Which base year?")
    assert dispatch.send_returned(users["kansli"], returned, BASE) == 1
    (message,) = mailoutbox
    assert message.to == [EXEMPLA]
    assert "Which base year?" in message.body
    assert f"{BASE}/o/9102/surveys/{survey.pk}/" in message.body
    entry = AuditEntry.objects.get(action="klimatlaget.survey.returned_mailed")
    assert entry.changes == {"addresses": [None, HIDDEN]}
    assert entry.summary.endswith("1 address told")


def test_the_remind_command_sends_reminders(users, survey, contacts, mailoutbox, capsys):
    _submit(users["bob"], survey, "9201")
    args = ["survey", "remind", "--association", "klimatkommunerna", "--year", "2025"]
    assert main([*args, "--base-url", BASE]) == 0
    assert {tuple(m.to) for m in mailoutbox} == {(EXEMPLA,), (POLITICIAN_9105,)}
    assert any(f"{BASE}/o/9102/surveys/{survey.pk}/" in m.body for m in mailoutbox)
    err = capsys.readouterr().err
    assert "Reminders sent to 2 member(s)" in err
    assert "No contact, not sent: " in err
    entry = AuditEntry.objects.get(action="klimatlaget.survey.reminders_sent")
    assert entry.actor_label.startswith("cli:")


def test_the_remind_command_refuses_a_closed_or_missing_survey(
    survey, contacts, mailoutbox, capsys
):
    survey.state = SurveyState.CLOSED
    survey.save()
    args = ["survey", "remind", "--association", "klimatkommunerna"]
    assert main([*args, "--year", "2025"]) == 2
    assert "Nothing was sent" in capsys.readouterr().err
    assert main([*args, "--year", "2019"]) == 2
    assert "No klimatlaget survey of klimatkommunerna in 2019" in capsys.readouterr().err
    assert mailoutbox == []


# After the commit, in the reader's language -------------------------------------------------


def test_a_round_that_fails_stores_and_sends_nothing(
    users, survey, contacts, mailoutbox, monkeypatch
):
    def audit_fails(**kwargs):
        raise RuntimeError("the change log is unavailable")

    monkeypatch.setattr(dispatch, "record", audit_fails)
    with pytest.raises(RuntimeError):
        dispatch.send(users["kansli"], survey, "invitation", BASE)
    assert mailoutbox == []
    assert not Dispatch.objects.exists()


def test_no_email_leaves_when_the_callers_transaction_rolls_back(
    users, survey, contacts, mailoutbox
):
    response = _submit(users["alice"], survey, "9102")
    with pytest.raises(IntegrityError), transaction.atomic():
        returned = services.return_for_correction(users["kansli"], response, "Which year?")
        assert dispatch.send_returned(users["kansli"], returned, BASE) == 1
        Organisation.objects.create(code="9102", name="A second Strandhamn")
    assert mailoutbox == []
    dispatch.send(users["kansli"], survey, "reminder", BASE)
    assert {tuple(m.to) for m in mailoutbox} == {(PROV,), (POLITICIAN_9105,)}


def test_each_contact_is_written_to_in_its_own_language(users, survey, contacts, mailoutbox):
    Contact.objects.filter(email=EXEMPLA).update(language="en")
    tallnas = Contact.objects.get(email=PROV)
    Contact.objects.create(
        association=tallnas.association,
        member=tallnas.member,
        kind="contact_person",
        name="Second Contact",
        email="second@tallnas.example",
        language="en",
    )
    dispatch.send(users["kansli"], survey, "invitation", BASE)
    subjects = {tuple(m.to): m.subject for m in mailoutbox}
    assert subjects == {
        (EXEMPLA,): "Invitation: Testenkät 2025",
        ("second@tallnas.example",): "Invitation: Testenkät 2025",
        (PROV,): "Inbjudan: Testenkät 2025",
        (POLITICIAN_9105,): "Inbjudan: Testenkät 2025",
    }
    assert Dispatch.objects.get(member__code="9201").recipients == [
        PROV,
        "second@tallnas.example",
    ]


def test_a_failed_delivery_is_logged_and_keeps_the_round(users, survey, contacts, settings, caplog):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port
    with caplog.at_level(logging.ERROR, logger="klimatlaget.mail"):
        sent = dispatch.send(users["kansli"], survey, "invitation", BASE)
    assert len(sent.recipients) == 3
    assert Dispatch.objects.count() == 3
    failures = [r for r in caplog.records if r.name == "klimatlaget.mail"]
    assert len(failures) == 3 and all(r.exc_info for r in failures)


def test_a_contact_added_in_english_through_the_api_gets_english_email(
    client, users, survey, contacts, mailoutbox
):
    client.force_login(users["kansli"])
    Contact.objects.filter(email=PROV).delete()
    body = {
        "association": "klimatkommunerna",
        "kind": "contact_person",
        "name": "English Reader",
        "email": "reader@tallnas.example",
        "language": "en",
    }
    added = client.post("/api/organisations/9201/contacts", body, content_type="application/json")
    assert added.status_code == 201 and added.json()["language"] == "en"
    assert client.post(f"/api/surveys/{survey.pk}/invitations").status_code == 200
    (message,) = [m for m in mailoutbox if m.to == ["reader@tallnas.example"]]
    assert message.subject == "Invitation: Testenkät 2025"
    assert "Answer here" in message.body
