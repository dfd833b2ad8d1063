"""Searching places by part of a name or another spelling of it."""

import pytest

from klimatlaget.sources.name_search import NameSearch, fold

NAMES = {
    "00": "Sverige",
    "01": "Stockholms län",
    "0114": "Upplands Väsby",
    "0180": "Stockholm",
    "0305": "Håbo",
    "0643": "Habo",
    "08": "Kalmar län",
    "0880": "Kalmar",
    "0882": "Oskarshamn",
    "09": "Gotlands län",
    "0980": "Gotland",
    "1280": "Malmö",
    "2080": "Falun",
}
search = NameSearch(NAMES)


def test_fold_drops_case_diacritics_and_hyphens():
    assert fold("Upplands-Väsby") == "upplands vasby"
    assert fold("MALMÖ") == "malmo"


@pytest.mark.parametrize("query", ["Kalm", "kalm", "KALMAR", " kalma "])
def test_a_partial_name_finds_the_municipality_first_then_the_county(query):
    assert search.find(query) == ["0880", "08"]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Falu kommun", "2080"),
        ("Stockholms stad", "0180"),
        ("Region Gotland", "0980"),
        ("Gotlands län", "09"),
        ("Upplands-Väsby", "0114"),
        ("upplands vasby kommun", "0114"),
        ("malmo", "1280"),
    ],
)
def test_alternative_spellings_put_the_place_they_name_first(query, first):
    assert search.find(query)[0] == first


def test_without_diacritics_both_habo_and_habo_are_suggested():
    assert search.find("habo") == ["0643", "0305"]


def test_a_word_inside_a_name_matches_after_names_starting_with_it():
    assert search.find("väsby") == ["0114"]
    assert search.find("hamn") == ["0882"]


def test_nothing_matches_nothing_and_the_limit_is_kept():
    assert search.find("Ingenstans") == []
    assert search.find("   ") == []
    assert len(search.find("a", limit=3)) == 3
