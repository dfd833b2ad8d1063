"""The fee list: rows and sum, missing population, overrides, CSV and Excel, and permissions.

The association is the demo's Klimatkommunerna with the fictional members and the demo's fee
rule (3,000 SEK + 0.20 SEK per inhabitant, at most 150,000 counted). Fees for 2025 count the
population of 31 December 2024, the example data's year.
"""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from klimatlaget.associations.models import Membership
from klimatlaget.audit.models import AuditEntry
from klimatlaget.audit.subjects import HIDDEN
from klimatlaget.demo.association import load_fee_rule, load_memberships
from klimatlaget.fees.models import FeeOverride, FeeRule
from klimatlaget.fees.services import NoFeeRule, fee_list, set_fee_override, set_fee_rule
from klimatlaget.organisations.models import Organisation, OrganisationKind, Population

YEAR = 2025
PAGE = f"/associations/klimatkommunerna/fees/{YEAR}/"
CSV = f"/associations/klimatkommunerna/fees/{YEAR}.csv"
XLSX = f"/associations/klimatkommunerna/fees/{YEAR}.xlsx"
API = f"/api/associations/klimatkommunerna/fees?year={YEAR}"

# 3,000 + 0.20 × min(population 2024, 150,000), by hand from the example data.
EXPECTED = {
    "9101": Decimal(6_680),  # 18,400
    "9102": Decimal(15_850),  # 64,250
    "9104": Decimal(9_204),  # 31,020
    "9105": Decimal(31_720),  # 143,600
    "9201": Decimal(4_462),  # 7,310
    "9202": Decimal(13_496),  # 52,480
    "9203": Decimal(3_830),  # 4,150
    "9204": Decimal(7_780),  # 23,900
    "9205": Decimal(20_740),  # 88,700
    "91": Decimal(33_000),  # 267,140: the ceiling
    "92": Decimal(33_000),  # 176,540: the ceiling
}


@pytest.fixture
def association(example_data):
    result = load_memberships(example=True)
    assert load_fee_rule(result.association)
    return result.association


@pytest.fixture
def newcomer(association):
    """A member with no population figure."""
    org = Organisation.objects.create(code="9999", name="Nyby", kind=OrganisationKind.MUNICIPALITY)
    Membership.objects.create(association=association, member=org, joined=datetime.date(2025, 1, 1))
    return org


def test_the_demo_rule_is_created_once(association):
    assert not load_fee_rule(association)
    rule = FeeRule.objects.get(association=association)
    assert (rule.from_year, rule.fixed_sek, rule.per_inhabitant_sek) == (
        2008,
        Decimal(3000),
        Decimal("0.2"),
    )
    assert rule.max_inhabitants == 150_000 and rule.population_year_for(YEAR) == 2024
    assert AuditEntry.objects.filter(action="klimatlaget.fee_rule.created").count() == 1


def test_rows_and_sum(association):
    fees = fee_list(association, YEAR)
    assert fees.population_year == 2024
    assert {row.member_code: row.fee_sek for row in fees.rows} == EXPECTED
    assert fees.total_sek == sum(EXPECTED.values()) == Decimal(179_762)
    assert fees.flagged == 0
    mossala = next(row for row in fees.rows if row.member_code == "9105")
    assert (mossala.inhabitants, mossala.counted_inhabitants, mossala.capped) == (
        143_600,
        143_600,
        False,
    )
    county = next(row for row in fees.rows if row.member_code == "91")
    assert county.capped and county.counted_inhabitants == 150_000
    assert "9103" not in {row.member_code for row in fees.rows}  # left in 2019


def test_a_member_without_population_is_flagged_not_charged_zero(association, newcomer):
    fees = fee_list(association, YEAR)
    row = next(row for row in fees.rows if row.member_code == "9999")
    assert row.missing_population and row.fee_sek is None and row.inhabitants is None
    assert fees.flagged == 1
    assert fees.total_sek == sum(EXPECTED.values())


def test_a_year_without_population_uses_the_latest_before_and_says_so(association, newcomer):
    """Fees for 2027 count the population of 2026, not published: the latest (2024) is used,
    with its year on the row and the row flagged; a member without any figure stays unchanged."""
    fees = fee_list(association, 2027)
    assert fees.population_year == 2026
    rows = {row.member_code: row for row in fees.rows}
    assert {code: rows[code].fee_sek for code in EXPECTED} == EXPECTED
    assert all(rows[code].population_year == 2024 for code in EXPECTED)
    assert all(rows[code].earlier_population for code in EXPECTED)
    assert fees.earlier_population == len(EXPECTED) and fees.earlier_years == [2024]
    nyby = rows["9999"]
    assert nyby.missing_population and not nyby.earlier_population and nyby.fee_sek is None
    assert nyby.population_year == 2026
    # A figure of the rule's own year wins over an earlier one, and is not flagged.
    Population.objects.create(
        organisation=Organisation.objects.get(code="9101"), year=2026, inhabitants=20_000
    )
    ekby = next(row for row in fee_list(association, 2027).rows if row.member_code == "9101")
    assert (ekby.population_year, ekby.fee_sek, ekby.earlier_population) == (
        2026,
        Decimal(7_000),
        False,
    )
    # The year on time is not flagged either.
    assert not any(row.earlier_population for row in fee_list(association, YEAR).rows)


def test_no_rule_before_2008(association):
    with pytest.raises(NoFeeRule):
        fee_list(association, 2007)


def test_a_population_year_named_by_the_rule(association, users):
    set_fee_rule(
        users["kansli"],
        association,
        2026,
        fixed_sek=Decimal(1000),
        per_inhabitant_sek=Decimal("0.10"),
        max_inhabitants=None,
        rounding="tenth",
        population_year=2024,
    )
    fees = fee_list(association, 2026)
    assert fees.population_year == 2024
    rows = {row.member_code: row.fee_sek for row in fees.rows}
    assert rows["91"] == Decimal("27714.0")  # 1,000 + 0.10 × 267,140, no ceiling
    assert fee_list(association, YEAR).rule.from_year == 2008


def test_overrides_with_reason(association, users):
    mossala = Organisation.objects.get(code="9105")
    set_fee_override(
        users["kansli"],
        association,
        mossala,
        2025,
        to_year=2025,
        counted_inhabitants=45_000,
        reason="Board decision: counted as 45,000 inhabitants",
    )
    ekby = Organisation.objects.get(code="9101")
    set_fee_override(
        users["kansli"], association, ekby, 2020, amount_sek=Decimal(5000), reason="Agreed fee"
    )
    fees = {row.member_code: row for row in fee_list(association, YEAR).rows}
    assert fees["9105"].fee_sek == Decimal(12_000)
    assert fees["9105"].counted_inhabitants == 45_000 and fees["9105"].inhabitants == 143_600
    assert fees["9105"].override_reason == "Board decision: counted as 45,000 inhabitants"
    assert fees["9101"].fee_sek == Decimal(5000) and fees["9101"].override_reason == "Agreed fee"
    assert fee_list(association, YEAR).total_sek == (
        sum(EXPECTED.values()) - EXPECTED["9105"] + 12_000 - EXPECTED["9101"] + 5000
    )
    # Only for 2025: in 2026 Mossala's fee follows the rule again (on its population of 2024,
    # the latest in the example data), while Ekby's open-ended override holds.
    later = {row.member_code: row for row in fee_list(association, 2026).rows}
    assert later["9105"].override_reason == "" and later["9105"].fee_sek == EXPECTED["9105"]
    assert later["9101"].fee_sek == Decimal(5000)
    entry = AuditEntry.objects.filter(
        action="klimatlaget.fee_override.created", organisation=mossala
    ).get()
    assert entry.actor_label == "kansli"
    assert entry.changes["counted_inhabitants"] == [None, 45_000]
    assert entry.changes["reason"] == [None, HIDDEN]  # the reason is confidential
    assert "Board decision" not in entry.summary


def test_override_needs_reason_and_exactly_one_value(association, users):
    mossala = Organisation.objects.get(code="9105")
    kansli = users["kansli"]
    with pytest.raises(ValidationError):
        set_fee_override(kansli, association, mossala, 2025, counted_inhabitants=1, reason=" ")
    with pytest.raises(ValidationError):
        set_fee_override(kansli, association, mossala, 2025, reason="why")
    with pytest.raises(ValidationError):
        set_fee_override(
            kansli, association, mossala, 2025, counted_inhabitants=1, amount_sek=1, reason="x"
        )
    assert not FeeOverride.objects.exists()


@pytest.mark.parametrize("name", ["alice", "bob", "lasare", "nobody"])
def test_only_the_secretariat_sets_rules_and_overrides(association, users, name):
    with pytest.raises(PermissionDenied):
        set_fee_rule(
            users[name],
            association,
            2030,
            fixed_sek=Decimal(1),
            per_inhabitant_sek=Decimal(1),
            max_inhabitants=None,
        )
    with pytest.raises(PermissionDenied):
        set_fee_override(
            users[name],
            association,
            Organisation.objects.get(code="9102"),
            2025,
            amount_sek=Decimal(0),
            reason="free",
        )
    assert FeeRule.objects.count() == 1 and not FeeOverride.objects.exists()


def test_changing_a_rule_is_recorded(association, users):
    set_fee_rule(
        users["kansli"],
        association,
        2008,
        fixed_sek=Decimal(3000),
        per_inhabitant_sek=Decimal("0.20"),
        max_inhabitants=150_000,
        rounding="tenth",
    )
    entry = AuditEntry.objects.get(action="klimatlaget.fee_rule.changed")
    assert entry.changes == {"fee rule 2008: rounding": ["krona", "tenth"]}
    assert entry.organisation == association


def test_page_shows_rows_sum_and_flag(client, association, users, newcomer):
    client.force_login(users["kansli"])
    response = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nyby" in html and "Strandhamn" in html
    assert html.count('class="flagged"') == 1
    assert "Population 2024 missing: not charged" in html
    assert "1 member has no population figure and is not charged yet." in html
    assert response.context["fees"].total_sek == Decimal(179_762)
    assert "179" in html and "762" in html
    assert CSV in html and XLSX in html


def test_page_for_a_year_without_rule(client, association, users):
    client.force_login(users["kansli"])
    response = client.get("/associations/klimatkommunerna/fees/2007/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert "no fee rule" in response.content.decode()
    assert client.get("/associations/klimatkommunerna/fees/2007.csv").status_code == 404


def test_csv(client, association, users, newcomer):
    client.force_login(users["kansli"])
    response = client.get(CSV)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    by_code = {row["member_code"]: row for row in rows[:-1]}
    assert {code: Decimal(by_code[code]["fee_sek"]) for code in EXPECTED} == EXPECTED
    assert by_code["9999"]["fee_sek"] == "" and by_code["9999"]["missing_population"] == "true"
    assert by_code["91"]["capped"] == "true" and by_code["91"]["counted_inhabitants"] == "150000"
    assert rows[-1]["member_name"] == "TOTAL" and Decimal(rows[-1]["fee_sek"]) == 179_762


def test_excel(client, association, users, newcomer):
    client.force_login(users["kansli"])
    response = client.get(XLSX, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header, body, last = rows[0], rows[1:-1], rows[-1]
    assert all(cell.font.bold for cell in sheet[1])
    assert header[0] == "Code" and header[6] == "Fee (SEK)"
    fees = {row[0]: row[6] for row in body}
    assert {code: fees[code] for code in EXPECTED} == {c: int(v) for c, v in EXPECTED.items()}
    assert all(isinstance(fees[code], int | float) for code in EXPECTED)
    assert isinstance(next(row[4] for row in body if row[0] == "9102"), int)
    assert fees["9999"] is None
    assert next(row[8] for row in body if row[0] == "9999") == "yes"
    assert last[1] == "Total" and last[6] == 179_762
    assert sheet.cell(row=sheet.max_row, column=7).font.bold


def test_api(client, association, users, newcomer):
    client.force_login(users["kansli"])
    data = client.get(API).json()
    assert data["total_sek"] == 179_762
    assert data["members"] == 12 and data["missing_population"] == 1
    assert data["rule"]["population_year"] == 2024
    rows = {row["member_code"]: row for row in data["rows"]}
    assert rows["9102"]["fee_sek"] == 15_850
    assert rows["9999"]["fee_sek"] is None and rows["9999"]["missing_population"]
    response = client.get(API + "&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "TOTAL" in response.content.decode()
    assert client.get("/api/associations/klimatkommunerna/fees?year=2007").status_code == 422


@pytest.mark.parametrize("name", ["alice", "bob", "lasare", "nobody", None])
def test_permission_matrix(client, association, users, name):
    """Editors, viewers and users without a role are refused; anonymous users are sent to log
    in (pages) or told to (API); the secretariat gets every one."""
    for url in (PAGE, CSV, XLSX, API, API + "&format=csv"):
        client.logout()
        if name is not None:
            client.force_login(users[name])
        response = client.get(url)
        expected = (401 if url.startswith("/api/") else 302) if name is None else 403
        assert response.status_code == expected, url
        if expected == 302:
            assert response["Location"].startswith("/accounts/login/")
        client.force_login(users["kansli"])
        assert client.get(url).status_code == 200, url


def test_earlier_population_on_the_page_csv_excel_and_api(client, association, users):
    """Fees for 2027 (population 2026 not published): every output says 2024 and flags it."""
    client.force_login(users["kansli"])
    base = "/associations/klimatkommunerna/fees/2027"
    response = client.get(f"{base}/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="earlier"') == len(EXPECTED)
    assert html.count("Population of 2024, the latest available") == len(EXPECTED)
    assert (
        "The population of 2026 is not published yet: 11 members are charged on the latest "
        "figure available, of 2024." in html
    )
    rows = list(csv.DictReader(io.StringIO(client.get(f"{base}.csv").content.decode())))[:-1]
    assert {(row["population_year"], row["earlier_population"]) for row in rows} == {
        ("2024", "true")
    }
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get(f"{base}.xlsx", HTTP_ACCEPT_LANGUAGE="en").content)
    ).active
    header, *body = list(sheet.iter_rows(values_only=True))[:-1]
    assert header[3] == "Population year" and header[9] == "Earlier population year"
    assert {(row[3], row[9]) for row in body} == {(2024, "yes")}
    data = client.get("/api/associations/klimatkommunerna/fees?year=2027").json()
    assert data["rule"]["population_year"] == 2026 and data["earlier_population"] == 11
    assert {(row["population_year"], row["earlier_population"]) for row in data["rows"]} == {
        (2024, True)
    }


def test_the_year_links_go_back_while_there_were_members_and_forward_to_next_year(
    client, association, users
):
    """Each list links its neighbours, but not into years without members or fees not yet set,
    so following the links ends (the crawl in tests/navigation relies on it)."""
    client.force_login(users["kansli"])
    code = association.code
    first = min(Membership.objects.filter(association=association).values_list("joined", flat=True))
    next_year = datetime.date.today().year + 1

    def links(year):
        page = client.get(f"/associations/{code}/fees/{year}/").content.decode()
        return 'rel="prev"' in page, 'rel="next"' in page

    assert links(first.year + 1) == (True, True)
    assert links(first.year)[0] is False
    assert links(next_year - 1) == (True, True)
    assert links(next_year) == (True, False)
