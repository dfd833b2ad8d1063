"""Climate contracts in the browser: a visitor on a phone reads a signed contract from its
table of contents to a section with a live link; an editor imports Kalmar's contract, reviews
the sections found and stores it."""

import docx
import pytest

from browser.helpers import log_in
from contracts.conftest import PARSED
from contracts.test_pages import KALMAR, KALMAR_NUMBERS
from klimatlaget.contracts import services
from klimatlaget.contracts.models import Contract
from klimatlaget.measures import services as measure_services
from klimatlaget.organisations.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def signed(users):
    strandhamn = Organisation.objects.get(code="9102")
    alice = users["alice"]
    contract = services.store_parsed(alice, strandhamn, 2024, PARSED)
    services.update_contract(alice, contract, {"status": "signed", "signed_on": "2024-05-01"})
    measure = measure_services.create_measure(
        alice,
        strandhamn,
        {
            "code": "T1",
            "title": "Cykelbanor",
            "sector": "Transporter",
            "type": "technical",
            "status": "ongoing",
            "expected_reduction_t": 120.0,
            "effect_year": 2027,
        },
    )
    mobility = contract.sections.get(number="3.2.1")
    services.add_link(alice, mobility, {"kind": "measure", "object_id": measure.pk})
    return contract


def test_a_visitor_reads_a_contract_on_a_phone(page, signed):
    page.set_viewport_size(PHONE)
    page.goto("/o/9102/")
    page.locator('a[href="/o/9102/contracts/"]').click()
    page.wait_for_url("**/o/9102/contracts/")
    page.locator('#contracts a[href="/o/9102/contracts/2024/"]').click()
    page.wait_for_url("**/o/9102/contracts/2024/")
    toc = page.locator("#toc li").evaluate_all("items => items.map(i => i.innerText.trim())")
    assert [entry.split(" ")[0] for entry in toc] == [s.number for s in PARSED.sections]
    mobility = signed.sections.get(number="3.2.1")
    page.locator(f'#toc a[href="#section-{mobility.pk}"]').click()
    section = page.locator(f"#section-{mobility.pk}")
    assert section.get_attribute("data-subject") == "municipality.strategy.mobility"
    assert section.is_visible()
    link = section.locator('aside li[data-kind="measure"]')
    assert link.get_attribute("data-value") == "120.0"
    assert link.locator("a").inner_text() == "Cykelbanor"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator("#new-version-form").count() == 0  # not for visitors
    assert page.console_errors == []


def test_an_editor_imports_kalmar_s_contract_after_review(page, users):
    log_in(page, "alice", "/o/9102/contracts/")
    page.locator("#import-contract").click()
    page.wait_for_url("**/o/9102/contracts/import/")
    page.locator("#id_file").set_input_files(str(KALMAR))
    page.locator("#id_year").fill("2024")
    page.locator("#import-form button[type=submit]").click()
    page.locator("#review").wait_for()
    numbers = page.locator("#review tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.number)"
    )
    assert numbers == KALMAR_NUMBERS
    assert page.locator("#problems li").count() == 1  # section 8 is missing in the text
    writers = dict(
        page.locator("#review tbody tr").evaluate_all(
            "rows => rows.map(r => [r.dataset.number, r.dataset.writer])"
        )
    )
    assert (writers["3.2.1"], writers["4"], writers["5"]) == (
        "municipality",
        "viable_cities",
        "agencies",
    )
    assert set(writers.values()) <= {"municipality", "viable_cities", "agencies", "joint"}
    shown = [
        page.locator(f'#review tr[data-number="{number}"] td.writer').inner_text()
        for number in ("3.2.1", "4", "5")
    ]
    assert all(shown) and len(set(shown)) == 3  # each party named, in the page's language
    assert not Contract.objects.exists()
    page.locator("#confirm-form button").click()
    page.wait_for_url("**/o/9102/contracts/2024/")
    assert page.locator("#toc li").count() == len(KALMAR_NUMBERS)
    assert page.locator("#contract-status").get_attribute("data-status") == "draft"


def test_an_agency_reports_on_its_own_commitment_on_a_phone(page, users, signed):
    from conftest import make_user
    from klimatlaget.accounts.models import RoleKind

    agency = Organisation.objects.create(code="trafikverket", name="Trafikverket", kind="agency")
    make_user(type(users["alice"]), "myndighet", RoleKind.EDITOR, [agency])
    party = services.add_party(users["alice"], signed, {"party_id": agency.pk, "role": "agency"})
    own = services.add_commitment(
        users["alice"], signed, {"text": "Stödja cykelplanen", "party_id": party.pk}
    )
    other = services.add_commitment(
        users["alice"],
        signed,
        {"text": "Bygga cykelbanor", "party_id": signed.parties.get(role="municipality").pk},
    )
    page.set_viewport_size(PHONE)
    log_in(page, "myndighet", "/o/9102/contracts/2024/")
    assert page.locator("#edit-contract").count() == 0
    page.locator("#edit-commitments").click()
    page.wait_for_url("**/o/9102/contracts/2024/commitments/")
    assert page.locator(f'tr[data-commitment="{other.pk}"] form').count() == 0
    assert page.locator("#contract-form").count() == 0
    row = page.locator(f'tr[data-commitment="{own.pk}"]')
    row.locator(f"#id_c{own.pk}-year").fill("2025")
    row.locator(f"#id_c{own.pk}-status").select_option("ongoing")
    row.locator(f"#id_c{own.pk}-comment").fill("Medel avsatta")
    row.locator("button[type=submit]").click()
    row.locator('li[data-year="2025"][data-status="ongoing"]').wait_for()
    assert own.statuses.get().comment == "Medel avsatta"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.console_errors == []


def test_a_visitor_downloads_the_contract_as_word_and_pdf_on_a_phone(page, signed):
    page.set_viewport_size(PHONE)
    page.goto("/o/9102/contracts/2024/")
    assert page.locator("#contract-downloads").is_visible()
    with page.expect_download() as word:
        page.locator("#download-docx").click()
    assert word.value.suggested_filename == "klimatkontrakt-9102-2024.docx"
    document = docx.Document(word.value.path())
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "3.2.1 Mobilitet" in headings
    with page.expect_download() as pdf:
        page.locator("#download-pdf").click()
    assert pdf.value.suggested_filename == "klimatkontrakt-9102-2024.pdf"
    with open(pdf.value.path(), "rb") as file:
        assert file.read(5) == b"%PDF-"
