"""Every other platform's workbook, downloaded from the Exports page as a visitor on a phone and
read back: the GPC inventory, the CDP-ICLEI Track report, the NetZeroCities tables and the EU
Covenant of Mayors workbook each hold the organisation's own figures and objects."""

import io
from pathlib import Path

import openpyxl
import pytest
from django.db.models import Sum

from klimatlaget.emissions.models import Emission
from klimatlaget.measures.models import Measure
from klimatlaget.netzerocities.report import visible_measures
from klimatlaget.organisations.models import Organisation
from klimatlaget.targets.models import Target

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def strandhamn(users):
    """Strandhamn (9102) of the example dataset with its targets, plans, measures, indicators
    and investment plans."""
    from klimatlaget.demo.association import load_demo_association_and_targets

    load_demo_association_and_targets(example=True, say=lambda _text: None)
    return Organisation.objects.get(code="9102")


def _download(page, exporter: str, year: int) -> openpyxl.Workbook:
    card = page.locator(f"#exporter-{exporter}")
    card.locator("input[name=year]").fill(str(year))
    with page.expect_download() as download:
        card.locator("button[data-format=xlsx]").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    return openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))


def _records(sheet) -> list[dict]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_a_visitor_downloads_every_platforms_workbook(page, strandhamn):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/o/9102/exports/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    gpc = _records(_download(page, "inventory-gpc", 2022)["GPC 2022"])
    smhi = Emission.objects.filter(organisation=strandhamn, year=2022).aggregate(t=Sum("tco2e"))
    assert sum(row["tco2e"] or 0 for row in gpc) == pytest.approx(smhi["t"], abs=0.5)

    cdp = _download(page, "cdp-iclei-track", 2022)
    assert cdp.sheetnames == [
        "Governance",
        "Climate risk",
        "Inventory (GPC)",
        "Targets",
        "Plans and actions",
        "Answers",
    ]
    targets = Target.objects.filter(organisation=strandhamn)
    assert targets.exists()
    cdp_targets = _records(cdp["Targets"])
    assert {row["source"] for row in cdp_targets} == {
        f"/o/9102/targets/#target-{target.pk}" for target in targets
    }

    nzc = _download(page, "netzerocities", 2025)
    outlines = next(sheet for sheet in nzc.worksheets if sheet.title.startswith("B-2"))
    public = visible_measures(strandhamn, with_drafts=False)
    assert public
    titles = [
        row[1] for row in outlines.iter_rows(min_row=2, values_only=True)
    ]  # in the page's language
    assert sorted(titles) == sorted(measure.title for measure in public)

    covenant = _download(page, "covenant-of-mayors", 2022)
    assert covenant.sheetnames[0] == "Strategy" and "Actions" in covenant.sheetnames
    actions = _records(covenant["Actions"])
    assert {row["Action title"] for row in actions} == set(
        Measure.objects.filter(organisation=strandhamn).values_list("title", flat=True)
    )
    assert page.console_errors == []
