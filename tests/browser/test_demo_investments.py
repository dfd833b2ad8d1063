"""The demo's investment plans read on a 390 px phone: the example's two versions of
Strandhamn's plan compared from the list, its cost curve, and Kalmar's plan quoted from its
contract with its notes; no page wider than the screen."""

import pytest

from klimatlaget.accounts.actors import command_line
from klimatlaget.demo.association import load_demo_association_and_targets
from klimatlaget.demo.investments import load_demo_investments
from klimatlaget.demo.measures import load_demo_measures
from klimatlaget.investments.models import InvestmentPlan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
WIDTH = "() => document.documentElement.scrollWidth"


def test_the_example_plan_and_its_revision_on_a_phone(page, example_data):
    load_demo_association_and_targets(example=True, say=lambda _text: None)
    first, second = InvestmentPlan.objects.filter(organisation__code="9102").order_by(
        "version_number"
    )
    page.set_viewport_size(PHONE)
    page.goto("/o/9102/investments/")
    assert page.locator("#investment-plans tbody tr").count() == 2
    page.locator(f'tr[data-plan="{second.pk}"] a[href$="/compare/"]').click()
    page.wait_for_url(f"**/o/9102/investments/{second.pk}/compare/")
    assert page.locator("#added li[data-line]").all_inner_texts() == [
        "Vätgasstation för tung trafik i hamnen"
    ]
    assert page.locator("#removed li[data-line]").all_inner_texts() == [
        "Publika snabbladdare vid infarterna"
    ]
    assert page.locator("#changed th[scope=rowgroup]").count() == 3
    assert page.evaluate(WIDTH) <= PHONE["width"]
    page.goto(f"/o/9102/investments/{first.pk}/")
    assert page.locator("#cost-curve svg:visible rect.kl-bar").count() == 15
    assert page.locator("#line-table tbody tr").count() == 16
    assert float(page.locator("#total-investment").get_attribute("data-value")) > 0
    assert page.evaluate(WIDTH) <= PHONE["width"]
    assert page.console_errors == []


def test_kalmars_quoted_plan_on_a_phone(page, shared_data):
    from klimatlaget.imports.services import import_scb_codes

    import_scb_codes(shared_data / "scb" / "kommunlankod_2023.xls", actor=command_line())
    load_demo_measures(example=False, say=lambda _text: None)
    load_demo_investments(example=False, say=lambda _text: None)
    plan = InvestmentPlan.objects.get(organisation__code="0880")
    page.set_viewport_size(PHONE)
    page.goto("/o/0880/investments/")
    page.locator(f'#investment-plans a[href="/o/0880/investments/{plan.pk}/"]').click()
    page.wait_for_url(f"**/o/0880/investments/{plan.pk}/")
    assert page.locator("#plan-quoted").is_visible()
    assert "ingen klimatinvesteringsplan än" in page.locator("#plan-notes").inner_text()
    assert page.locator("#funding-gap").get_attribute("data-value") == "1300000000.0"
    assert page.locator("#cost-curve svg:visible rect.kl-bar").count() == 0
    assert page.evaluate(WIDTH) <= PHONE["width"]
    assert page.console_errors == []
