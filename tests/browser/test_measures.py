"""Plans, measures and indicators in the browser: filtering the register, adding a measure,
versions of a plan, and entering an indicator's values."""

import pytest

from browser.helpers import log_in
from klimatlaget.measures import indicators, plans, services
from klimatlaget.measures.models import ActionPlan, Measure
from klimatlaget.organisations.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BASE = {"sector": "Transporter", "type": "technical", "status": "decided"}


def _english(page) -> None:
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()


def _filter(page, name: str):
    return page.locator(f"#measure-filters [name={name}]")


def _codes(page) -> list[str]:
    return page.locator("#measure-table tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.code)"
    )


def test_the_register_filters_by_status_sector_type_and_responsible(page, users):
    strandhamn = Organisation.objects.get(code="9102")
    alice = users["alice"]
    services.create_measure(alice, strandhamn, {**BASE, "code": "T1", "title": "Buses"})
    services.create_measure(
        alice,
        strandhamn,
        {
            **BASE,
            "code": "E1",
            "title": "Solar",
            "sector": "El och fjärrvärme",
            "status": "proposed",
            "responsible_unit": "Energibolaget",
        },
    )
    page.goto("/o/9102/")
    _english(page)
    page.get_by_role("link", name="Measures", exact=True).click()
    page.wait_for_url("**/o/9102/measures/")
    assert _codes(page) == ["E1", "T1"]
    _filter(page, "status").select_option("proposed")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**status=proposed**")
    assert _codes(page) == ["E1"]
    _filter(page, "status").select_option("")
    _filter(page, "sector").select_option("Transporter")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**sector=Transporter**")
    assert _codes(page) == ["T1"]
    _filter(page, "sector").select_option("")
    _filter(page, "responsible").fill("energi")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**responsible=energi**")
    assert _codes(page) == ["E1"]
    assert page.console_errors == []


def test_an_editor_adds_a_measure_and_sees_it_with_its_status_history(page, users):
    log_in(page, "alice", "/o/9102/measures/")
    _english(page)
    page.get_by_role("link", name="Add a measure").click()
    page.wait_for_url("**/o/9102/measures/new/")
    page.get_by_label("Code", exact=True).fill("B1")
    page.get_by_label("Title", exact=True).fill("Biogas plant")
    page.get_by_label("Main sector", exact=True).select_option("Transporter")
    page.get_by_label("Type", exact=True).select_option("technical")
    page.get_by_label("Status", exact=True).select_option("proposed")
    page.get_by_label("Expected reduction (t CO₂e a year)").fill("30000")
    page.get_by_label("Start year").fill("2027")
    page.get_by_label("End year").fill("2026")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_role("alert").is_visible()
    assert not Measure.objects.exists()
    page.get_by_label("End year").fill("2029")
    page.get_by_role("button", name="Save").click()
    measure = Measure.objects.get()
    page.wait_for_url(f"**/o/9102/measures/{measure.pk}/")
    assert page.get_by_role("heading", name="B1 Biogas plant").is_visible()
    assert page.locator("#status-list li").inner_text().endswith("Proposed")
    assert page.locator('#measure-changes tr[data-action="klimatlaget.measure.created"]').count()
    assert page.console_errors == []


def test_a_new_version_of_a_plan_is_in_force_once_adopted(page, users):
    strandhamn = Organisation.objects.get(code="9102")
    old = plans.create_plan(
        users["alice"],
        strandhamn,
        {
            "title": "Klimatplan",
            "status": "adopted",
            "adopted_on": "2020-01-01",
            "version_label": "1",
        },
    )
    log_in(page, "alice", "/o/9102/plans/")
    _english(page)
    assert page.locator(f"#plan-{old.pk} .in-force").is_visible()
    page.get_by_role("link", name="New version Klimatplan").click()
    page.wait_for_url(f"**/o/9102/plans/{old.pk}/new-version/")
    assert page.get_by_label("Title", exact=True).input_value() == "Klimatplan"
    page.get_by_label("Version", exact=True).fill("2")
    page.get_by_label("Status", exact=True).select_option("adopted")
    page.get_by_label("Adopted on").fill("2025-03-01")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/o/9102/plans/")
    new = ActionPlan.objects.exclude(pk=old.pk).get()
    assert new.replaces_id == old.pk
    assert page.locator(f"#plan-{new.pk} .in-force").is_visible()
    assert page.locator(f"#plan-{old.pk} .in-force").count() == 0
    assert page.console_errors == []


def test_an_editor_enters_indicator_values_and_sees_table_and_chart(page, users):
    strandhamn = Organisation.objects.get(code="9102")
    indicator = indicators.create_indicator(
        users["alice"],
        strandhamn,
        {
            "name": "Charging points",
            "unit": "st",
            "direction": "up",
            "target_values": {"2030": 200},
        },
    )
    log_in(page, "alice", f"/o/9102/indicators/{indicator.pk}/")
    _english(page)
    for year, period, value in (("2024", "0", "20"), ("2025", "2", "31")):
        page.get_by_label("Year", exact=True).fill(year)
        page.get_by_label("Period", exact=True).select_option(period)
        page.get_by_label("Value", exact=True).fill(value)
        page.get_by_role("button", name="Save the value").click()
        page.wait_for_load_state()
    rows = page.locator("#indicator-values tbody tr")
    assert rows.evaluate_all("rs => rs.map(r => r.dataset.period)") == ["2024", "2025 Q2"]
    assert "alice" in rows.nth(1).inner_text()
    assert page.locator("figure.chart svg[role=img]").count() == 1
    assert page.console_errors == []
