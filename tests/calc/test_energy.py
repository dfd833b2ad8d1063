"""The energy inventory's pure calculations: spellings, factors and the Covenant's sectors."""

import pytest

from klimatlaget.calc.energy import (
    CARRIER_CODES,
    CARRIERS,
    COVENANT_CARRIER_OF,
    COVENANT_SECTOR_OF,
    COVENANT_SECTORS,
    FACTORS,
    SECTOR_CODES,
    SECTORS,
    Use,
    covenant_inventory,
    emissions_t,
    normalised,
    spellings,
)


def test_every_carrier_has_a_factor_with_a_source_and_a_covenant_column():
    assert set(FACTORS) == CARRIER_CODES
    assert all(factor.source and factor.t_per_mwh >= 0 for factor in FACTORS.values())
    assert set(COVENANT_CARRIER_OF) == CARRIER_CODES
    assert set(COVENANT_SECTOR_OF) == SECTOR_CODES
    assert set(COVENANT_SECTOR_OF.values()) <= {term.code for term in COVENANT_SECTORS}


def test_scb_labels_codes_and_english_are_all_accepted_in_any_case():
    sectors, carriers = spellings(SECTORS), spellings(CARRIERS)
    assert sectors[normalised("Småhus")] == "houses"
    assert sectors[normalised("  jordbruk,  skogsbruk, fiske ")] == "agriculture"
    assert sectors[normalised("flats")] == "flats"
    assert carriers[normalised("Eldningsolja 2–5")] == "heating_oil_2_5"
    assert carriers[normalised("eldningsolja 2-5")] == "heating_oil_2_5"
    assert carriers[normalised("FJÄRRVÄRME")] == "district_heating"
    assert normalised("Biogas") in carriers and normalised("kärnkraft") not in carriers


def test_energy_times_factor_is_the_emissions():
    assert emissions_t("diesel", 1000) == pytest.approx(267.0)
    assert emissions_t("wood", 5000) == 0.0
    assert emissions_t("natural_gas", 100, {"natural_gas": FACTORS["lpg"]}) == pytest.approx(22.7)


def test_the_covenant_inventory_sums_by_covenant_sector_and_column():
    uses = [
        Use("houses", "electricity", 100.0),
        Use("flats", "electricity", 50.0),
        Use("flats", "district_heating", 200.0),
        Use("transport", "diesel", 1000.0),
        Use("transport", "petrol", 400.0),
        Use("industry", "heating_oil_1", 10.0),
        Use("industry", "heating_oil_2_5", 20.0),
    ]
    found = covenant_inventory(uses)
    assert found.mwh[("residential", "electricity")] == 150.0
    assert found.mwh[("residential", "heat")] == 200.0
    assert found.mwh[("private_transport", "diesel")] == 1000.0
    assert found.mwh[("private_transport", "gasoline")] == 400.0
    assert found.mwh[("industry", "heating_oil")] == 30.0
    assert found.total() == pytest.approx(sum(use.mwh for use in uses))
    expected_t = sum(emissions_t(use.carrier, use.mwh) for use in uses)
    assert found.total("t") == pytest.approx(expected_t)
    assert found.sector_total("private_transport", "t") == pytest.approx(267.0 + 0.249 * 400)
