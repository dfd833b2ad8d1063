import math

from klimatlaget.charts import format_number_sv, number_formatter, stacked_area_chart
from klimatlaget.charts.palette import AREA

from .helpers import assert_accessible, find_all, subpaths, texts, title_of, value_at

YEARS = [1990, 2000, 2005, 2010, *range(2015, 2024)]
SERIES = {
    "Industri": {year: 40_000 - 500 * (year - 1990) for year in YEARS},
    "Transporter": {year: 120_000 - 1_500 * (year - 1990) for year in YEARS},
    "Jordbruk": {year: 20_500.4 for year in YEARS},
}


def render(**kwargs):
    options = {"title": "Utsläpp per sektor", "description": "Exempelstad 1990–2023"}
    return stacked_area_chart(kwargs.pop("series", SERIES), **{**options, **kwargs})


def test_accessible_and_one_area_per_sector():
    root = assert_accessible(render())
    assert root.get("role") == "img"
    areas = find_all(root, "path", "kl-area")
    assert len(areas) == 3
    assert all(title_of(area) for area in areas)
    # one point with a tooltip per sector and year
    points = find_all(root, "circle", "kl-point")
    assert len(points) == 3 * len(YEARS)


def test_largest_total_at_the_bottom_and_legend_lists_the_top_first():
    root = assert_accessible(render())
    labels_in_drawing_order = [title_of(a).split(",")[0] for a in find_all(root, "path", "kl-area")]
    assert labels_in_drawing_order == ["Transporter", "Industri", "Jordbruk"]
    legend = find_all(root, "g", "kl-legend")[0]
    assert texts(legend) == ["Jordbruk", "Industri", "Transporter"]
    # and colours follow the stack order, bottom first
    fills = [a.get("fill") for a in find_all(root, "path", "kl-area")]
    assert fills == list(AREA[:3])


def test_stable_order_for_equal_totals():
    series = {"B": {2020: 1.0}, "A": {2020: 1.0}, "C": {2020: 2.0}}
    root = assert_accessible(render(series=series))
    order = [title_of(a).split(",")[0] for a in find_all(root, "path", "kl-area")]
    assert order == ["C", "A", "B"]


def test_years_are_proportional_not_categorical():
    root = assert_accessible(render())
    top_band = subpaths(find_all(root, "path", "kl-area")[-1].get("d"))[0]
    upper = top_band[: len(YEARS)]  # the path runs along the top, then back along the bottom
    xs = [x for x, _ in upper]
    x1990, x2000, x2023 = xs[0], xs[1], xs[-1]
    assert math.isclose((x2000 - x1990) / (x2023 - x1990), 10 / 33, abs_tol=1e-3)
    x2005, x2015, x2016 = xs[2], xs[4], xs[5]
    assert math.isclose(x2016 - x2015, (x2005 - x1990) / 15, abs_tol=0.05)


def test_top_of_the_stack_maps_to_the_sum():
    root = assert_accessible(render())
    top_band = subpaths(find_all(root, "path", "kl-area")[-1].get("d"))[0]
    upper = top_band[: len(YEARS)]
    for (_, y), year in zip(upper, YEARS, strict=True):
        total = sum(series[year] for series in SERIES.values())
        assert math.isclose(value_at(root, y), total, rel_tol=1e-3, abs_tol=50)
    # the bottom of the lowest band is the zero line
    bottom_band = subpaths(find_all(root, "path", "kl-area")[0].get("d"))[0]
    for _, y in bottom_band[len(YEARS) :]:
        assert math.isclose(value_at(root, y), 0, abs_tol=50)


def test_y_axis_starts_at_zero_with_nice_ticks_covering_the_total():
    root = assert_accessible(render())
    axis = find_all(root, "g", "kl-axis-y")[0]
    labels = texts(axis)
    assert labels[0] == "0"
    assert labels == [format_number_sv(v) for v in (0, 50_000, 100_000, 150_000, 200_000)]


def test_tooltips_show_formatted_values_with_unit():
    root = assert_accessible(render())
    titles = [title_of(p) for p in find_all(root, "circle", "kl-point")]
    assert "Jordbruk, 2000: 20\u00a0500\u00a0t CO₂e" in titles
    assert "Transporter, 1990: 120\u00a0000\u00a0t CO₂e" in titles
    area_titles = [title_of(a) for a in find_all(root, "path", "kl-area")]
    assert "Industri, 2023: 23\u00a0500\u00a0t CO₂e" in area_titles


def test_scale_to_kilotonnes():
    svg = render(scale=1000, unit="kt CO₂e", number_format=number_formatter("sv", 1))
    root = assert_accessible(svg)
    titles = [title_of(p) for p in find_all(root, "circle", "kl-point")]
    assert "Jordbruk, 2000: 20,5\u00a0kt CO₂e" in titles
    assert texts(find_all(root, "g", "kl-axis-y")[0])[-1] == "200"
    assert "kt CO₂e" in texts(root)


def test_negative_values_stack_below_zero():
    series = {"Utsläpp": {2020: 100.0, 2021: 90.0}, "Upptag": {2020: -30.0, 2021: -40.0}}
    root = assert_accessible(render(series=series))
    sink = next(a for a in find_all(root, "path", "kl-area") if title_of(a).startswith("Upptag"))
    points = subpaths(sink.get("d"))[0]
    values = sorted(round(value_at(root, y)) for _, y in points)
    assert values == [-40, -30, 0, 0]


def test_missing_years_count_as_zero_and_bad_values_are_ignored():
    series = {"A": {2020: 10.0, 2021: float("nan")}, "B": {2021: 5.0}, "C": {}}
    root = assert_accessible(render(series=series))
    assert len(find_all(root, "path", "kl-area")) == 2


def test_single_year():
    root = assert_accessible(render(series={"A": {2023: 10.0}}))
    assert len(find_all(root, "path", "kl-area")) == 1
    assert "2023" in texts(find_all(root, "g", "kl-axis-x")[0])


def test_escaping():
    svg = render(series={"<script>alert(1)</script>": {2020: 1.0, 2021: 2.0}}, title="a<b")
    assert "<script>" not in svg
    root = assert_accessible(svg)
    assert "<script>alert(1)</script>" in texts(root)


def test_custom_colours_are_validated():
    svg = render(colors={"Industri": "#123456", "Jordbruk": 'red" onload="x'})
    root = assert_accessible(svg)
    fills = {title_of(a).split(",")[0]: a.get("fill") for a in find_all(root, "path", "kl-area")}
    assert fills["Industri"] == "#123456"
    assert fills["Jordbruk"] in AREA
