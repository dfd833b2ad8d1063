"""An editor registers a climate target in the browser and sees it judged and recorded."""

import re

import pytest

from klimatlaget.targets.models import Target

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VERDICTS = re.compile("In line with the Paris Agreement|Partly in line|Not in line|Not assessed")


def test_add_a_target_correct_an_error_and_see_verdict_and_history(page, users):
    page.goto("/accounts/login/?next=/o/9102/targets/")
    page.get_by_label("Användarnamn").fill("alice")
    page.get_by_label("Lösenord").fill("pw-alice")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/o/9102/targets/")
    page.get_by_role("button", name="English").click()
    page.get_by_role("link", name="Add a target").click()
    page.wait_for_url("**/o/9102/targets/new/")

    page.get_by_label("Title", exact=True).fill("Minus 70 % by 2030")
    page.get_by_label("Form", exact=True).select_option("percent_reduction")
    page.get_by_label("Value", exact=True).fill("70")
    page.get_by_label("Base year", exact=True).fill("2035")
    page.get_by_label("Target year", exact=True).fill("2030")
    page.get_by_label("Scope 1: sources inside the boundary").check()
    page.get_by_label("Scope 2: grid electricity, district heating and cooling").check()
    page.get_by_label("Includes non-energy emissions").select_option("true")
    page.get_by_role("button", name="Save").click()

    assert page.get_by_role("alert").is_visible()
    assert page.get_by_text(
        "The base year (2035) must be before the target year (2030)."
    ).is_visible()
    assert Target.objects.count() == 0
    # The entered values are kept; only the base year needs correcting.
    assert page.get_by_label("Value", exact=True).input_value() == "70"
    page.get_by_label("Base year", exact=True).fill("1990")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/o/9102/targets/")

    target = Target.objects.get()
    page.reload()
    assert (target.base_year, target.target_year, target.scopes) == (1990, 2030, ["1", "2"])
    card = page.locator(f"#target-{target.pk}")
    assert card.get_by_role("heading", name="Minus 70 % by 2030").is_visible()
    assert VERDICTS.search(card.locator(".verdict").inner_text())
    assert page.get_by_role("heading", name="Overall verdict").is_visible()
    assert page.locator("figure.chart svg[role=img]:visible").count() == 1
    assert page.console_errors == []

    page.goto("/o/9102/history/")
    assert page.get_by_role("cell", name="Climate target added: Minus 70 % by 2030").is_visible()
