"""The budget page says on a phone that its estimates include the reductions the approved
follow-up reports as achieved, and shows the lowered estimate."""

import pytest

from klimatlaget.accounts.actors import command_line
from klimatlaget.emissions.dataset import load_dataset
from klimatlaget.followup import services
from klimatlaget.measures.services import create_measure
from klimatlaget.organisations.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_the_estimates_include_the_follow_up(page, example_data):
    strandhamn = Organisation.objects.get(code="9102")
    actor = command_line()
    measure = {"code": "T1", "title": "Elbussar", "sector": "Transporter", "type": "technical"}
    create_measure(actor, strandhamn, {**measure, "status": "ongoing"})
    period = services.prepare_period(actor, strandhamn, 2025, 3)
    services.report_on_measure(actor, period.measure_reports.get(), {"achieved_reduction_t": 2500})
    services.approve_period(actor, period)
    last = load_dataset()["9102"].sectors["Transporter"][2023]

    page.set_viewport_size(PHONE)
    page.goto("/o/9102/budget/2026/?current_year=2026")
    line = page.locator("#nowcast-follow-up")
    assert line.is_visible()
    assert line.get_attribute("data-period") == "2025 Q3"
    assert line.get_attribute("data-achieved-t") == "2500.0"
    assert "2" in line.inner_text() and "500" in line.inner_text()
    # Without national figures transport is carried forward unchanged, less the 2,500 t.
    transport = page.locator("#budget-year tbody tr").filter(has_text="Transport").first
    digits = "".join(c for c in transport.locator("td.num").nth(1).inner_text() if c.isdigit())
    assert int(digits) == round(last - 2500)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.console_errors == []
