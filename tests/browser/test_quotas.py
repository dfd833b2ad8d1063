"""Emission quotas in the browser on a phone: an editor adds a unit's quota, enters two
quarters' emissions and sees the traffic light, the chart and the CSV, without the page
scrolling sideways."""

import pytest

from klimatlaget.measures.models import EmissionQuota

from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_an_editor_sets_a_quota_and_follows_it_up_by_quarter_on_a_phone(page, users):
    page.set_viewport_size(PHONE)
    log_in(page, "alice", "/o/9102/")
    page.locator("#quota-link").click()
    page.wait_for_url("**/o/9102/quotas/")
    assert page.locator("#no-quotas").is_visible()
    _fits(page)

    page.locator("#quota-new").click()
    page.wait_for_url("**/o/9102/quotas/new/")
    page.locator("#id_unit").fill("Tekniska nämnden")
    page.locator("#id_year").fill("2026")
    page.locator("#id_quota_t").fill("1000")
    _fits(page)
    page.locator("#quota-form button[type=submit]").click()
    page.wait_for_url("**/o/9102/quotas/?year=2026*")
    quota = EmissionQuota.objects.get()
    row = page.locator(f"#quota-{quota.pk}")
    assert row.get_attribute("data-light") == ""  # nothing followed up yet

    row.locator(f"a[href$='/quotas/{quota.pk}/outcomes/']").click()
    page.wait_for_url(f"**/quotas/{quota.pk}/outcomes/")
    page.locator("#id_outcome_1").fill("240")
    page.locator("#id_outcome_2").fill("270")
    _fits(page)
    page.locator("#quota-outcomes-form button[type=submit]").click()
    page.wait_for_url("**/o/9102/quotas/?year=2026*")

    row = page.locator(f"#quota-{quota.pk}")
    assert row.locator("[data-light=amber]").is_visible()  # 510 t against 500 t so far
    assert row.locator("[data-period='1']").inner_text() == "240"
    assert row.locator("[data-used]").get_attribute("data-used") == "51.0"
    assert page.locator("#quota-total [data-light=amber]").is_visible()
    chart = page.locator("#quota-chart svg:visible")
    assert chart.count() == 1 and "kl-w-340" in chart.get_attribute("class")
    assert chart.locator("[data-key]").count() == 2  # the quota and the emissions
    _fits(page)
    with page.expect_download() as download:
        page.locator("#quota-csv").click()
    lines = download.value.path().read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("organisation,year,unit,quota_t,q1_t,q2_t")
    assert ",amber," in lines[1]
    assert page.console_errors == []
