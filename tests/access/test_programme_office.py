"""The programme office as a role of Viable Cities' organisation (kind programme office, not an
association): a secretariat role for it, with ``KLIMATLAGET_CONTRACT_PROGRAMME`` naming it,
makes its holder the climate contracts' programme office. On every climate-contract route of
:mod:`access.matrix` it gets what kansli (the matrix's programme office) gets; everywhere else
it gets what a user without any role (nobody) gets: it manages no association, so no fees,
surveys, board or members' history."""

import pytest
from django.test import override_settings

from access.matrix import ROWS, Row, concrete
from access.test_matrix import REFUSED, _request, _state
from access.world import PASSWORD, ROLES

PROGRAMME = "viable-cities"
USER = "programkontor"
_KANSLI, _NOBODY = ROLES.index("kansli"), ROLES.index("nobody")


def _contracts(row: Row) -> bool:
    return "/contracts" in row.url or "/api/contract" in row.url or "/commitments" in row.url


CASES = [
    pytest.param(
        row,
        row.expected[_KANSLI] if _contracts(row) else row.expected[_NOBODY],
        id=f"{row.method} {row.url}",
    )
    for row in ROWS
]


@pytest.fixture
def office(world, db):
    """programkontor, the secretariat of Viable Cities (a programme office), granted as the
    command line grants it."""
    from django.contrib.auth import get_user_model

    from klimatlaget.accounts.actors import command_line
    from klimatlaget.accounts.services import grant_role
    from klimatlaget.organisations.models import Organisation, OrganisationKind

    Organisation.objects.create(
        code=PROGRAMME, name="Viable Cities", kind=OrganisationKind.PROGRAMME_OFFICE
    )
    grant_role(command_line(), USER, PASSWORD, "secretariat_admin", [PROGRAMME])
    with override_settings(KLIMATLAGET_CONTRACT_PROGRAMME=PROGRAMME):
        yield get_user_model().objects.get(username=USER)


@pytest.mark.parametrize(("row", "expected"), CASES)
def test_the_programme_office_answers_as_declared(world, office, client, row, expected):
    _users, ids = world
    client.force_login(office)
    before = _state() if row.method != "get" else None
    response = _request(client, row, concrete(row.url, ids))
    assert response.status_code == expected, response.content[:300]
    if expected in REFUSED and before is not None:
        assert _state() == before, "a refused request must not change or record anything"


def test_the_role_grants_the_programme_and_no_association(world, office):
    from klimatlaget.accounts.permissions import (
        Permission,
        grants,
        has_permission,
        runs_contract_programme,
    )
    from klimatlaget.accounts.resolvers import managed_associations

    granted = grants(office)
    assert runs_contract_programme(office)
    assert granted.offices == {PROGRAMME} and not granted.manages
    assert not has_permission(office, Permission.MANAGE_ASSOCIATION)
    assert not has_permission(office, Permission.MANAGE_ASSOCIATION, PROGRAMME)
    assert not managed_associations(office).exists()
    # its own organisation's profile and history, nobody else's
    assert has_permission(office, Permission.CHANGE_ORGANISATION, PROGRAMME)
    assert has_permission(office, Permission.VIEW_HISTORY, PROGRAMME)
    assert not has_permission(office, Permission.VIEW_HISTORY, "9102")


def test_another_programme_office_runs_nothing(world, office):
    """A secretariat of a programme office the setting does not name is no programme office."""
    from klimatlaget.accounts.permissions import runs_contract_programme

    with override_settings(KLIMATLAGET_CONTRACT_PROGRAMME="klimatkommunerna"):
        assert not runs_contract_programme(office)


def test_a_secretariat_is_given_for_an_association_or_a_programme_office(world, db):
    from klimatlaget.accounts.actors import command_line
    from klimatlaget.accounts.models import Role
    from klimatlaget.accounts.services import UserSetupError, grant_role

    with pytest.raises(UserSetupError, match="not an association or a programme office"):
        grant_role(command_line(), "fel", PASSWORD, "secretariat_admin", ["9102"])
    assert not Role.objects.filter(user__username="fel").exists()
