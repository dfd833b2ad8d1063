"""The contract pages in English: the versions, a contract with its table of contents and the
live figures of its links, the editors' pages, and importing a contract after review."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from klimatlaget.contracts import services
from klimatlaget.contracts.models import Contract
from klimatlaget.investments import services as investment_services
from klimatlaget.measures import services as measure_services
from klimatlaget.organisations.models import Organisation

from .conftest import confirm_review

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
KALMAR = (
    Path(__file__).resolve().parents[3] / "shared" / "seeds" / "klimatkontrakt-2030-kalmar-2024.txt"
)
KALMAR_NUMBERS = [
    "1", "2", "3", "3.1", "3.2", *(f"3.2.{n}" for n in range(1, 9)),
    *(f"3.{n}" for n in range(3, 11)), "4", *(f"4.{n}" for n in range(1, 6)),
    "5", *(f"5.{n}" for n in range(1, 5)), "6", *(f"6.{n}" for n in range(1, 7)),
    "7", "7.1", "7.2", "7.3", *(f"7.3.{n}" for n in range(1, 5)),
    "7.4", *(f"7.4.{n}" for n in range(1, 6)), "9", "Bilaga 1",
]  # fmt: skip


def test_the_organisation_page_links_to_its_contracts(client, signed):
    assert 'href="/o/9102/contracts/"' in client.get("/o/9102/").content.decode()
    listing = client.get("/o/9102/contracts/", **EN).content.decode()
    assert 'href="/o/9102/contracts/2024/"' in listing and 'data-status="signed"' in listing


def test_a_draft_is_listed_only_for_its_editors(client, users, contract):
    assert 'href="/o/9102/contracts/2024/"' not in client.get("/o/9102/contracts/").content.decode()
    assert client.get("/o/9102/contracts/2024/").status_code == 404
    client.force_login(users["alice"])
    assert 'href="/o/9102/contracts/2024/"' in client.get("/o/9102/contracts/").content.decode()
    assert client.get("/o/9102/contracts/2024/").status_code == 200


def test_the_contract_page_shows_its_links_live(client, users, signed, strandhamn):
    alice = users["alice"]
    measure = measure_services.create_measure(
        alice,
        strandhamn,
        {"code": "M1", "title": "Cykelbanor", "sector": "Transporter", "type": "technical",
         "status": "ongoing", "expected_reduction_t": 120.0, "effect_year": 2027},
    )  # fmt: skip
    plan = investment_services.create_plan(
        alice, strandhamn, {"year": 2025, "horizon_from": 2024, "horizon_to": 2030}
    )
    investment_services.create_line(
        alice,
        plan,
        {"measure_id": measure.pk, "actor": "municipality", "capex_by_year": {"2026": 2_000_000},
         "lifetime_years": 20, "funding_source": "own_budget", "funding_status": "decided"},
    )  # fmt: skip
    mobility = signed.sections.get(number="3.2.1")
    services.add_link(alice, mobility, {"kind": "measure", "object_id": measure.pk})
    services.add_link(alice, mobility, {"kind": "investment_plan", "object_id": plan.pk})
    page = client.get("/o/9102/contracts/2024/", **EN).content.decode()
    assert 'id="toc"' in page and f'href="#section-{mobility.pk}"' in page
    assert 'data-number="3.2.1" data-subject="municipality.strategy.mobility"' in page
    assert 'data-kind="measure"' in page and 'data-value="120.0"' in page
    assert "Ongoing" in page and "120 t CO₂e a year" in page
    assert 'data-value="2000000.0"' in page and "2,000,000 SEK" in page
    # Live: the measure's reduction changes, the page follows.
    measure_services.update_measure(alice, measure, {"expected_reduction_t": 80.0})
    assert 'data-value="80.0"' in client.get("/o/9102/contracts/2024/", **EN).content.decode()


def test_an_editor_links_a_section_and_removes_the_link(client, users, contract, strandhamn):
    measure = measure_services.create_measure(
        users["alice"],
        strandhamn,
        {"code": "M1", "title": "Cykelbanor", "sector": "Transporter", "type": "technical"},
    )
    section = contract.sections.get(number="3.1")
    client.force_login(users["alice"])
    address = f"/o/9102/contracts/2024/sections/{section.pk}/links/"
    response = client.post(address, {"kind": "measure", "object_id": measure.pk}, **EN)
    assert response.status_code == 302
    link = section.links.get()
    assert link.measure == measure
    response = client.post(f"{address}{link.pk}/remove/", **EN)
    assert response.status_code == 302 and not section.links.exists()


def test_an_agency_is_added_as_a_party_and_commits(client, users, contract):
    agency = Organisation.objects.create(
        code="energimyndigheten", name="Energimyndigheten", kind="agency"
    )
    client.force_login(users["alice"])
    address = "/o/9102/contracts/2024/parties/"
    response = client.post(
        address,
        {"party_id": agency.pk, "role": "agency", "signatory_name": "Generaldirektören"},
    )
    assert response.status_code == 302
    party = contract.parties.get(role="agency")
    assert (party.party, party.signatory_name) == (agency, "Generaldirektören")
    assert (
        'data-party="energimyndigheten" data-role="agency"' in client.get(address).content.decode()
    )
    response = client.post(
        "/o/9102/contracts/2024/commitments/", {"text": "Stödja", "party_id": party.pk}
    )
    assert contract.commitments.get().party == party


def test_an_editor_adds_a_commitment_and_reports_its_status(client, users, contract):
    client.force_login(users["alice"])
    party = contract.parties.get()
    address = "/o/9102/contracts/2024/commitments/"
    response = client.post(
        address, {"text": "Halvera utsläppen", "party_id": party.pk, "due_year": 2030}
    )
    assert response.status_code == 302
    commitment = contract.commitments.get()
    prefix = f"c{commitment.pk}"
    response = client.post(
        f"{address}{commitment.pk}/status/",
        {f"{prefix}-year": 2025, f"{prefix}-status": "ongoing", f"{prefix}-comment": "På väg",
         f"{prefix}-version": 0},
    )  # fmt: skip
    assert response.status_code == 302
    status = commitment.statuses.get()
    assert (status.year, status.status, status.comment) == (2025, "ongoing", "På väg")
    page = client.get(address, **EN).content.decode()
    assert 'data-year="2025" data-status="ongoing"' in page


def test_the_municipality_s_editor_edits_its_own_sections_not_the_joint_ones(
    client, users, contract
):
    client.force_login(users["alice"])
    own = contract.sections.get(number="3.1")
    joint = contract.sections.get(number="1")
    base = "/o/9102/contracts/2024/sections"
    assert client.get(f"{base}/{joint.pk}/edit/").status_code == 403
    response = client.post(
        f"{base}/{own.pk}/edit/",
        {
            "number": "3.1",
            "title": "Klimatmål",
            "writer": "municipality",
            "text": "Ny",
            "version": 0,
        },
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.title, own.text) == ("Klimatmål", "Ny")


def test_a_new_version_is_made_from_the_page(client, users, signed):
    client.force_login(users["alice"])
    response = client.post("/o/9102/contracts/2024/new-version/", {"year": 2025})
    assert response["Location"] == "/o/9102/contracts/2025/"
    copy = Contract.objects.get(year=2025)
    assert copy.replaces == signed and copy.sections.count() == signed.sections.count()


def test_kalmar_s_contract_is_reviewed_before_it_is_stored(client, users):
    client.force_login(users["alice"])
    upload = SimpleUploadedFile(KALMAR.name, KALMAR.read_bytes(), content_type="text/plain")
    response = client.post("/o/9102/contracts/import/", {"file": upload, "year": 2024}, **EN)
    assert response.status_code == 200
    page = response.content.decode()
    for number in KALMAR_NUMBERS:
        assert f'data-number="{number}"' in page, number
    assert "55 sections found" in page
    assert "Section 8 was not found" in page
    # Who writes each section, as it will be stored.
    assert (
        'data-number="3.2.1" data-subject="municipality.strategy.mobility" '
        'data-writer="municipality"' in page
    )
    assert 'data-number="4" data-subject="viable_cities" data-writer="viable_cities"' in page
    assert 'data-number="5" data-subject="agencies" data-writer="agencies"' in page
    assert "The agencies" in page and "Written by" in page
    assert not Contract.objects.exists(), "nothing is stored before the review is confirmed"
    review = response
    response = confirm_review(client, review)
    assert response["Location"] == "/o/9102/contracts/2024/"
    contract = Contract.objects.get()
    sections = {s.number: s for s in contract.sections.all()}
    assert list(sections) == KALMAR_NUMBERS
    assert sections["3.2.1"].parent == sections["3.2"] and sections["3.2"].parent == sections["3"]
    assert sections["7.4.5"].parent == sections["7.4"]
    assert sections["3.2.1"].subject == "municipality.strategy.mobility"
    assert sections["3.2.1"].writer == "municipality"
    assert sections["4"].writer == "viable_cities" and sections["5"].writer == "agencies"
    assert contract.source == KALMAR.name and contract.status == "draft"
    # The review is used: a second confirmation stores nothing more and says why.
    again = confirm_review(client, review)
    assert again["Location"] == "/o/9102/contracts/import/"
    assert "This review was stored already." in client.get(again["Location"], **EN).content.decode()
    assert Contract.objects.count() == 1


def test_a_file_that_is_no_contract_is_refused_with_its_name(client, users):
    client.force_login(users["alice"])
    upload = SimpleUploadedFile("kontrakt.xlsx", b"PK\x03\x04", content_type="application/zip")
    response = client.post("/o/9102/contracts/import/", {"file": upload, "year": 2024}, **EN)
    page = response.content.decode()
    assert response.status_code == 200 and "kontrakt.xlsx" in page and 'id="review"' not in page
    assert not Contract.objects.exists()


def test_the_programme_office_is_offered_the_joint_sections(client, users, contract, office):
    joint = contract.sections.get(number="1")
    edit = f'href="/o/9102/contracts/2024/sections/{joint.pk}/edit/"'
    client.force_login(users["alice"])
    assert edit not in client.get("/o/9102/contracts/2024/").content.decode()
    client.force_login(office)
    assert edit in client.get("/o/9102/contracts/2024/").content.decode()
    response = client.post(
        f"/o/9102/contracts/2024/sections/{joint.pk}/edit/",
        {"number": "1", "title": "Syfte", "writer": "joint", "text": "Nytt syfte"},
    )
    assert response.status_code == 302
    joint.refresh_from_db()
    assert joint.text == "Nytt syfte"
