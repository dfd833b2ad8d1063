from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import pytest

from klimatlaget.sources import NameMatcher, normalise_code, normalise_name, read_scb_codes
from klimatlaget.sources.names import split_name

SMALL = {
    "0114": "Upplands Väsby",
    "0180": "Stockholm",
    "0380": "Uppsala",
    "0643": "Habo",
    "0305": "Håbo",
    "0980": "Gotland",
    "1280": "Malmö",
    "2080": "Falun",
    "1960": "Kungsör",
    "1961": "Hallstahammar",
    "0861": "Mönsterås",
    "2460": "Vännäs",
    "1490": "Borås",
}
COUNTIES = {
    "01": "Stockholms län",
    "03": "Uppsala län",
    "04": "Södermanlands län",
    "06": "Jönköpings län",
    "09": "Gotlands län",
    "12": "Skåne län",
    "14": "Västra Götalands län",
    "18": "Örebro län",
    "20": "Dalarnas län",
    "23": "Jämtlands län",
}
KNOWN_ALTERNATIVES = {
    "Falu kommun": "2080",
    "Region Gotland": "0980",
    "Upplands-Väsby": "0114",
    "Stockholms stad": "0180",
    "Malmö stad": "1280",
}


@pytest.fixture(scope="module")
def scb(shared_data: Path) -> dict[str, str]:
    return {c.code: c.name for c in read_scb_codes(shared_data / "scb" / "kommunlankod_2023.xls")}


@pytest.mark.parametrize(
    ("name", "core"),
    [
        ("Falu kommun", "falu"),
        ("  Upplands-Väsby  ", "upplands väsby"),
        ("Region Stockholm", "stockholm"),
        ("Stockholms läns landsting", "stockholms"),
        ("MALMÖ STAD", "malmö"),
        ("Malung–Sälen", "malung sälen"),
    ],
)
def test_normalise_name(name: str, core: str) -> None:
    assert normalise_name(name) == core


def test_split_name_markers() -> None:
    assert split_name("Region Örebro län") == ("örebro", "county")
    assert split_name("Region Gotland") == ("gotland", "region")
    assert split_name("Borås stad") == ("borås", "municipality")
    assert split_name("Kommun") == ("kommun", None)


@pytest.mark.parametrize(
    ("value", "code"),
    [("0114", "0114"), (114, "0114"), (114.0, "0114"), ("1", "01"), (1, "01"), ("25", "25")],
)
def test_normalise_code(value: object, code: str) -> None:
    assert normalise_code(value) == code


@pytest.mark.parametrize("value", ["abc", "12345", 0, 1.5, True, "", None, "０１"])
def test_normalise_code_refuses(value: object) -> None:
    assert normalise_code(value) is None


@pytest.mark.parametrize(("name", "code"), KNOWN_ALTERNATIVES.items())
def test_known_alternative_spellings(name: str, code: str) -> None:
    assert NameMatcher(SMALL).match(name) == code


@pytest.mark.parametrize(("name", "code"), KNOWN_ALTERNATIVES.items())
def test_known_alternative_spellings_against_scb(scb: dict[str, str], name: str, code: str) -> None:
    assert NameMatcher(scb).match(name) == code


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Hallstahammars kommun", "1961"),  # genitive s stripped as a last resort
        ("Kungsörs kommun", "1960"),
        ("Mönsterås kommun", "0861"),  # the s belongs to the name
        ("Vännäs kommun", "2460"),
        ("Borås Stad", "1490"),
        ("Habo", "0643"),
        ("Håbo kommun", "0305"),  # diacritics are never folded
        ("0180", "0180"),
        (" 180 ", "0180"),
        ("stockholm", "0180"),
        (unicodedata.normalize("NFD", "Malmö"), "1280"),
    ],
)
def test_municipality_spellings(name: str, code: str) -> None:
    assert NameMatcher(SMALL).match(name) == code


@pytest.mark.parametrize(
    "name", ["Stockholms län", "Region Stockholm", "Upplands Väsby län", "Nowhere", "", "9999"]
)
def test_municipality_matcher_refuses(name: str) -> None:
    assert NameMatcher(SMALL).match(name) is None


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Stockholms län", "01"),
        ("Stockholm", "01"),
        ("Region Stockholm", "01"),
        ("Stockholms läns landsting", "01"),
        ("Gotlands län", "09"),
        ("Region Gotland", "09"),
        ("Region Skåne", "12"),
        ("Region Sörmland", "04"),
        ("Region Jönköpings län", "06"),
        ("Region Örebro län", "18"),
        ("Region Dalarna", "20"),
        ("Region Jämtland Härjedalen", "23"),
        ("Västra Götalandsregionen", "14"),
        ("01", "01"),
    ],
)
def test_county_spellings(name: str, code: str) -> None:
    assert NameMatcher(COUNTIES).match(name) == code


def test_counties_named_as_in_the_population_file() -> None:
    matcher = NameMatcher({"01": "Stockholm", "20": "Dalarna", "09": "Gotland"})
    assert matcher.match("Stockholms län") == "01"
    assert matcher.match("Dalarnas län") == "20"
    assert matcher.match("Region Gotland") == "09"


def test_mixed_matcher_prefers_the_municipality_for_bare_names() -> None:
    matcher = NameMatcher({**SMALL, **COUNTIES})
    assert matcher.match("Uppsala") == "0380"
    assert matcher.match("Uppsala län") == "03"
    assert matcher.match("Region Uppsala") == "03"
    assert matcher.match("Region Gotland") == "0980"
    assert matcher.match("Gotlands län") == "09"
    assert matcher.match("Stockholm") == "0180"
    assert matcher.match("Stockholms stad") == "0180"
    assert matcher.match("Region Stockholm") == "01"


def test_extra_aliases() -> None:
    matcher = NameMatcher(SMALL, extra_aliases={"Sthlm": "0180"})
    assert matcher.match("STHLM") == "0180"


def test_match_all_reports_every_unmatched_name_once() -> None:
    matched, unmatched = NameMatcher(SMALL).match_all(
        ["Falu kommun", "Atlantis", "Malmö", "Atlantis", "Lilliput"]
    )
    assert matched == {"Falu kommun": "2080", "Malmö": "1280"}
    assert unmatched == ["Atlantis", "Lilliput"]


def test_all_smhi_names_match_the_scb_code_list(shared_data: Path, scb: dict[str, str]) -> None:
    path = shared_data / "emissions" / "municipality_emissions_total.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    municipalities = {row["municipality"] for row in rows}
    counties = {row["county"] for row in rows}
    assert len(municipalities) == 290
    matched, unmatched = NameMatcher(scb).match_all(sorted(municipalities | counties))
    assert unmatched == []
    by_name = {name: code for code, name in scb.items()}
    for name in municipalities:
        assert matched[name] == by_name[name]  # exactly the SCB name, not a near match
    assert all(len(matched[county]) == 2 for county in counties)


def test_every_municipality_matches_in_common_spellings(scb: dict[str, str]) -> None:
    matcher = NameMatcher({code: name for code, name in scb.items() if len(code) == 4})
    irregular = {"Falun": "Falu"}
    for code, name in scb.items():
        if len(code) != 4:
            continue
        genitive = irregular.get(name, name if name.endswith("s") else name + "s")
        for spelling in (
            name,
            name.upper(),
            f"{name} kommun",
            f"{genitive} kommun",
            name.replace(" ", "-"),
            code,
        ):
            assert matcher.match(spelling) == code, spelling


def test_every_county_matches_in_common_spellings(scb: dict[str, str]) -> None:
    matcher = NameMatcher({code: name for code, name in scb.items() if len(code) == 2})
    for code, name in scb.items():
        if len(code) == 2:
            bare = name.removesuffix(" län")
            for spelling in (name, bare.removesuffix("s"), f"Region {bare.removesuffix('s')}"):
                assert matcher.match(spelling) == code, spelling
