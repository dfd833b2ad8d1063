"""The cities' contracts compared by subject, their coverage per city and the full-text search
of their sections: pages, CSV and workbook, and the API, with drafts only for their editors."""

import csv
import io

import pytest

from klimatlaget.accounts.actors import command_line
from klimatlaget.calc.contract_text import ParsedContract, ParsedSection
from klimatlaget.contracts import services
from klimatlaget.contracts.models import Section
from klimatlaget.demo.association import EXAMPLE_TARGETS
from klimatlaget.exports.responses import XLSX
from klimatlaget.investments import services as investment_services
from klimatlaget.measures import services as measure_services
from klimatlaget.organisations.models import Organisation
from klimatlaget.targets.evaluation import evaluate_organisation, target_parameters
from klimatlaget.targets.imports import import_targets
from klimatlaget.targets.models import Target

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}

TALLNAS = ParsedContract(
    sections=[
        ParsedSection("1", "Syfte", "Syftet är en klimatneutral kommun.", "purpose"),
        ParsedSection("3", "Kommunens åtaganden", "", "municipality"),
        ParsedSection(
            "3.2.1",
            "Mobilitet",
            "Tallnäs bygger pendelparkeringar.",
            "municipality.strategy.mobility",
        ),
    ]
)


@pytest.fixture
def tallnas_2023(users):
    """Tallnäs's signed contract of 2023 (bob edits Tallnäs)."""
    tallnas = Organisation.objects.get(code="9201")
    contract = services.store_parsed(users["bob"], tallnas, 2023, TALLNAS)
    services.update_contract(
        users["bob"], contract, {"status": "signed", "signed_on": "2023-06-01"}
    )
    return contract


@pytest.fixture
def linked(users, signed, strandhamn):
    """Strandhamn's mobility section linked to a measure of 120 t a year."""
    measure = measure_services.create_measure(
        users["alice"],
        strandhamn,
        {"code": "M1", "title": "Cykelbanor", "sector": "Transporter", "type": "technical",
         "status": "ongoing", "expected_reduction_t": 120.0, "effect_year": 2027},
    )  # fmt: skip
    section = signed.sections.get(number="3.2.1")
    services.add_link(users["alice"], section, {"kind": "measure", "object_id": measure.pk})
    return section


def test_two_cities_side_by_side_with_the_figures_of_their_links(client, linked, tallnas_2023):
    page = client.get(
        "/contracts/compare/?subject=municipality.strategy&year=2024", **EN
    ).content.decode()
    assert 'data-subject="municipality.strategy"' in page
    assert 'id="city-9102" data-code="9102" data-year="2024"' in page
    # Tallnäs has no version of 2024: its latest up to the year is shown, marked.
    assert 'id="city-9201" data-code="9201" data-year="2023"' in page
    assert page.count('data-latest="1"') == 1
    assert 'data-measures="1"' in page and 'data-reduction="120.0"' in page
    assert "Fler cyklar." in page and "Tallnäs bygger pendelparkeringar." in page


def test_a_subject_no_city_covers_and_an_unknown_one(client, signed):
    page = client.get("/contracts/compare/?subject=agencies", **EN).content.decode()
    assert 'id="no-sections"' in page
    page = client.get("/contracts/compare/?subject=nonsense", **EN).content.decode()
    assert 'id="unknown-subject"' in page
    assert client.get("/contracts/compare.csv?subject=nonsense").status_code == 404


def test_a_draft_is_compared_only_for_its_editors(client, users, contract):
    url = "/contracts/compare/?subject=purpose"
    assert 'id="city-9102"' not in client.get(url).content.decode()
    client.force_login(users["bob"])
    assert 'id="city-9102"' not in client.get(url).content.decode()
    client.force_login(users["alice"])
    assert 'id="city-9102"' in client.get(url).content.decode()


def test_the_comparison_as_csv_and_workbook(client, linked, tallnas_2023):
    query = "?subject=municipality.strategy&year=2024"
    response = client.get("/contracts/compare.csv" + query)
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["organisation_code"], r["year"], r["latest_up_to_year"]) for r in rows] == [
        ("9102", "2024", "false"),
        ("9201", "2023", "true"),
    ]
    assert rows[0]["measures"] == "1" and rows[0]["expected_reduction_t"] == "120.0"
    assert client.get("/contracts/compare.xlsx" + query)["Content-Type"] == XLSX
    excel = client.get("/contracts/compare.csv" + query + "&dialect=excel-sv").content
    assert excel.startswith(b"\xef\xbb\xbforganisation_code;")


def test_the_comparison_in_the_api(client, linked, tallnas_2023):
    found = client.get("/api/contracts/compare?subject=municipality.strategy.mobility").json()
    assert [(c["organisation_code"], c["year"]) for c in found] == [("9102", 2024), ("9201", 2023)]
    assert found[0]["sections"][0]["number"] == "3.2.1"
    assert found[0]["measures"] == 1
    assert client.get("/api/contracts/compare?subject=nonsense").status_code == 422
    assert client.get("/api/contracts/compare").status_code == 422
    text = client.get("/api/contracts/compare?subject=purpose&format=csv").content.decode()
    assert text.startswith("organisation_code,")


def test_the_coverage_matrix_links_each_covered_subject_to_its_section(
    client, signed, tallnas_2023
):
    page = client.get("/contracts/coverage/", **EN).content.decode()
    mobility = Section.objects.get(contract=signed, number="3.2.1")
    assert f'href="/o/9102/contracts/2024/#section-{mobility.pk}"' in page
    row = page.split('<tr data-subject="viable_cities.knowledge"')[0].split(
        '<tr data-subject="municipality.targets"'
    )[1]
    assert 'data-code="9102" data-covered="1"' in row
    assert 'data-code="9201" data-covered="0"' in row
    rows = list(csv.DictReader(io.StringIO(client.get("/contracts/coverage.csv").text)))
    assert {r["organisation_code"]: r["municipality.targets"] for r in rows} == {
        "9102": "true",
        "9201": "false",
    }
    api = client.get("/api/contracts/coverage?year=2023").json()
    assert [(r["organisation_code"], r["purpose"]) for r in api] == [("9201", True)]


def test_a_city_sees_what_it_lacks_that_others_cover_first(client, signed, tallnas_2023):
    # Tallnäs's version up to 2024 is that of 2023; Strandhamn covers targets, Tallnäs not.
    page = client.get("/o/9201/contracts/2023/coverage/", **EN).content.decode()
    assert client.get("/o/9201/contracts/2023/coverage/").status_code == 200
    rows = list(csv.DictReader(io.StringIO(client.get("/o/9102/contracts/2024/coverage.csv").text)))
    lacking = [r["subject"] for r in rows if r["covered"] == "false"]
    covered_by_other = [r["subject"] for r in rows if r["others_covering"] == "1"]
    # Tallnäs's 2023 version is "the latest up to 2024" beside Strandhamn's 2024.
    assert rows[0]["others_covering"] == "1"
    assert set(covered_by_other) <= {"purpose", "municipality", "municipality.strategy",
                                     "municipality.strategy.mobility"}  # fmt: skip
    assert "agencies" in lacking
    assert 'data-subject="purpose" data-covered="1"' in page


def test_the_coverage_of_a_hidden_draft_is_missing(client, contract):
    assert client.get("/o/9102/contracts/2024/coverage/").status_code == 404


def test_search_finds_words_in_readable_sections_with_a_highlighted_snippet(
    client, users, signed, tallnas_2023
):
    page = client.get("/contracts/search/?q=pendelparkeringar", **EN).content.decode()
    assert 'data-code="9201" data-year="2023" data-number="3.2.1"' in page
    assert "<mark>pendelparkeringar</mark>" in page
    found = client.get("/api/contracts/search?q=cyklar").json()
    assert [(h["organisation_code"], h["number"]) for h in found] == [("9102", "3.2.1")]
    assert "<mark>" in found[0]["snippet"]


def test_search_keeps_in_step_with_edits_and_hides_drafts(client, users, contract):
    assert client.get("/api/contracts/search?q=cyklar").json() == []
    client.force_login(users["alice"])
    assert len(client.get("/api/contracts/search?q=cyklar").json()) == 1
    section = contract.sections.get(number="3.2.1")
    services.update_section(
        users["alice"], section, {"text": "Fler elbussar.", "version": section.version}
    )
    assert client.get("/api/contracts/search?q=cyklar").json() == []
    assert len(client.get("/api/contracts/search?q=elbussar").json()) == 1


@pytest.mark.parametrize(
    "query",
    ['"', "AND", "NEAR(", "*", "a OR", "title:", "-", "()", "'; drop", "x" * 500, "<script>"],
)
def test_bad_queries_never_fail(client, signed, query):
    assert client.get("/contracts/search/", {"q": query}).status_code == 200
    assert client.get("/api/contracts/search", {"q": query}).status_code == 200


def test_a_snippet_escapes_the_text(client, users, signed):
    section = signed.sections.get(number="3.1")
    services.update_section(
        users["alice"],
        section,
        {"text": "<script>x</script> klimatneutral", "version": section.version},
    )
    found = client.get("/api/contracts/search?q=klimatneutral").json()
    # SQLite's snippet keeps the tag as escaped text, PostgreSQL's headline drops it.
    assert "<script>" not in found[0]["snippet"]
    assert "<mark>klimatneutral</mark>" in found[0]["snippet"]


def test_the_table_shows_the_linked_target_s_verdict_and_the_investment_plan_s_total(
    client, users, signed, strandhamn
):
    import_targets(EXAMPLE_TARGETS, actor=command_line())

    alice = users["alice"]
    section = signed.sections.get(number="3.1")
    target = Target.objects.filter(organisation=strandhamn).first()
    assert target is not None  # the example targets' one of Strandhamn
    services.add_link(alice, section, {"kind": "target", "object_id": target.pk})
    plan = investment_services.create_plan(
        alice, strandhamn, {"year": 2025, "horizon_from": 2024, "horizon_to": 2030}
    )
    investment_services.create_line(
        alice,
        plan,
        {"title": "Cykelbanor", "actor": "municipality", "capex_by_year": {"2026": 2_000_000},
         "lifetime_years": 20, "funding_source": "own_budget", "funding_status": "decided",
         "sector": "Transporter"},
    )  # fmt: skip
    services.add_link(alice, section, {"kind": "investment_plan", "object_id": plan.pk})
    evaluated = evaluate_organisation("9102", target_parameters())
    assert evaluated is not None
    verdict = next(e for e in evaluated.targets if e.target.pk == target.pk)
    found = client.get("/api/contracts/compare?subject=municipality.targets").json()
    assert found[0]["target_verdict"] == verdict.alignment.verdict.value
    assert found[0]["investment_total"] == 2_000_000
    page = client.get("/contracts/compare/?subject=municipality.targets", **EN).content.decode()
    assert f'data-verdict="{verdict.alignment.verdict.value}"' in page
    assert 'data-investment="2000000.0"' in page
