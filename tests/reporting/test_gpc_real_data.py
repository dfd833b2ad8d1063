"""Over SMHI's real figures: for all 290 municipalities and every year, the GPC inventory adds up
to SMHI's total (the platform's, and the total in SMHI's own totals file), nothing is unplaced,
and counties and Sweden add up to their municipalities."""

import csv
from collections import defaultdict

import pytest
from django.db import transaction

from klimatlaget.accounts.actors import command_line
from klimatlaget.calc.gpc import REFERENCES
from klimatlaget.emissions.dataset import load_dataset
from klimatlaget.organisations.models import Organisation, OrganisationKind
from klimatlaget.reporting.gpc import inventory_for
from klimatlaget.sources.names import NameMatcher

#: SMHI's totals file rounds each total to the hundredth of a tonne, as it does each sector.
ROUNDING_T = 0.05


@pytest.fixture(scope="module")
def real(django_db_setup, django_db_blocker, shared_data):
    """The real codes and emissions, imported once for the module and rolled back after it."""
    from klimatlaget.imports.services import import_emissions, import_scb_codes

    with django_db_blocker.unblock(), transaction.atomic():
        import_scb_codes(shared_data / "scb" / "kommunlankod_2023.xls", actor=command_line())
        emissions = shared_data / "emissions" / "municipality_emissions_by_sector.csv"
        import_emissions(emissions, actor=command_line())
        yield shared_data
        transaction.set_rollback(True)


def _smhi_totals(shared_data) -> dict[tuple[str, int], float]:
    """(municipality code, year) → SMHI's total, from SMHI's own totals file."""
    municipalities = Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY)
    matcher = NameMatcher({org.code: org.name for org in municipalities})
    totals = {}
    with (shared_data / "emissions" / "municipality_emissions_total.csv").open() as file:
        for row in csv.DictReader(file):
            code = matcher.match(row["municipality"])
            assert code is not None, row["municipality"]
            totals[(code, int(row["year"]))] = float(row["tco2e"])
    return totals


def test_every_municipality_and_year_adds_up_to_smhis_total(real, db):
    dataset = load_dataset()
    smhi = _smhi_totals(real)
    municipalities = Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY)
    assert municipalities.count() == 290
    checked = 0
    for organisation in municipalities:
        series = dataset[organisation.code]
        assert series.total, organisation.code
        for year, total in series.total.items():
            inventory = inventory_for(organisation, year)
            assert len(inventory.rows) == len(REFERENCES)
            assert not inventory.unplaced, (organisation.code, year)  # SMHI's nine sectors
            assert inventory.total_t == pytest.approx(total, abs=1e-6)
            assert abs(inventory.total_t - smhi[(organisation.code, year)]) < ROUNDING_T
            checked += 1
    assert checked == len(smhi) == 3770


def test_counties_and_sweden_add_up_to_their_municipalities(real, db):
    dataset = load_dataset()
    by_county: dict[tuple[str, int], float] = defaultdict(float)
    for series in dataset.values():
        if series.kind == OrganisationKind.MUNICIPALITY:
            for year, total in series.total.items():
                by_county[(series.county_code or "", year)] += total
                by_county[("00", year)] += total
    regions = Organisation.objects.filter(kind__in=[OrganisationKind.COUNTY, "nation"])
    assert regions.count() == 22
    for region in regions:
        for year in dataset[region.code].total:
            inventory = inventory_for(region, year)
            assert not inventory.unplaced
            assert inventory.total_t == pytest.approx(by_county[(region.code, year)], rel=1e-12)
