"""What a person does in the browser: log in, look at a municipality, sort, download."""

import csv
import io
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_log_in_and_edit_own_municipality(page, users):
    page.goto("/accounts/login/?next=/o/9102/")
    page.get_by_label("Användarnamn").fill("alice")
    page.get_by_label("Lösenord").fill("pw-alice")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/o/9102/")
    page.get_by_role("link", name="Redigera beskrivning").click()
    page.get_by_label("Beskrivning").fill("En kuststad i exemplet.")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url("**/o/9102/")
    assert page.get_by_text("En kuststad i exemplet.").is_visible()
    page.get_by_role("link", name="Ändringshistorik").click()
    assert page.get_by_role("cell", name="alice").first.is_visible()


def test_wrong_password_is_refused(page, users):
    page.goto("/accounts/login/")
    page.get_by_label("Användarnamn").fill("alice")
    page.get_by_label("Lösenord").fill("fel")
    page.get_by_role("button", name="Logga in").click()
    assert page.get_by_role("alert").is_visible()


def test_view_an_organisation_with_charts_and_table(page, example_data):
    page.goto("/o/9102/")
    assert page.get_by_role("heading", name="Strandhamn", level=1).is_visible()
    assert page.locator("figure.chart svg[role=img]:visible").count() == 2
    assert page.get_by_text("Exempeldata.").is_visible()
    assert page.locator("#sector-table tbody tr").count() == 8
    assert page.console_errors == []


def test_switch_to_english(page, example_data):
    page.goto("/o/9102/")
    page.get_by_role("button", name="English").click()
    assert page.get_by_role("heading", name="Key figures").is_visible()


def test_sort_the_comparison_by_clicking_a_column(page, example_data):
    page.goto("/compare/")
    page.get_by_role("link", name="Folkmängd").click()
    first = page.locator("#comparison-table tbody tr th").first.inner_text()
    assert first.startswith("Mossala")  # the largest population, descending first
    page.get_by_role("link", name="Folkmängd").click()
    first = page.locator("#comparison-table tbody tr th").first.inner_text()
    assert first.startswith("Fjällbacka-Öde")


def test_filter_by_county_without_a_submit_click(page, example_data):
    page.goto("/compare/")
    page.locator("select[name=county]").select_option(label="Påhittade län")
    page.wait_for_url("**county=92**")
    assert page.locator("#comparison-table tbody tr").count() == 5


def test_download_the_comparison_as_csv(page, example_data):
    page.goto("/compare/?county=91")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ladda ner CSV").click()
    text = Path(download_info.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 5


def test_keyboard_reaches_the_main_content(page, example_data):
    page.goto("/o/9102/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "innehåll" in focused.lower()


@pytest.mark.parametrize("path", ["/o/9102/", "/compare/", "/"])
def test_pages_fit_a_phone_screen(page, example_data, path):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path} is {overflow}px wider than a 360px phone"
