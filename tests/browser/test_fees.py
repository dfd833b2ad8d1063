"""In the browser: the secretariat logs in and reads the year's fee list with its sum."""

import datetime
import io
from pathlib import Path

import openpyxl
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def fee_setup(users):
    """The demo's Klimatkommunerna with the fictional members and fee rule, plus a member
    without a population figure."""
    from klimatlaget.associations.models import Membership
    from klimatlaget.demo.association import load_fee_rule, load_memberships
    from klimatlaget.organisations.models import Organisation, OrganisationKind

    association = load_memberships(example=True).association
    load_fee_rule(association)
    nyby = Organisation.objects.create(code="9999", name="Nyby", kind=OrganisationKind.MUNICIPALITY)
    Membership.objects.create(
        association=association, member=nyby, joined=datetime.date(2025, 1, 1)
    )
    return association


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def test_secretariat_sees_the_fee_list_with_the_sum(page, fee_setup, tmp_path: Path):
    page.goto("/accounts/login/?next=/associations/klimatkommunerna/fees/2025/")
    page.get_by_label("Användarnamn").fill("kansli")
    page.get_by_label("Lösenord").fill("pw-kansli")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/associations/klimatkommunerna/fees/2025/")
    table = page.locator("table#fee-table")
    assert table.is_visible()
    assert table.locator("tbody tr").count() == 12
    # 3,000 + 0.20 × min(inhabitants, 150,000) summed over the eleven members with a population.
    assert _digits(page.locator("#fee-total").inner_text()) == "179762"
    strandhamn = table.locator("tr[data-code='9102'] td.num").nth(2)
    assert _digits(strandhamn.inner_text()) == "15850"
    flagged = table.locator("tr.flagged")
    assert flagged.count() == 1
    assert "Nyby" in flagged.inner_text()
    assert flagged.locator(".flag").is_visible()  # said in words, not by colour alone
    with page.expect_download() as info:
        page.locator("a[href$='/fees/2025.xlsx']").click()
    target = tmp_path / "fees.xlsx"
    info.value.save_as(target)
    sheet = openpyxl.load_workbook(io.BytesIO(target.read_bytes())).active
    assert list(sheet.iter_rows(values_only=True))[-1][6] == 179_762
    assert page.console_errors == []


def test_a_viewer_is_refused(page, fee_setup):
    page.goto("/accounts/login/?next=/associations/klimatkommunerna/fees/2025/")
    page.get_by_label("Användarnamn").fill("lasare")
    page.get_by_label("Lösenord").fill("pw-lasare")
    response_statuses: list[int] = []
    page.on(
        "response",
        lambda r: response_statuses.append(r.status) if "/fees/2025/" in r.url else None,
    )
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/associations/klimatkommunerna/fees/2025/")
    assert 403 in response_statuses
    assert page.locator("table#fee-table").count() == 0


def test_secretariat_sets_an_override_and_sees_the_changed_fee(page, fee_setup):
    from klimatlaget.fees.models import FeeOverride

    page.goto("/accounts/login/?next=/associations/klimatkommunerna/fees/2025/")
    page.get_by_label("Användarnamn").fill("kansli")
    page.get_by_label("Lösenord").fill("pw-kansli")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/associations/klimatkommunerna/fees/2025/")
    page.locator("#override-9105").click()
    page.wait_for_url("**/associations/klimatkommunerna/fees/2025/overrides/9105/")

    form = page.locator("form#override-form")
    form.locator("#id_counted_inhabitants").fill("45000")
    form.locator("#save-override").click()
    # Without a reason the override is refused in words and nothing is saved.
    assert page.get_by_role("alert").is_visible()
    assert page.locator("form#override-form .errorlist").first.is_visible()
    assert not FeeOverride.objects.exists()

    form.locator("#id_reason").fill("Styrelsebeslut 2024-11-20")
    form.locator("#save-override").click()
    page.wait_for_url("**/associations/klimatkommunerna/fees/2025/")
    mossala = page.locator("table#fee-table tr[data-code='9105']")
    # 3,000 + 0.20 × 45,000 inhabitants counted instead of Mossala's 143,600.
    assert _digits(mossala.locator("td.num").nth(2).inner_text()) == "12000"
    assert "Styrelsebeslut 2024-11-20" in mossala.inner_text()
    assert _digits(page.locator("#fee-total").inner_text()) == str(179_762 - 31_720 + 12_000)
    assert page.console_errors == []


def test_a_year_without_population_is_charged_on_the_latest_and_flagged(page, fee_setup):
    """Fees for 2027 count 2026's population, not published: the fees use 2024's (the latest),
    the page says which year and flags each such row; the member without figures stays unpaid."""
    page.goto("/accounts/login/?next=/associations/klimatkommunerna/fees/2027/")
    page.get_by_label("Användarnamn").fill("kansli")
    page.get_by_label("Lösenord").fill("pw-kansli")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/associations/klimatkommunerna/fees/2027/")
    notice = page.locator("#earlier-population")
    assert notice.is_visible()
    assert "2026" in notice.inner_text() and "2024" in notice.inner_text()
    assert _digits(page.locator("#fee-total").inner_text()) == "179762"  # as 2025: same figures
    earlier = page.locator("table#fee-table tr.earlier")
    assert earlier.count() == 11
    strandhamn = page.locator("table#fee-table tr[data-code='9102']")
    assert _digits(strandhamn.locator("td.num").nth(2).inner_text()) == "15850"
    assert strandhamn.locator(".flag").is_visible() and "2024" in strandhamn.inner_text()
    assert page.locator("table#fee-table tr.flagged").count() == 1  # Nyby: no figure at all
    assert page.console_errors == []
