"""SMHI's main sectors in the GPC's shape: where each goes, the notation keys of the rows the data
cannot fill, and every tonne accounted for."""

import pytest

from klimatlaget.calc.gpc import (
    BY_REF,
    MAPPING,
    NO_SECTOR_SPLIT,
    NOTATIONS,
    REFERENCES,
    SUB_SECTORS,
    TERRITORIAL_ONLY,
    TOTAL_ONLY,
    UNKNOWN_SECTOR,
    NotationKey,
    gpc_inventory,
)

SMHI_SECTORS = {
    "Arbetsmaskiner": 10.0,
    "Avfall (inkl.avlopp)": 20.0,
    "Egen uppvärmning av bostäder och lokaler": 30.0,
    "El och fjärrvärme": 40.0,
    "Industri (energi + processer)": 50.0,
    "Jordbruk": 60.0,
    "Produktanvändning (inkl. lösningsmedel)": 70.0,
    "Transporter": 80.0,
    "Utrikes transporter": 5.0,
}
EXPECTED_REFS = {
    "Arbetsmaskiner": "II.5.1",
    "Avfall (inkl.avlopp)": "III.1.1",
    "Egen uppvärmning av bostäder och lokaler": "I.1.1",
    "El och fjärrvärme": "I.4.4",
    "Industri (energi + processer)": "I.3.1",
    "Jordbruk": "V.1",
    "Produktanvändning (inkl. lösningsmedel)": "IV.2",
    "Transporter": "II.1.1",
    "Utrikes transporter": "II.4.3",
}


def _by_ref(inventory):
    return {row.reference.ref: row for row in inventory.rows}


def test_the_reporting_table_has_the_gpc_reference_numbers_once_each():
    refs = [reference.ref for reference in REFERENCES]
    assert len(refs) == len(set(refs))
    assert {reference.sub_sector for reference in REFERENCES} == set(SUB_SECTORS)
    # Stationary energy I.1–I.8; I.4.4 is generation supplied to the grid.
    assert [s for s in SUB_SECTORS if s.startswith("I.")] == [f"I.{n}" for n in range(1, 9)]
    assert BY_REF["I.4.4"].scope == 1 and BY_REF["I.1.2"].scope == 2
    assert BY_REF["II.4.3"].scope == 3
    # Waste: .2 is treated outside the city (scope 3), .3 generated outside, treated inside.
    assert (BY_REF["III.1.2"].scope, BY_REF["III.1.3"].scope) == (3, 1)
    assert {BY_REF[ref].sector for ref in ("IV.1", "IV.2", "V.1", "V.2", "V.3")} == {"IV", "V"}


def test_every_placement_and_notation_names_a_row_of_the_table():
    placed = {placement.ref for placement in MAPPING.values()}
    assert placed <= set(BY_REF) and set(NOTATIONS) <= set(BY_REF)
    assert not placed & set(NOTATIONS)
    for key, why in NOTATIONS.values():
        if key == NotationKey.INCLUDED_ELSEWHERE:
            assert any(ref in why for ref in placed), why  # it names where it is included


def test_each_smhi_sector_goes_to_its_row_and_the_tonnes_add_up():
    inventory = gpc_inventory(2022, SMHI_SECTORS, sum(SMHI_SECTORS.values()))
    rows = _by_ref(inventory)
    for sector, ref in EXPECTED_REFS.items():
        assert rows[ref].tco2e == SMHI_SECTORS[sector]
        assert rows[ref].smhi_sectors == (sector,)
        assert rows[ref].notation is None
    assert not inventory.unplaced
    assert inventory.total_t == pytest.approx(365.0) == inventory.smhi_total_t
    assert inventory.scope_t(1) == pytest.approx(360.0)
    assert inventory.scope_t(2) == 0
    assert inventory.scope_t(3) == pytest.approx(5.0)


def test_rows_the_data_cannot_fill_carry_a_notation_key_and_why():
    rows = _by_ref(gpc_inventory(2022, SMHI_SECTORS, sum(SMHI_SECTORS.values())))
    assert (rows["I.2.1"].notation, rows["I.2.1"].tco2e) == (NotationKey.INCLUDED_ELSEWHERE, None)
    assert "I.1.1" in rows["I.2.1"].explanation
    assert rows["IV.1"].notation == NotationKey.INCLUDED_ELSEWHERE
    assert "I.3.1" in rows["IV.1"].explanation
    assert (rows["I.1.2"].notation, rows["I.1.2"].explanation) == (
        NotationKey.NOT_ESTIMATED,
        TERRITORIAL_ONLY,
    )
    assert rows["V.2"].notation == NotationKey.NOT_ESTIMATED
    unfilled = [row for row in rows.values() if row.tco2e is None]
    assert all(row.notation is not None and row.explanation for row in unfilled)
    assert len(unfilled) == len(REFERENCES) - len(EXPECTED_REFS)


def test_a_total_without_a_sector_split_is_unplaced_not_dropped():
    inventory = gpc_inventory(1990, {}, 1234.5)
    assert [(u.smhi_sector, u.tco2e, u.reason) for u in inventory.unplaced] == [
        ("", 1234.5, TOTAL_ONLY)
    ]
    assert inventory.placed_t == 0 and inventory.total_t == 1234.5
    heating = _by_ref(inventory)["I.1.1"]
    assert (heating.notation, heating.explanation) == (
        NotationKey.INCLUDED_ELSEWHERE,
        NO_SECTOR_SPLIT,
    )


def test_a_part_of_the_total_without_a_split_is_the_remainder():
    """A county whose municipalities differ: one split by sector, one with a total only."""
    sectors = {"Transporter": 60.0, "Jordbruk": 30.0}
    inventory = gpc_inventory(2000, sectors, 100.0)
    assert [(u.smhi_sector, u.tco2e) for u in inventory.unplaced] == [("", pytest.approx(10.0))]
    assert inventory.total_t == pytest.approx(100.0)
    # A mapped sector the year lacks is not estimated, not included elsewhere.
    missing = _by_ref(inventory)["I.4.4"]
    assert (missing.tco2e, missing.notation) == (None, NotationKey.NOT_ESTIMATED)


def test_a_sector_the_mapping_does_not_know_is_unplaced():
    sectors = {"Transporter": 60.0, "Inrikes flyg": 7.0}
    inventory = gpc_inventory(2020, sectors, 67.0)
    assert [(u.smhi_sector, u.tco2e, u.reason) for u in inventory.unplaced] == [
        ("Inrikes flyg", 7.0, UNKNOWN_SECTOR)
    ]
    assert inventory.placed_t == 60.0 and inventory.total_t == 67.0


def test_rounding_between_the_total_and_the_sectors_is_not_unplaced():
    inventory = gpc_inventory(2020, {"Transporter": 60.0}, 60.0 + 1e-9)
    assert not inventory.unplaced


def test_a_sector_of_zero_tonnes_is_a_reported_zero():
    inventory = gpc_inventory(2020, {"Utrikes transporter": 0.0, "Transporter": 3.0}, 3.0)
    bunkers = _by_ref(inventory)["II.4.3"]
    assert (bunkers.tco2e, bunkers.notation) == (0.0, None)
