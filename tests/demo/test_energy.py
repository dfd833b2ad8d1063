"""The example's energy inventory: Strandhamn's fictional energy use of 2020 and 2023, loaded
through the importer, gives the Covenant of Mayors workbook an energy-based baseline and
monitoring inventory; loading it again changes nothing."""

import csv
import io

import openpyxl
import pytest

from klimatlaget.audit.models import AuditEntry
from klimatlaget.demo.energy import EXAMPLE_ENERGY, load_example_energy
from klimatlaget.energy.covenant import covenant_xlsx
from klimatlaget.energy.models import EnergyUse
from klimatlaget.organisations.models import Organisation


@pytest.mark.django_db
def test_the_example_energy_use_feeds_the_covenant_inventories(example_data):
    load_example_energy(say=lambda _text: None)
    with EXAMPLE_ENERGY.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    strandhamn = Organisation.objects.get(code="9102")
    stored = EnergyUse.objects.filter(organisation=strandhamn)
    assert stored.count() == len(rows)
    for year in (2020, 2023):
        expected = sum(float(row["mwh"]) for row in rows if row["year"] == str(year))
        assert sum(use.mwh for use in stored.filter(year=year)) == pytest.approx(expected)

    book = openpyxl.load_workbook(io.BytesIO(covenant_xlsx(strandhamn, 2023)))
    monitoring = list(book["Monitoring inventory"].iter_rows(values_only=True))
    source = next(row for row in monitoring if row and row[0] == "Source")
    assert source[1].startswith("Energy inventory")
    total_mwh = next(row for row in monitoring if row and row[0] == "Total")
    expected_2023 = sum(float(row["mwh"]) for row in rows if row["year"] == "2023")
    assert total_mwh[-1] == pytest.approx(expected_2023)

    entries = AuditEntry.objects.count()
    load_example_energy(say=lambda _text: None)
    assert AuditEntry.objects.count() == entries
