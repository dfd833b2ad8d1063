"""The context on organisation pages: ranks among peers, the county and Sweden beside them, and
similar municipalities; derived once per data version."""

import statistics

import pytest
from django.utils import translation

from klimatlaget.calc import MetricParameters
from klimatlaget.calc.ranking import size_class
from klimatlaget.emissions import context
from klimatlaget.emissions.context import MEASURES, organisation_context
from klimatlaget.emissions.dataset import load_dataset
from klimatlaget.emissions.metrics import metrics_rows
from klimatlaget.organisations.models import Population

PARAMS = MetricParameters(current_year=2026)


def _rows(kind):
    return {row["code"]: row for row in metrics_rows(PARAMS, {kind})}


def _expected_rank(rows, code, key):
    """1 + how many have a strictly lower value, of how many have one at all."""
    values = [row[key] for row in rows.values() if row[key] is not None]
    return 1 + sum(value < rows[code][key] for value in values), len(values)


def _english(code):
    with translation.override("en"):
        return organisation_context(code, PARAMS)


def test_a_municipality_is_ranked_among_municipalities_beside_its_county_and_sweden(
    example_data,
):
    found = _english("9102")
    assert [(c.label, c.url) for c in found.columns] == [
        ("Strandhamn", ""),
        ("Rank among municipalities", ""),
        ("Exempellän", "/o/91/"),
        ("Sverige", "/o/00/"),
    ]
    municipalities, county, nation = _rows("municipality"), _rows("county"), _rows("nation")
    for measure, line in zip(MEASURES, found.lines, strict=True):
        own, rank, in_county, in_sweden = line.cells
        if municipalities["9102"][measure.key] is None:
            assert (own, rank) == ("–", "–")
            continue
        position, count = _expected_rank(municipalities, "9102", measure.key)
        assert count == 10
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(position, "th")
        word = "smallest" if measure.key == "remaining_budget_rate_pct" else "lowest"
        assert rank == f"{position}{suffix} {word} of 10"
        with translation.override("en"):
            assert own == measure.text(municipalities["9102"][measure.key])
            assert in_county == measure.text(county["91"][measure.key])
            assert in_sweden == measure.text(nation["00"][measure.key])
    change = found.lines[1]
    assert change.label == "Change since 1990" and change.cells[0].endswith(" %")


def test_similar_municipalities_share_the_county_and_size_class(example_data):
    found = _english("9102")
    assert (found.size, found.size_label) == ("large", "50,000–200,000")
    assert [(s.code, s.is_self) for s in found.similar] == [("9105", False), ("9102", True)]
    mossala = found.similar[0]
    assert (mossala.name, mossala.population) == ("Mossala", "143,600")
    assert len(mossala.values) == len(MEASURES)
    # Björkås is the only small municipality of its county: no similar ones.
    assert _english("9103").similar == []


def test_the_similar_municipalities_are_linked_on_the_page(client, example_data):
    page = client.get("/o/9104/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    similar = page[page.index('id="similar"') :]
    assert 'href="/o/9101/">Ekby</a>' in similar  # medium, in the same county
    assert 'aria-current="page">Granvik' in similar
    assert "/o/9204/" not in similar  # medium, but in another county
    assert 'href="/compare/?size=medium"' in similar
    alone = client.get("/o/9103/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No other municipality in Exempellän is of the same size class" in alone


def test_a_county_is_ranked_among_counties_and_has_no_similar_municipalities(client, example_data):
    found = _english("91")
    assert [c.label for c in found.columns] == ["Exempellän", "Rank among counties", "Sverige"]
    counties = _rows("county")
    position, count = _expected_rank(counties, "91", "change_since_1990_pct")
    assert found.lines[1].cells[1].endswith(f" lowest of {count}") and count == 2
    assert found.lines[1].cells[1].startswith(str(position))
    assert found.similar == []
    page = client.get("/o/91/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="context-table"' in page and 'id="similar"' not in page


def test_sweden_has_no_rank_but_the_median_and_range_of_its_municipalities(example_data):
    found = _english("00")
    assert [c.label for c in found.columns] == [
        "Sverige",
        "Median municipality",
        "Lowest and highest municipality",
    ]
    values = [r["change_since_1990_pct"] for r in _rows("municipality").values()]
    change = MEASURES[1]
    _own, median, spread = found.lines[1].cells
    with translation.override("en"):
        assert median == change.text(statistics.median(values))
        assert spread == f"{change.text(min(values))} … {change.text(max(values))}"
    assert "lowest of" not in str(found)


def test_organisations_without_emissions_have_no_context(example_data):
    assert organisation_context("no-such-organisation", PARAMS) is None


def test_ranks_are_derived_once_per_data_version(client, example_data, monkeypatch):
    builds = []
    real = context._build_index
    monkeypatch.setattr(context, "_build_index", lambda p: builds.append(p) or real(p))
    context._cache.clear()
    for code in ("9102", "9105", "91", "00"):
        assert client.get(f"/o/{code}/?current_year=2026").status_code == 200
    assert builds == [PARAMS]
    Population.objects.filter(organisation__code="9105").update(inhabitants=14_000)
    client.get("/o/9102/?current_year=2026")
    assert builds == [PARAMS, PARAMS]
    assert "9105" not in [s.code for s in _english("9102").similar]  # now a small one


def test_the_290_municipalities_with_the_real_data(real_data):
    """Stockholm among all 290 and Stockholms län among the 21 counties."""
    municipalities = _rows("municipality")
    assert len(municipalities) == 290
    found = _english("0180")
    assert found.columns[2].label == "Stockholms län"
    for measure, line in zip(MEASURES, found.lines, strict=True):
        position, count = _expected_rank(municipalities, "0180", measure.key)
        assert count == 290
        assert line.cells[1].startswith(str(position)) and line.cells[1].endswith(" of 290")
    assert found.similar == []  # the only city in its county
    huddinge = _english("0126").similar
    assert [s.code for s in huddinge if s.is_self] == ["0126"] and len(huddinge) > 5
    dataset = load_dataset()
    for similar in huddinge:
        assert similar.code[:2] == "01"
        assert size_class(dataset[similar.code].last_population) == "large"
    county = _english("01")
    assert all(line.cells[1].endswith(" of 21") for line in county.lines)


@pytest.mark.parametrize("code", ["9102", "91", "00"])
def test_the_section_is_on_the_page(client, example_data, code):
    page = client.get(f"/o/{code}/").content.decode()
    assert 'id="context-section"' in page
    assert "/method/documentation/#context-ranks-and-similar-municipalities" in page
