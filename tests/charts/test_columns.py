"""The stacked column chart: one column per year, its series stacked in the order given."""

import pytest

from klimatlaget.charts import Series, responsive, stacked_column_chart

from .helpers import assert_accessible, find_all, texts, title_of, value_at

SERIES = [
    Series("decided", "Decided", "#332288"),
    Series("applied_for", "Applied <for>"),
    Series("not_decided", "Not decided"),
]
VALUES = {
    2026: {"decided": 4_000_000, "not_decided": 2_000_000},
    2025: {"decided": 6_000_000, "applied_for": 4_000_000},
}


def render(values=VALUES, **kwargs):
    options = {"title": "Investment by funding status", "unit": "million SEK", "scale": 1e6}
    return stacked_column_chart(values, SERIES, **{**options, **kwargs})


def _segments(root):
    return {
        (int(rect.get("data-x")), rect.get("data-series")): rect
        for rect in find_all(root, "rect", "kl-segment")
    }


def test_one_column_a_year_stacked_in_the_order_given():
    root = assert_accessible(render(width=560))
    columns = find_all(root, "g", "kl-column")
    assert [column.get("data-x") for column in columns] == ["2025", "2026"]
    segments = _segments(root)
    assert set(segments) == {
        (2025, "decided"),
        (2025, "applied_for"),
        (2026, "decided"),
        (2026, "not_decided"),
    }
    decided, applied = segments[2025, "decided"], segments[2025, "applied_for"]
    # decided at the bottom (from 0 to 6), applied for on top of it (from 6 to 10)
    bottom = float(decided.get("y")) + float(decided.get("height"))
    assert value_at(root, bottom) == pytest.approx(0, abs=0.01)
    assert value_at(root, float(decided.get("y"))) == pytest.approx(6, abs=0.01)
    assert float(applied.get("y")) + float(applied.get("height")) == pytest.approx(
        float(decided.get("y")), abs=0.01
    )
    assert value_at(root, float(applied.get("y"))) == pytest.approx(10, abs=0.01)
    assert decided.get("fill") == "#332288"


def test_tooltips_legend_and_labels_are_escaped():
    svg = render()
    assert "Applied &lt;for&gt;" in svg and "<for>" not in svg
    root = assert_accessible(svg)
    assert title_of(_segments(root)[2026, "not_decided"]) == "Not decided, 2026: 2\u00a0million SEK"
    legend = find_all(root, "g", "kl-legend")[0]
    assert texts(legend) == ["Not decided", "Applied <for>", "Decided"]  # top of the stack first


def test_year_labels_are_thinned_out_on_a_phone():
    many = {year: {"decided": 1.0} for year in range(2024, 2046)}
    root = assert_accessible(render(many, width=340, scale=1))
    axis = find_all(root, "g", "kl-axis-x")[0]
    labels = texts(axis)
    assert 2 <= len(labels) < 22 and labels[0] == "2024"
    assert len(find_all(root, "g", "kl-column")) == 22


def test_nothing_to_show_says_so():
    assert "Nothing" in render({}, no_data_text="Nothing")
    assert "Nothing" in render({2025: {"decided": 0}}, no_data_text="Nothing")


def test_responsive_draws_three_sizes_with_their_own_ids():
    svg = responsive(render)
    assert svg.count("<svg") == 3
