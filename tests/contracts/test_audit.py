"""What the change log says of each change to a contract, in English."""

from django.utils import translation

from klimatlaget.audit.models import AuditEntry
from klimatlaget.contracts import services
from klimatlaget.organisations.models import Organisation


def _said() -> list[str]:
    with translation.override("en"):
        return [
            entry.text
            for entry in AuditEntry.objects.filter(action__contains="contract").order_by("pk")
        ]


def test_every_change_to_a_contract_is_said(users, contract, strandhamn):
    alice = users["alice"]
    section = contract.sections.get(number="3.1")
    services.update_section(alice, section, {"title": "Mål"})
    link = services.add_link(
        alice, section, {"kind": "document", "url": "https://example.org/", "title": "Plan"}
    )
    services.remove_link(alice, link)
    agency = Organisation.objects.create(
        code="energimyndigheten", name="Energimyndigheten", kind="agency"
    )
    party = services.add_party(alice, contract, {"party_id": agency.pk, "role": "agency"})
    commitment = services.add_commitment(alice, contract, {"text": "Stödja", "party_id": party.pk})
    services.set_commitment_status(alice, commitment, 2025, {"status": "done"})
    services.remove_commitment(alice, commitment)
    services.update_contract(alice, contract, {"status": "signed", "signed_on": "2024-05-01"})
    services.new_version(alice, contract, 2025)
    assert _said() == [
        "Climate contract 2024 stored from kontrakt.txt with 8 sections",
        "Contract section 3.1 Mål changed",
        "Contract section 3.1 Mål linked to Plan",
        "Link of contract section 3.1 Mål to Plan removed",
        "Climate contract 2024: party Energimyndigheten added",
        "Commitment added: Stödja",
        "Commitment Stödja in 2025: Done",
        "Commitment removed: Stödja",
        "Climate contract 2024 changed",
        "Climate contract 2025 made from the version of 2024",
    ]
    assert set(
        AuditEntry.objects.filter(action__contains="contract").values_list(
            "organisation", flat=True
        )
    ) == {strandhamn.pk}
