"""Exporting a contract: the JSON in the contract's order, the Word and PDF documents in the
programme's order with a title page and the linked figures as tables (read back), the downloads
hidden with the draft, and ``klimatlaget export contract``."""

import io
import json

import docx
import pypdf
import pytest

from klimatlaget.accounts.actors import command_line
from klimatlaget.calc.contract_text import ParsedContract, ParsedSection
from klimatlaget.cli.main import main
from klimatlaget.contracts import services
from klimatlaget.demo.association import EXAMPLE_TARGETS
from klimatlaget.investments import services as investment_services
from klimatlaget.measures import services as measure_services
from klimatlaget.organisations.models import Organisation
from klimatlaget.targets.imports import import_targets
from klimatlaget.targets.models import Target

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
HOSTILE = '=HYPERLINK("https://evil.example/","measure")'
#: Written in this order; the programme's order puts purpose, parties, then the municipality
#: (targets before digital support, the section without a subject right after targets).
PARSED = ParsedContract(
    sections=[
        ParsedSection("1", "Syftet med Klimatkontrakt 2030", "Syftet är.\n\nAndra stycket.",
                      "purpose"),
        ParsedSection("2", "Kommunens åtaganden", "", "municipality"),
        ParsedSection("2.1", "Digitalt stöd", "Plattformar.", "municipality.digital_support"),
        ParsedSection("2.2", "Kommunens klimatmål", "Klimatneutral 2030.", "municipality.targets"),
        ParsedSection("2.3", "Övrigt", "Annat.", None),
        ParsedSection("3", "Parter", "Kommunen och staten.", "parties"),
    ],
)  # fmt: skip
DOCUMENT_ORDER = ["1", "2", "2.1", "2.2", "2.3", "3"]
HEADING = "2.2 Kommunens klimatmål"
PROGRAMME_HEADINGS = [
    "1 Syftet med Klimatkontrakt 2030",
    "3 Parter",
    "2 Kommunens åtaganden",
    "2.2 Kommunens klimatmål",
    "2.3 Övrigt",
    "2.1 Digitalt stöd",
]


@pytest.fixture
def exported(users, strandhamn):
    """Strandhamn's signed contract of 2023 with an agency as party and, under its targets'
    section, links to a target, a measure (with a hostile title) and an investment plan."""
    alice = users["alice"]
    contract = services.store_parsed(alice, strandhamn, 2023, PARSED, source="kontrakt.txt")
    agency = Organisation.objects.create(
        code="energimyndigheten", name="Energimyndigheten", kind="agency"
    )
    services.add_party(
        alice,
        contract,
        {"party_id": agency.pk, "role": "agency", "signatory_name": "Anna Andersson",
         "signatory_title": "Generaldirektör"},
    )  # fmt: skip
    import_targets(EXAMPLE_TARGETS, actor=command_line())
    target = Target.objects.filter(organisation=strandhamn).first()
    measure = measure_services.create_measure(
        alice,
        strandhamn,
        {"code": "M1", "title": HOSTILE, "sector": "Transporter", "type": "technical",
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
    targets = contract.sections.get(number="2.2")
    services.add_link(alice, targets, {"kind": "target", "object_id": target.pk})
    services.add_link(alice, targets, {"kind": "measure", "object_id": measure.pk})
    services.add_link(alice, targets, {"kind": "investment_plan", "object_id": plan.pk})
    services.update_contract(alice, contract, {"status": "signed", "signed_on": "2023-05-01"})
    contract.refresh_from_db()
    return contract


def _headings(document) -> list[tuple[str, str]]:
    return [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]


def _rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_json_has_every_section_in_the_contract_s_order_with_live_links(client, exported):
    response = client.get("/o/9102/contracts/2023/contract.json", **EN)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert 'filename="klimatkontrakt-9102-2023.json"' in response["Content-Disposition"]
    data = json.loads(response.content)
    assert (data["organisation_code"], data["year"], data["status"]) == ("9102", 2023, "signed")
    assert data["signed_on"] == "2023-05-01"
    assert [p["role"] for p in data["parties"]] == ["municipality", "agency"]
    assert data["parties"][1]["signatory_name"] == "Anna Andersson"
    assert [s["number"] for s in data["sections"]] == DOCUMENT_ORDER
    targets = data["sections"][3]
    assert (targets["subject"], targets["writer"], targets["parent_number"]) == (
        "municipality.targets",
        "municipality",
        "2",
    )
    assert targets["text"] == "Klimatneutral 2030."
    links = {link["kind"]: link for link in targets["links"]}
    assert links["measure"]["title"] == HOSTILE  # JSON keeps the value as it is
    assert links["measure"]["value"] == 120.0 and links["measure"]["figure"] == "Ongoing"
    assert links["investment_plan"]["value"] == 2_000_000
    assert links["target"]["value"] in ("in_line", "partly", "not_in_line", "not_assessed")


def test_the_word_document_follows_the_programme_with_the_figures_as_tables(client, exported):
    response = client.get("/o/9102/contracts/2023/contract.docx", **EN)
    assert response.status_code == 200
    assert 'filename="klimatkontrakt-9102-2023.docx"' in response["Content-Disposition"]
    document = docx.Document(io.BytesIO(response.content))
    assert document.paragraphs[0].style.name == "Title"
    assert document.paragraphs[0].text == "Climate contract 2023"
    headings = _headings(document)
    assert headings[0] == ("Heading 1", "Parties")  # the title page's
    assert headings[1:] == [
        ("Heading 1", PROGRAMME_HEADINGS[0]),
        ("Heading 1", PROGRAMME_HEADINGS[1]),
        ("Heading 1", PROGRAMME_HEADINGS[2]),
        ("Heading 2", PROGRAMME_HEADINGS[3]),
        ("Heading 2", PROGRAMME_HEADINGS[4]),
        ("Heading 2", PROGRAMME_HEADINGS[5]),
    ]
    texts = [p.text for p in document.paragraphs]
    assert texts.index("Syftet är.") + 1 == texts.index("Andra stycket.")
    parties, target, measure, plan = (_rows(table) for table in document.tables)
    assert parties[0] == ["Party", "Role", "Signatory", "Signatory's title"]
    assert parties[2] == ["Energimyndigheten", "Agency", "Anna Andersson", "Generaldirektör"]
    assert target[0] == ["Target", "Verdict"] and len(target) == 2
    assert measure == [
        ["Measure", "Status", "Expected reduction (t a year)"],
        ["'" + HOSTILE, "Ongoing", "120"],  # formula-safe in a table
    ]
    assert plan[0] == ["Investment plan", "Total investment (SEK)"]
    assert plan[1][1] == "2,000,000"
    # The tables come right after the targets' section: its heading, its text, the tables.
    body = list(document.iter_inner_content())
    heading = next(i for i, part in enumerate(body) if getattr(part, "text", "") == HEADING)
    kinds = [type(part).__name__ for part in body[heading : heading + 5]]
    assert kinds == ["Paragraph", "Paragraph", "Table", "Paragraph", "Table"]


def test_the_pdf_has_the_title_page_and_the_sections_in_the_programme_s_order(client, exported):
    response = client.get("/o/9102/contracts/2023/contract.pdf", **EN)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    title_page = reader.pages[0].extract_text()
    assert "Climate contract 2023" in title_page and "Anna Andersson" in title_page
    assert "Generaldirektör" in title_page and "Parties" in title_page
    text = "\n".join(page.extract_text() for page in reader.pages[1:])
    places = [text.index(heading) for heading in PROGRAMME_HEADINGS]
    assert places == sorted(places)
    assert "'" + HOSTILE[:20] in text and "2,000,000" in text and "Ongoing" in text
    assert text.index("Total investment (SEK)") > text.index("2.2 Kommunens klimatmål")
    assert text.index("Total investment (SEK)") < text.index("2.3 Övrigt")


def test_a_draft_is_exported_only_to_those_who_read_it(client, users, contract):
    pages = [f"/o/9102/contracts/2024/contract.{kind}" for kind in ("json", "docx", "pdf")]
    operations = [f"/api/contracts/{contract.pk}/export.{kind}" for kind in ("json", "docx", "pdf")]
    for address in [*pages, *operations]:
        assert client.get(address).status_code == 404, address
    client.force_login(users["bob"])  # edits Tallnäs: reads only signed contracts of Strandhamn
    hidden = [client.get(address) for address in [*pages, *operations]]
    assert [answer.status_code for answer in hidden] == [404] * 6
    assert len({answer.content for answer in hidden[3:]}) == 1  # identical to a missing one
    assert client.get("/api/contracts/999999/export.json").content == hidden[3].content
    client.force_login(users["alice"])
    for address in [*pages, *operations]:
        assert client.get(address).status_code == 200, address


def test_the_api_answers_the_same_files(client, exported):
    page = json.loads(client.get("/o/9102/contracts/2023/contract.json").content)
    answer = client.get(f"/api/contracts/{exported.pk}/export.json")
    assert answer.status_code == 200 and json.loads(answer.content) == page
    word = client.get(f"/api/contracts/{exported.pk}/export.docx")
    assert word["Content-Type"].endswith("wordprocessingml.document")
    assert len(docx.Document(io.BytesIO(word.content)).tables) == 4


def test_the_contract_page_links_its_downloads(client, exported):
    page = client.get("/o/9102/contracts/2023/", **EN).content.decode()
    for kind in ("json", "docx", "pdf"):
        assert f'id="download-{kind}" href="/o/9102/contracts/2023/contract.{kind}"' in page


def test_the_command_writes_each_format(exported, tmp_path):
    for kind in ("json", "docx", "pdf"):
        output = tmp_path / f"kontrakt.{kind}"
        arguments = ["export", "contract", "--organisation", "9102", "--year", "2023"]
        assert main([*arguments, "--format", kind, "--output", str(output)]) == 0
    data = json.loads((tmp_path / "kontrakt.json").read_bytes())
    assert [s["number"] for s in data["sections"]] == DOCUMENT_ORDER
    document = docx.Document(str(tmp_path / "kontrakt.docx"))
    assert [text for _style, text in _headings(document)][1:] == PROGRAMME_HEADINGS
    assert (tmp_path / "kontrakt.pdf").read_bytes().startswith(b"%PDF")


def test_the_command_names_a_missing_organisation_or_contract(exported, tmp_path, capsys):
    output = tmp_path / "kontrakt.json"
    base = ["export", "contract", "--output", str(output)]
    assert main([*base, "--organisation", "0000", "--year", "2023"]) == 1
    assert "No organisation has the code 0000." in capsys.readouterr().err
    assert main([*base, "--organisation", "9102", "--year", "2019"]) == 1
    assert "9102 has no climate contract of 2019." in capsys.readouterr().err
    assert not output.exists()


HOSTILE_COMMITMENT = "=1+1 Stöd till kommunen"


@pytest.fixture
def committed(users, exported):
    """:func:`exported` with three commitments: the municipality's in the targets' section
    followed up in 2024 and 2025, the agency's (a formula) in the digital support's, and one in
    no section."""
    alice = users["alice"]
    municipality, agency = exported.parties.order_by("position")
    targets = exported.sections.get(number="2.2")
    digital = exported.sections.get(number="2.1")
    halve, support, _report = (
        services.add_commitment(alice, exported, values)
        for values in (
            {"text": "Halvera utsläppen från transporter", "party_id": municipality.pk,
             "section_id": targets.pk, "due_year": 2030},
            {"text": HOSTILE_COMMITMENT, "party_id": agency.pk, "section_id": digital.pk},
            {"text": "Rapportera årligen", "party_id": municipality.pk},
        )
    )  # fmt: skip
    for commitment, year, status, comment in (
        (halve, 2024, "ongoing", "Cykelplan antagen"),
        (halve, 2025, "done", "Klart"),
        (support, 2025, "not_started", ""),
    ):
        services.set_commitment_status(
            alice, commitment, year, {"status": status, "comment": comment}
        )
    return exported


def test_the_json_has_every_commitment_with_its_yearly_statuses(client, committed):
    data = json.loads(client.get("/o/9102/contracts/2023/contract.json", **EN).content)
    strandhamn = Organisation.objects.get(code="9102").name
    halve, support, report = data["commitments"]
    assert halve == {
        "section_number": "2.2",
        "section_subject": "municipality.targets",
        "party_code": "9102",
        "party_name": strandhamn,
        "party_role": "municipality",
        "text": "Halvera utsläppen från transporter",
        "due_year": 2030,
        "statuses": [
            {"year": 2024, "status": "ongoing", "comment": "Cykelplan antagen"},
            {"year": 2025, "status": "done", "comment": "Klart"},
        ],
    }
    assert (support["party_code"], support["party_role"]) == ("energimyndigheten", "agency")
    assert support["text"] == HOSTILE_COMMITMENT  # JSON keeps the value as it is
    assert (support["section_number"], support["due_year"]) == ("2.1", None)
    assert (report["section_number"], report["section_subject"], report["statuses"]) == (
        None,
        None,
        [],
    )
    api = client.get(f"/api/contracts/{committed.pk}/export.json")
    assert json.loads(api.content)["commitments"] == data["commitments"]


def test_the_word_document_has_each_section_s_commitments_and_the_follow_up(client, committed):
    response = client.get("/o/9102/contracts/2023/contract.docx", **EN)
    document = docx.Document(io.BytesIO(response.content))
    strandhamn = Organisation.objects.get(code="9102").name
    tables = [_rows(table) for table in document.tables]
    assert len(tables) == 7  # parties, the targets' three, two sections' commitments, follow-up
    header = ["Party", "Commitment", "Due year", "Latest status", "Year"]
    targets, digital, followup = tables[4], tables[5], tables[6]
    assert targets == [
        header,
        [strandhamn, "Halvera utsläppen från transporter", "2030", "Done", "2025"],
    ]
    assert digital == [
        header,
        ["Energimyndigheten", "'" + HOSTILE_COMMITMENT, "", "Not started", "2025"],
    ]
    assert followup == [
        ["Section", "Party", "Commitment", "2024", "2025"],
        ["2.2", strandhamn, "Halvera utsläppen från transporter", "Ongoing", "Done"],
        ["2.1", "Energimyndigheten", "'" + HOSTILE_COMMITMENT, "", "Not started"],
        ["", strandhamn, "Rapportera årligen", "", ""],
    ]
    # Each section's commitments come after its figures; the follow-up at the end.
    body = list(document.iter_inner_content())
    heading = next(i for i, part in enumerate(body) if getattr(part, "text", "") == HEADING)
    tables_after = [part for part in body[heading:] if type(part).__name__ == "Table"]
    assert _rows(tables_after[3])[0] == header  # after the target, measure and plan tables
    last = next(
        i for i, part in enumerate(body) if getattr(part, "text", "") == "2.1 Digitalt stöd"
    )
    follow_up = next(
        i
        for i, part in enumerate(body)
        if getattr(part, "text", "") == "Follow-up of the commitments"
    )
    assert body[follow_up].style.name == "Heading 1" and follow_up > last
    assert _headings(document)[-1] == ("Heading 1", "Follow-up of the commitments")


def test_the_pdf_has_each_section_s_commitments_and_the_follow_up(client, committed):
    response = client.get("/o/9102/contracts/2023/contract.pdf", **EN)
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages[1:])
    targets, other = text.index("2.2 Kommunens klimatmål"), text.index("2.3 Övrigt")
    halve = text.index("Halvera utsläppen")
    assert targets < text.index("Latest status") < halve < other
    digital = text.index("2.1 Digitalt stöd")
    follow_up = text.index("Follow-up of the commitments")
    assert digital < text.index("'" + HOSTILE_COMMITMENT) < follow_up
    after = text[follow_up:]
    for expected in ("2024", "2025", "Ongoing", "Done", "Not started"):
        assert expected in after, expected
    assert "Rapportera årligen" in after and "Rapportera årligen" not in text[:follow_up]
