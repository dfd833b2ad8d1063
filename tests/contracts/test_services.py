"""Storing a read contract, new versions, sections, links and commitments: who may, what is
stored and what the change log says."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from contracts.conftest import PARSED
from klimatlaget.audit.models import AuditEntry
from klimatlaget.concurrency import StaleVersion
from klimatlaget.contracts import services
from klimatlaget.contracts.models import Contract, Section, SectionLink
from klimatlaget.measures import services as measure_services


def test_a_read_contract_is_stored_as_a_tree_with_writers(contract, strandhamn):
    sections = {s.number: s for s in contract.sections.all()}
    assert list(sections) == ["1", "3", "3.1", "3.2.1", "4", "4.1", "5", "7"]
    assert sections["3.1"].parent == sections["3"]
    assert sections["3.2.1"].parent == sections["3"], "3.2 is missing: under 3"
    assert sections["4.1"].parent == sections["4"]
    assert sections["1"].parent is None
    writers = {number: s.writer for number, s in sections.items()}
    assert writers == {
        "1": "joint",
        "3": "municipality",
        "3.1": "municipality",
        "3.2.1": "municipality",
        "4": "viable_cities",
        "4.1": "viable_cities",
        "5": "joint",
        "7": "joint",
    }
    assert sections["4.1"].subject == ""
    assert contract.status == "draft" and contract.preamble == "Klimatkontrakt 2030"
    assert [(p.party, p.role) for p in contract.parties.all()] == [(strandhamn, "municipality")]
    entry = AuditEntry.objects.get(action="klimatlaget.contract.stored")
    assert entry.organisation == strandhamn and entry.subject_id == contract.pk


def test_the_template_s_writers_come_first(users, strandhamn):
    stored = services.store_parsed(
        users["alice"], strandhamn, 2025, PARSED, writers={"joint_followup": "municipality"}
    )
    assert stored.sections.get(number="7").writer == "municipality"


def test_a_year_is_stored_once_and_only_by_its_editors(users, strandhamn, contract, outsider):
    with pytest.raises(ValidationError) as error:
        services.store_parsed(users["alice"], strandhamn, 2024, PARSED)
    assert "year" in error.value.message_dict
    for name in ("bob", "lasare", "nobody"):
        with pytest.raises(PermissionDenied):
            services.store_parsed(users[name], strandhamn, 2030, PARSED)
    with pytest.raises(PermissionDenied):
        services.store_parsed(outsider, strandhamn, 2030, PARSED)
    assert Contract.objects.count() == 1


def test_the_programme_office_edits_every_contract(office, strandhamn):
    stored = services.store_parsed(office, strandhamn, 2026, PARSED)
    assert stored.sections.count() == len(PARSED.sections)


def test_a_new_version_copies_sections_links_and_commitments(users, contract, strandhamn):
    alice = users["alice"]
    measure = measure_services.create_measure(
        alice,
        strandhamn,
        {"code": "M1", "title": "Cyklar", "sector": "Transporter", "type": "technical"},
    )
    mobility = contract.sections.get(number="3.2.1")
    services.add_link(alice, mobility, {"kind": "measure", "object_id": measure.pk})
    services.add_link(
        alice, mobility, {"kind": "document", "url": "https://example.org/a.pdf", "title": "Plan"}
    )
    party = contract.parties.get()
    commitment = services.add_commitment(
        alice,
        contract,
        {
            "text": "Bygga cykelbanor",
            "party_id": party.pk,
            "section_id": mobility.pk,
            "due_year": 2027,
        },
    )
    services.set_commitment_status(alice, commitment, 2025, {"status": "ongoing"})
    copy = services.new_version(alice, contract, 2025)
    assert copy.replaces == contract and copy.status == "draft"
    copied = {s.number: s for s in copy.sections.all()}
    assert list(copied) == ["1", "3", "3.1", "3.2.1", "4", "4.1", "5", "7"]
    assert copied["3.2.1"].parent == copied["3"]
    assert [link.kind for link in copied["3.2.1"].links.all()] == ["measure", "document"]
    assert copied["3.2.1"].links.get(kind="measure").measure == measure
    new_commitment = copy.commitments.get()
    assert new_commitment.section == copied["3.2.1"] and new_commitment.due_year == 2027
    assert new_commitment.party.contract == copy and not new_commitment.statuses.exists()
    assert SectionLink.objects.filter(section__contract=contract).count() == 2
    entry = AuditEntry.objects.get(action="klimatlaget.contract.new_version")
    assert entry.subject_id == copy.pk


def test_a_link_must_be_to_the_organisation_s_own(users, contract):
    bob_measure = measure_services.create_measure(
        users["bob"],
        contract.organisation.__class__.objects.get(code="9201"),
        {"code": "M1", "title": "Other", "sector": "Transporter", "type": "technical"},
    )
    section = contract.sections.get(number="3.1")
    with pytest.raises(ValidationError) as error:
        services.add_link(users["alice"], section, {"kind": "measure", "object_id": bob_measure.pk})
    assert "object_id" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.add_link(users["alice"], section, {"kind": "document", "url": "javascript:x"})
    assert not SectionLink.objects.exists()


def test_shared_sections_are_the_programme_office_s(users, contract, office):
    joint = contract.sections.get(number="1")
    with pytest.raises(PermissionDenied):
        services.update_section(users["alice"], joint, {"text": "Ny"})
    services.update_section(office, joint, {"text": "Ny", "version": 0})
    own = contract.sections.get(number="3.1")
    changes = services.update_section(users["alice"], own, {"text": "Klimatneutral 2029."})
    assert changes == {"text": ["Klimatneutral 2030.", "Klimatneutral 2029."]}
    with pytest.raises(PermissionDenied):
        services.update_section(users["alice"], own, {"writer": "joint"})
    assert Section.objects.get(pk=own.pk).writer == "municipality"


def test_a_stale_section_edit_is_refused(users, contract):
    own = contract.sections.get(number="3.1")
    services.update_section(users["alice"], own, {"title": "Mål", "version": 0})
    with pytest.raises(StaleVersion):
        services.update_section(users["alice"], own, {"title": "Mål 2", "version": 0})


def test_commitment_status_per_year_raises_the_commitment_s_version(users, contract):
    alice = users["alice"]
    commitment = services.add_commitment(
        alice, contract, {"text": "Minska utsläppen", "party_id": contract.parties.get().pk}
    )
    services.set_commitment_status(alice, commitment, 2025, {"status": "ongoing", "version": 0})
    services.set_commitment_status(alice, commitment, 2025, {"status": "done", "comment": "Klart"})
    services.set_commitment_status(alice, commitment, 2026, {"status": "done"})
    commitment.refresh_from_db()
    assert commitment.version == 3
    assert [(s.year, s.status, s.comment) for s in commitment.statuses.all()] == [
        (2025, "done", "Klart"),
        (2026, "done", ""),
    ]
    with pytest.raises(StaleVersion):
        services.set_commitment_status(alice, commitment, 2027, {"status": "done", "version": 1})
    with pytest.raises(ValidationError):
        services.set_commitment_status(alice, commitment, 2027, {"status": "finished"})
    with pytest.raises(PermissionDenied):
        services.set_commitment_status(users["bob"], commitment, 2027, {"status": "done"})


def test_a_commitment_belongs_to_a_party_and_section_of_its_contract(users, contract, strandhamn):
    other = services.store_parsed(users["alice"], strandhamn, 2030, PARSED)
    with pytest.raises(ValidationError) as error:
        services.add_commitment(
            users["alice"],
            contract,
            {"text": "X", "party_id": other.parties.get().pk},
        )
    assert "party_id" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.add_commitment(
            users["alice"],
            contract,
            {
                "text": "X",
                "party_id": contract.parties.get().pk,
                "section_id": other.sections.first().pk,
            },
        )
    assert "section_id" in error.value.message_dict


def test_a_signed_contract_needs_its_date(users, contract):
    with pytest.raises(ValidationError) as error:
        services.update_contract(users["alice"], contract, {"status": "signed"})
    assert "signed_on" in error.value.message_dict
