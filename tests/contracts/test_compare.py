"""Comparing two versions of a contract, on its page (in English), as CSV and in the API:
sections matched by subject, never by number; a hidden draft is as missing."""

import csv
import io
import re

import pytest

from contracts.conftest import PARSED
from klimatlaget.calc.contract_text import ParsedContract, ParsedSection
from klimatlaget.contracts import services
from klimatlaget.organisations.models import Organisation

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}

#: The next year's version of :data:`contracts.conftest.PARSED`: 3.1's text changed, 3.2.1
#: renumbered 3.3, 4.1 dropped, a section on the investment plan added, 7 renumbered 6.
PARSED_2025 = ParsedContract(
    sections=[
        ParsedSection("1", "Syftet med Klimatkontrakt 2030", "Syftet är…", "purpose"),
        ParsedSection("3", "Kommunens åtaganden", "", "municipality"),
        ParsedSection(
            "3.1",
            "Kommunens klimatmål",
            "Klimatneutral 2030 med negativa utsläpp.",
            "municipality.targets",
        ),
        ParsedSection("3.3", "Mobilitet", "Fler cyklar.", "municipality.strategy.mobility"),
        ParsedSection(
            "3.4",
            "Klimatinvesteringsplan",
            "En plan <b>per år</b>.",
            "municipality.investment_plan",
        ),
        ParsedSection("4", "Viable Cities åtaganden", "Stöd.", "viable_cities"),
        ParsedSection("5", "Myndigheternas åtaganden", "Samverkan.", None),
        ParsedSection("6", "Gemensam uppföljning", "Årligen.", "joint_followup"),
    ],
    preamble="Klimatkontrakt 2030",
)

#: (status, old number, new number) of each section, in the new version's order.
EXPECTED = [
    ("unchanged", "1", "1"),
    ("unchanged", "3", "3"),
    ("changed", "3.1", "3.1"),
    ("unchanged", "3.2.1", "3.3"),
    ("added", "", "3.4"),
    ("unchanged", "4", "4"),
    ("removed", "4.1", ""),
    ("unchanged", "5", "5"),
    ("unchanged", "7", "6"),
]


@pytest.fixture
def versions(users, signed, strandhamn):
    """Strandhamn's signed contract of 2024 and its draft of 2025."""
    draft = services.store_parsed(users["alice"], strandhamn, 2025, PARSED_2025)
    return signed, draft


def _changes(page: str) -> list[tuple[str, str, str]]:
    pattern = re.compile(
        r'class="compare-section"[^>]*data-status="(\w+)"[^>]*data-old-number="([^"]*)"'
        r'[^>]*data-new-number="([^"]*)"'
    )
    return pattern.findall(page)


def test_the_page_compares_with_the_previous_version_by_subject(client, users, versions):
    client.force_login(users["alice"])
    response = client.get("/o/9102/contracts/2025/compare/", **EN)
    page = response.content.decode()
    assert response.status_code == 200
    assert _changes(page) == EXPECTED
    assert 'data-status="changed" data-count="1"' in page
    assert 'data-status="added" data-count="1"' in page
    assert 'data-status="removed" data-count="1"' in page
    assert 'data-status="unchanged" data-count="6"' in page
    assert 'data-status="renumbered" data-count="2"' in page
    assert "Klimatneutral 2030<ins> med negativa utsläpp</ins>." in page
    assert "Renumbered from 3.2.1 to 3.3" in page
    assert "En plan &lt;b&gt;per år&lt;/b&gt;." in page  # the text escaped, never markup
    assert "Climate contract 2024 compared with 2025" in page


def test_only_the_changes_and_either_year_first(client, users, versions):
    client.force_login(users["alice"])
    page = client.get("/o/9102/contracts/2024/compare/?with=2025&changes=1", **EN)
    assert _changes(page.content.decode()) == [
        (status, old, new) for status, old, new in EXPECTED if status != "unchanged"
    ]


def test_links_from_the_versions_and_the_contract(client, users, versions):
    client.force_login(users["alice"])
    listing = client.get("/o/9102/contracts/", **EN).content.decode()
    assert listing.count('class="compare-link"') == 1  # the oldest has nothing before it
    assert 'href="/o/9102/contracts/2025/compare/"' in listing
    contract = client.get("/o/9102/contracts/2024/", **EN).content.decode()
    assert 'id="compare-versions" href="/o/9102/contracts/2024/compare/"' in contract


def test_a_first_version_has_nothing_to_compare_with(client, signed):
    page = client.get("/o/9102/contracts/2024/compare/", **EN).content.decode()
    assert 'id="no-other-version"' in page and "compare-section" not in page
    assert client.get("/o/9102/contracts/2024/compare.csv").status_code == 404


def test_a_hidden_draft_is_as_missing(client, users, versions):
    signed, draft = versions
    assert client.get("/o/9102/contracts/2024/compare/?with=2025").status_code == 404
    assert client.get("/o/9102/contracts/2024/compare/?with=2031").status_code == 404
    assert client.get("/o/9102/contracts/2024/compare/?with=x").status_code == 404
    assert client.get("/o/9102/contracts/2025/compare/").status_code == 404
    assert client.get(f"/api/contracts/{signed.pk}/compare?with={draft.pk}").status_code == 404
    assert client.get(f"/api/contracts/{signed.pk}/compare?with=999999").status_code == 404
    client.force_login(users["bob"])
    assert client.get(f"/api/contracts/{draft.pk}/compare?with={signed.pk}").status_code == 404
    # the public page lists only what the visitor reads
    page = client.get("/o/9102/contracts/2024/compare/", **EN).content.decode()
    assert 'id="no-other-version"' in page and 'value="2025"' not in page


def test_the_summary_as_csv(client, users, versions):
    client.force_login(users["alice"])
    response = client.get("/o/9102/contracts/2025/compare.csv?with=2024")
    assert response["Content-Type"].startswith("text/csv")
    assert "9102-contract-2024-2025.csv" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["status"], r["old_number"], r["new_number"]) for r in rows] == EXPECTED
    assert rows[4]["new_title"] == "Klimatinvesteringsplan" and rows[4]["old_title"] == ""
    assert rows[4]["subject"] == "municipality.investment_plan"
    assert [r["renumbered"] for r in rows].count("true") == 2


def test_the_api_gives_each_pair_with_its_runs(client, users, versions):
    signed, draft = versions
    client.force_login(users["alice"])
    body = client.get(f"/api/contracts/{draft.pk}/compare?with={signed.pk}").json()
    assert body["old"] == {"id": signed.pk, "year": 2024, "status": "signed"}
    assert body["new"]["year"] == 2025
    assert body["counts"] == {
        "unchanged": 6,
        "changed": 1,
        "added": 1,
        "removed": 1,
        "renumbered": 2,
    }
    pairs = body["sections"]
    assert [(p["status"], p["old_number"] or "", p["new_number"] or "") for p in pairs] == (
        EXPECTED
    )
    targets = pairs[2]
    assert targets["matched_by"] == "subject" and targets["text_changed"]
    assert not targets["title_changed"] and targets["title_runs"] == []
    assert targets["text_runs"] == [
        {"op": "equal", "text": "Klimatneutral 2030"},
        {"op": "insert", "text": " med negativa utsläpp"},
        {"op": "equal", "text": "."},
    ]
    assert pairs[7]["matched_by"] == "title"  # section 5 has no subject
    assert pairs[6]["old_title"] == "Kunskap" and pairs[6]["new_id"] is None
    csv_text = client.get(f"/api/contracts/{draft.pk}/compare?with={signed.pk}&format=csv")
    assert csv_text["Content-Type"].startswith("text/csv")
    assert csv_text.content.decode().splitlines()[0] == (
        "status,old_number,new_number,old_title,new_title,subject,renumbered"
    )


def test_the_api_refuses_another_organisation_s_contract(client, users, signed):
    bob = users["bob"]
    tallnas = Organisation.objects.get(code="9201")
    other = services.store_parsed(bob, tallnas, 2024, PARSED)
    services.update_contract(bob, other, {"status": "signed", "signed_on": "2024-06-01"})
    response = client.get(f"/api/contracts/{signed.pk}/compare?with={other.pk}")
    assert response.status_code == 422
    assert client.get(f"/api/contracts/{signed.pk}/compare").status_code == 422  # with missing
