"""The home page as a place to start, and the search behind its search box."""

import json

import pytest
from django.test import Client
from django.utils import translation
from django.utils.formats import date_format
from django.utils.timezone import localtime

from klimatlaget.emissions.highlights import RANKED, overview
from klimatlaget.emissions.metrics import metrics_rows, parameters
from klimatlaget.imports.models import ImportKind, ImportRun

pytestmark = pytest.mark.django_db


def english() -> Client:
    return Client(headers={"accept-language": "en"})


def test_the_home_page_shows_swedens_headline_figures_from_the_metrics(example_data):
    (sweden,) = metrics_rows(parameters(), kinds={"nation"})
    html = english().get("/").content.decode()
    expected = {
        "last_emissions_t": f"{sweden['last_emissions_t']:,.0f} t",
        "change_since_1990_pct": f"{sweden['change_since_1990_pct']:.1f} %",
        # The example data has no population for Sweden as a whole.
        "last_emissions_per_capita_t": "–",
    }
    assert sweden["last_emissions_per_capita_t"] is None
    for key, value in expected.items():
        assert f'data-figure="{key}">{value}</p>' in html
    assert f"Latest data year: {sweden['last_year']}." in html
    imported = ImportRun.objects.filter(kind=ImportKind.EMISSIONS).get()
    with translation.override("en"):
        assert f"Imported {date_format(localtime(imported.started_at), 'DATETIME_FORMAT')}." in html


def test_the_home_page_lists_five_ahead_and_five_behind_on_each_figure(real_data):
    rows = metrics_rows(parameters(), kinds={"municipality"})
    html = english().get("/").content.decode()
    for key, _label, _unit in RANKED:
        valued = sorted((r for r in rows if r[key] is not None), key=lambda r: r[key])
        assert len(valued) > 280, key
        section = html[html.index(f'id="ranking-{key}"') :]
        section = section[: section.index("</section>")]
        ahead = section[section.index('class="ahead"') : section.index('class="behind"')]
        behind = section[section.index('class="behind"') :]
        assert ahead.count("<li>") == behind.count("<li>") == 5
        for best, worst in zip(valued[:5], reversed(valued[-5:]), strict=True):
            assert f'href="/o/{best["code"]}/">{best["name"]}</a>' in ahead
            assert f'href="/o/{worst["code"]}/">{worst["name"]}</a>' in behind
    (sweden,) = metrics_rows(parameters(), kinds={"nation"})
    per_inhabitant = f"{sweden['last_emissions_per_capita_t']:.2f} t"
    assert f'data-figure="last_emissions_per_capita_t">{per_inhabitant}</p>' in html


def test_a_figure_no_municipality_has_says_so(example_data):
    html = english().get("/").content.decode()
    section = html[html.index('id="ranking-last_emissions_per_capita_t"') :]
    section = section[: section.index("</section>")]
    assert "No municipality has this figure for the latest year." in section
    assert "<li>" not in section


def test_the_overview_ranks_lowest_first_ahead_and_highest_first_behind(example_data):
    result = overview(parameters(), count=3)
    for ranking in result.rankings[1:]:  # the example data has no figure per inhabitant
        ahead = [r.value for r in ranking.ahead]
        behind = [r.value for r in ranking.behind]
        assert ahead == sorted(ahead) and behind == sorted(behind, reverse=True)
        assert ahead[0] <= behind[-1]
    assert result.sweden is not None and result.sweden["code"] == "00"


def test_the_no_js_results_page_lists_matching_places(example_data):
    response = english().get("/", {"q": "strand"})
    html = response.content.decode()
    assert response.status_code == 200
    results = html[html.index('id="search-results"') :]
    assert 'href="/o/9102/"' in results and "Strandhamn" in results
    assert "1 place matches “strand”." in html
    assert 'value="strand"' in html


def test_a_search_that_finds_nothing_says_so_on_the_home_page(example_data):
    html = english().get("/", {"q": "Ingenstans"}).content.decode()
    assert "No municipality or region called “Ingenstans”." in html
    assert 'id="search-results"' not in html


def test_suggestions_are_json_best_first(example_data):
    response = english().get("/search.json", {"q": "STRAND"})
    body = json.loads(response.content)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert body["query"] == "STRAND"
    assert body["suggestions"][0] == {
        "name": "Strandhamn",
        "kind": "Municipality",
        "url": "/o/9102/",
    }
    assert json.loads(english().get("/search.json", {"q": " "}).content)["suggestions"] == []
