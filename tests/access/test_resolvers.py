"""The access layer's promises beyond the matrix: outsiders cannot tell a missing object from a
hidden one, a secretariat's permission stops at its own association, and the command line acts
as a named system actor."""

import importlib
import json
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser

from klimatlaget.accounts.actors import SystemActor
from klimatlaget.accounts.models import Role, RoleKind
from klimatlaget.accounts.permissions import Permission, has_permission
from klimatlaget.audit.models import AuditEntry
from klimatlaget.organisations.models import Organisation

MISSING = 999_999


def _body(response) -> bytes:
    """The body without what differs by request anyway: the address and the CSRF token."""
    body = response.content.replace(str(response.request["PATH_INFO"]).encode(), b"PATH")
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"TOKEN", body)


def _same_answers(client, urls):
    answers = [client.get(url) for url in urls]
    assert {answer.status_code for answer in answers} == {404}
    assert len({_body(answer) for answer in answers}) == 1, [a.content[:200] for a in answers]


@pytest.mark.parametrize("outsider", ["bob", "grannar", "lasare", "nobody"])
def test_a_hidden_response_is_as_missing_as_one_that_does_not_exist(world, db, client, outsider):
    users, ids = world
    client.force_login(users[outsider])
    survey = ids["SURVEY"]
    _same_answers(
        client,
        [
            f"/api/surveys/{survey}/responses/9102",  # exists
            f"/api/surveys/{survey}/responses/0000",  # no such member
            f"/api/surveys/{MISSING}/responses/9102",  # no such survey
        ],
    )
    _same_answers(
        client,
        [
            f"/o/9102/surveys/{survey}/",
            f"/o/9102/surveys/{MISSING}/",
            f"/o/0000/surveys/{survey}/",
        ],
    )


def test_another_associations_survey_is_as_missing_as_none(world, db, client):
    users, ids = world
    client.force_login(users["grannar"])
    _same_answers(
        client, [f"/api/surveys/{ids['SURVEY']}/status", f"/api/surveys/{MISSING}/status"]
    )
    client.force_login(users["kansli"])
    assert client.get(f"/api/surveys/{ids['SURVEY']}/status").status_code == 200


def test_those_who_are_no_secretariat_are_refused_before_any_lookup(world, db, client):
    users, ids = world
    client.force_login(users["alice"])
    refusals = [
        client.get(f"/api/surveys/{survey}/status") for survey in (ids["SURVEY"], MISSING)
    ] + [client.get(f"/associations/{code}/members/") for code in ("klimatkommunerna", "nosuch")]
    assert [refusal.status_code for refusal in refusals] == [403, 403, 403, 403]


def _platform_user(django_user_model):
    user = django_user_model.objects.create_user(username="plattform", password="pw")
    Role.objects.create(user=user, kind=RoleKind.SECRETARIAT_ADMIN)
    return user


def test_a_secretariat_runs_only_its_own_association(world, db, django_user_model):
    users, _ids = world
    kansli = users["kansli"]
    klimatkommunerna = Organisation.objects.get(code="klimatkommunerna")
    grannkommunerna = Organisation.objects.get(code="grannkommunerna")
    assert has_permission(kansli, Permission.MANAGE_ASSOCIATION, klimatkommunerna)
    assert not has_permission(kansli, Permission.MANAGE_ASSOCIATION, grannkommunerna)
    assert has_permission(kansli, Permission.CHANGE_ORGANISATION, klimatkommunerna)
    assert not has_permission(kansli, Permission.CHANGE_ORGANISATION, "9102")
    assert has_permission(kansli, Permission.VIEW_HISTORY, "9102")  # a member
    assert not has_permission(users["grannar"], Permission.VIEW_HISTORY, "9102")
    assert not has_permission(kansli, Permission.IMPORT_DATA)
    platform = _platform_user(django_user_model)
    assert has_permission(platform, Permission.MANAGE_ASSOCIATION, grannkommunerna)
    assert has_permission(platform, Permission.IMPORT_DATA)


def test_the_system_actor_may_everything_and_nobody_else_without_a_role(
    world, db, django_user_model
):
    operator = SystemActor("cli:test")
    inactive = django_user_model.objects.get(username="alice")
    inactive.is_active = False
    for permission in Permission:
        assert has_permission(operator, permission, "9102")
        assert not has_permission(AnonymousUser(), permission, "9102")
        assert not has_permission(inactive, permission, "9102")


def test_secretariat_roles_that_named_no_association_stay_platform_wide(world, db):
    users, _ids = world
    role = Role.objects.get(user=users["grannar"])
    role.organisation = Organisation.objects.get(code="9102")  # no association
    role.save()
    migration = importlib.import_module(
        "klimatlaget.accounts.migrations.0002_role_scoped_secretariat"
    )
    migration.keep_platform_secretariats(apps, None)
    assert Role.objects.get(pk=role.pk).organisation is None
    kansli = Role.objects.get(user=users["kansli"])
    assert kansli.organisation.code == "klimatkommunerna"


def test_the_command_line_acts_as_its_system_actor(world, db, monkeypatch, tmp_path):
    from klimatlaget.cli.main import main
    from klimatlaget.demo.example import write_example_files

    monkeypatch.setattr(
        "klimatlaget.accounts.actors.command_line", lambda: SystemActor("cli:matrix-operator")
    )
    codes = write_example_files(tmp_path)["codes"]
    assert main(["import", "scb-codes", str(codes)]) == 0
    assert main(["user", "ny", "--password", "pw", "--role", "viewer"]) == 0
    labels = set(AuditEntry.objects.values_list("actor_label", flat=True))
    assert "cli:matrix-operator" in labels


def test_a_secretariat_is_granted_for_an_association_only(world, db, capsys):
    from klimatlaget.cli.main import main

    args = ["user", "kansli2", "--password", "pw", "--role", "secretariat_admin"]
    assert main([*args, "--organisation", "9102"]) == 2
    assert "not an association" in capsys.readouterr().err
    assert main([*args, "--organisation", "klimatkommunerna"]) == 0
    role = Role.objects.get(user__username="kansli2")
    assert role.organisation.code == "klimatkommunerna"


def test_the_json_refusal_of_the_autosave_comes_before_reading_the_body(world, db, client):
    users, ids = world
    client.force_login(users["bob"])
    url = f"/o/9102/surveys/{ids['SURVEY']}/draft"
    assert client.post(url, "not json", content_type="application/json").status_code == 404
    assert client.post(url, json.dumps({}), content_type="application/json").status_code == 404


def test_a_secretariat_reads_the_contact_entries_of_its_own_association_only(world, db):
    import datetime

    from klimatlaget.associations import services
    from klimatlaget.associations.models import Membership
    from klimatlaget.audit.visibility import history

    users, _ids = world
    strandhamn = Organisation.objects.get(code="9102")
    theirs = Organisation.objects.get(code="grannkommunerna")
    Membership.objects.create(
        association=theirs, member=strandhamn, joined=datetime.date(2020, 1, 1)
    )
    values = {"kind": "contact_person", "name": "Granne", "email": "granne@example.org"}
    services.add_contact(users["grannar"], theirs, strandhamn, values)

    def contacts_for(username):
        entries = history(users[username], strandhamn).filter(action="klimatlaget.contact.added")
        return set(entries.values_list("association__code", flat=True))

    assert contacts_for("kansli") == {"klimatkommunerna"}
    assert contacts_for("grannar") == {"grannkommunerna"}
    assert contacts_for("alice") == {"klimatkommunerna", "grannkommunerna"}
