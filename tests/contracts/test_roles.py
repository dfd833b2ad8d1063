"""Who reads a draft and who reports on a commitment: the editors of the contract's parties
read its drafts; an agency's editors set the yearly status of the agency's own commitments
(in the service, on the page and in the API), and nothing else."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from conftest import make_user
from klimatlaget.accounts.models import RoleKind
from klimatlaget.accounts.permissions import may_set_commitment_status
from klimatlaget.accounts.resolvers import (
    commitments_contract,
    editable_commitment,
    visible_contract,
    visible_contract_by_id,
    visible_contracts,
)
from klimatlaget.contracts import services
from klimatlaget.organisations.models import Organisation, OrganisationKind


@pytest.fixture
def parties(users, contract):
    """Energimyndigheten (an agency) and Viable Cities (the programme's office) as parties of
    Strandhamn's draft, each with a commitment, and an editor of each; Boverket, an agency
    that is no party, with an editor too."""
    made = {}
    for code, kind, role in (
        ("energimyndigheten", OrganisationKind.AGENCY, "agency"),
        ("viablecities", OrganisationKind.PROGRAMME_OFFICE, "viable_cities"),
        ("boverket", OrganisationKind.AGENCY, None),
    ):
        organisation = Organisation.objects.create(code=code, name=code.title(), kind=kind)
        made[code] = make_user(type(users["alice"]), code, RoleKind.EDITOR, [organisation])
        if role:
            party = services.add_party(
                users["alice"], contract, {"party_id": organisation.pk, "role": role}
            )
            made[f"{code}-commitment"] = services.add_commitment(
                users["alice"], contract, {"text": f"{code} åtar sig", "party_id": party.pk}
            )
    made["municipality-commitment"] = services.add_commitment(
        users["alice"],
        contract,
        {"text": "Kommunen åtar sig", "party_id": contract.parties.first().pk},
    )
    return made


def test_a_draft_is_read_by_the_editors_of_its_parties_only(users, contract, parties):
    for name in ("energimyndigheten", "viablecities"):
        assert visible_contract(parties[name], "9102", 2024) == contract
        assert visible_contract_by_id(parties[name], contract.pk) == contract
        assert list(visible_contracts(parties[name], contract.organisation)) == [contract]
    for user in (parties["boverket"], users["bob"], users["lasare"], users["nobody"]):
        with pytest.raises(Http404):
            visible_contract(user, "9102", 2024)
        with pytest.raises(Http404):
            visible_contract_by_id(user, contract.pk)
        assert not visible_contracts(user, contract.organisation).exists()


def test_an_agency_sets_the_status_of_its_own_commitments_only(users, contract, parties):
    agency = parties["energimyndigheten"]
    own = parties["energimyndigheten-commitment"]
    services.set_commitment_status(agency, own, 2025, {"status": "ongoing", "comment": "Ja"})
    assert own.statuses.get(year=2025).status == "ongoing"
    for other in (parties["viablecities-commitment"], parties["municipality-commitment"]):
        with pytest.raises(PermissionDenied):
            services.set_commitment_status(agency, other, 2025, {"status": "done"})
        with pytest.raises(PermissionDenied):
            editable_commitment(agency, other.pk)
        assert not other.statuses.exists()
    assert editable_commitment(agency, own.pk) == own


def test_only_an_agency_s_editors_report_as_a_party(users, contract, parties):
    """Viable Cities' editors read the draft but set no status (the programme office does);
    an agency that is no party does not find the draft and sets nothing."""
    vc = parties["viablecities"]
    commitment = parties["viablecities-commitment"]
    assert not may_set_commitment_status(vc, contract.organisation, commitment.party.party)
    with pytest.raises(PermissionDenied):
        services.set_commitment_status(vc, commitment, 2025, {"status": "done"})
    with pytest.raises(PermissionDenied):
        commitments_contract(vc, "9102", 2024)
    with pytest.raises(Http404):  # the draft is hidden from an agency that is no party
        commitments_contract(parties["boverket"], "9102", 2024)
    with pytest.raises(PermissionDenied):
        services.set_commitment_status(
            parties["boverket"], parties["energimyndigheten-commitment"], 2025, {"status": "done"}
        )
    assert commitments_contract(parties["energimyndigheten"], "9102", 2024) == contract
    assert commitments_contract(users["alice"], "9102", 2024) == contract


def test_the_municipality_s_editor_still_reports_on_every_commitment(users, contract, parties):
    own = parties["energimyndigheten-commitment"]
    services.set_commitment_status(users["alice"], own, 2025, {"status": "done"})
    assert own.statuses.get().status == "done"


def test_an_agency_reads_a_signed_contract_but_changes_nothing_else(users, signed, parties):
    agency = parties["energimyndigheten"]
    assert visible_contract(agency, "9102", 2024) == signed
    with pytest.raises(PermissionDenied):
        services.update_contract(agency, signed, {"status": "superseded"})
    with pytest.raises(PermissionDenied):
        services.add_commitment(
            agency, signed, {"text": "Mer", "party_id": signed.parties.get(role="agency").pk}
        )
    section = signed.sections.get(number="5")
    with pytest.raises(PermissionDenied):
        services.update_section(agency, section, {"text": "Ändrad"})


def test_the_agency_reports_in_the_api(client, users, contract, parties):
    client.force_login(parties["energimyndigheten"])
    own, other = parties["energimyndigheten-commitment"], parties["municipality-commitment"]
    body = {"year": 2025, "status": "dropped", "comment": "Ersatt"}
    response = client.post(
        f"/api/commitments/{own.pk}/statuses", body, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["id"] == own.pk
    response = client.post(
        f"/api/commitments/{other.pk}/statuses", body, content_type="application/json"
    )
    assert response.status_code == 403
    assert client.get(f"/api/contracts/{contract.pk}").status_code == 200
