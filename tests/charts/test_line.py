import math

import pytest

from klimatlaget.charts import Band, Line, Marker, format_number_sv, line_chart
from klimatlaget.charts.common import text_width
from klimatlaget.charts.line import gap_polygons
from klimatlaget.charts.palette import CATEGORICAL

from .helpers import (
    assert_accessible,
    find_all,
    interpolate,
    subpaths,
    texts,
    title_of,
    value_at,
)

HISTORY = {1990: 400.0, 2000: 380.0, 2005: 350.0, 2010: 330.0, 2015: 300.0, 2020: 260.0}
APPROX = {2020: 260.0, 2021: 255.0, 2022: 250.0}
TREND = {year: 250.0 - 8.0 * (year - 2022) for year in range(2022, 2054)}  # zero in 2053.25
CARBON_LAW = {year: 250.0 * 0.85 ** (year - 2022) for year in range(2022, 2046)}


def lines():
    return [
        Line("history", "Historiska utsläpp", HISTORY, "solid", show_points=True),
        Line("approx", "Uppskattning", APPROX, "dotted"),
        Line("trend", "Trend", TREND, "dashed"),
        Line("carbon_law", "Koldioxidlagen", CARBON_LAW, "solid"),
    ]


def render(data=None, **kwargs):
    options = {
        "title": "Trend mot koldioxidlagen",
        "description": "Exempelstad",
        "unit": "kt CO₂e",
        "shade_between": ("trend", "carbon_law"),
        "shade_label": "Gap",
        "markers": [Marker(2025, "I dag"), Marker(2053.25, "Trenden når noll")],
    }
    return line_chart(lines() if data is None else data, **{**options, **kwargs})


def line_points(root, key):
    path = next(p for p in find_all(root, "path", "kl-line") if p.get("data-key") == key)
    return subpaths(path.get("d"))[0]


def test_accessible_and_one_path_per_line():
    root = assert_accessible(render())
    paths = find_all(root, "path", "kl-line")
    assert [p.get("data-key") for p in paths] == ["history", "approx", "trend", "carbon_law"]
    assert [title_of(p) for p in paths] == [
        "Historiska utsläpp",
        "Uppskattning",
        "Trend",
        "Koldioxidlagen",
    ]
    points = find_all(root, "circle", "kl-point")
    assert len(points) == len(HISTORY) + len(APPROX) + len(TREND) + len(CARBON_LAW)


def test_line_styles_and_colours():
    root = assert_accessible(render())
    styles = {p.get("data-key"): p for p in find_all(root, "path", "kl-line")}
    assert styles["history"].get("stroke-dasharray") is None
    assert styles["carbon_law"].get("stroke-dasharray") is None
    assert styles["trend"].get("stroke-dasharray") == "9 6"
    assert styles["approx"].get("stroke-dasharray") == "1 6"
    assert styles["approx"].get("stroke-linecap") == "round"
    colours = [p.get("stroke") for p in styles.values()]
    assert colours == list(CATEGORICAL[:4])
    assert styles["history"].get("stroke") != styles["carbon_law"].get("stroke")
    # observed points are visible dots, the others invisible hover targets
    history_dots = [
        c for c in find_all(root, "circle", "kl-point") if c.get("data-key") == "history"
    ]
    assert all(c.get("fill-opacity") is None for c in history_dots)
    trend_dots = [c for c in find_all(root, "circle", "kl-point") if c.get("data-key") == "trend"]
    assert all(c.get("fill-opacity") == "0" for c in trend_dots)


def test_explicit_colour_kept_and_unsafe_colour_replaced():
    data = [
        Line("a", "A", {2020: 1.0, 2021: 2.0}, color="#882255"),
        Line("b", "B", {2020: 2.0, 2021: 1.0}, color="expression(alert(1))"),
    ]
    root = assert_accessible(render(data, shade_between=None, markers=()))
    strokes = [p.get("stroke") for p in find_all(root, "path", "kl-line")]
    assert strokes == ["#882255", CATEGORICAL[0]]


def test_x_axis_is_proportional_to_the_year():
    root = assert_accessible(render())
    history = line_points(root, "history")
    xs = [x for x, _ in history]
    assert math.isclose((xs[1] - xs[0]) / (xs[-1] - xs[0]), 10 / 30, abs_tol=1e-3)
    assert math.isclose(xs[2] - xs[1], xs[3] - xs[2], abs_tol=0.02)


def test_values_map_to_the_y_axis_which_starts_at_zero():
    root = assert_accessible(render())
    for (_, y), value in zip(line_points(root, "history"), HISTORY.values(), strict=True):
        assert math.isclose(value_at(root, y), value, abs_tol=0.2)
    labels = texts(find_all(root, "g", "kl-axis-y")[0])
    assert labels[0] == "0"
    assert labels[-1] == format_number_sv(400)


def test_gap_lies_between_the_two_lines_where_the_trend_is_above():
    root = assert_accessible(render())
    gaps = find_all(root, "path", "kl-gap")
    assert len(gaps) == 1
    assert title_of(gaps[0]).startswith("Gap, ")
    trend = line_points(root, "trend")
    law = line_points(root, "carbon_law")
    polygons = subpaths(gaps[0].get("d"))
    assert len(polygons) == 1
    polygon = polygons[0]
    for x, y in polygon:
        a, b = interpolate(trend, x), interpolate(law, x)
        # SVG y grows downwards: the trend (above) has the smaller y
        assert min(a, b) - 0.02 <= y <= max(a, b) + 0.02
        assert a <= b + 0.02
    # it spans the years both lines cover: 2022 to 2045
    xs = [x for x, _ in polygon]
    assert math.isclose(min(xs), trend[0][0], abs_tol=0.02)
    assert math.isclose(max(xs), law[-1][0], abs_tol=0.02)
    # the gap has a legend entry with the caller's label, and a pattern defined in the chart
    assert "Gap" in texts(find_all(root, "g", "kl-legend")[0])
    pattern_id = gaps[0].get("fill")[len("url(#") : -1]
    assert pattern_id in {p.get("id") for p in find_all(root, "pattern")}


def test_gap_stops_where_the_lines_cross():
    upper = {2020: 100.0, 2030: 0.0}
    lower = {2020: 50.0, 2030: 50.0}  # crosses in 2025
    data = [Line("trend", "Trend", upper, "dashed"), Line("carbon_law", "CL", lower)]
    root = assert_accessible(render(data, markers=()))
    polygon = subpaths(find_all(root, "path", "kl-gap")[0].get("d"))[0]
    trend = line_points(root, "trend")
    x2020, x2030 = trend[0][0], trend[-1][0]
    assert math.isclose(max(x for x, _ in polygon), (x2020 + x2030) / 2, abs_tol=0.02)


def test_no_gap_when_the_first_line_is_below_or_keys_are_unknown():
    data = [
        Line("trend", "T", {2020: 1.0, 2030: 0.0}),
        Line("carbon_law", "C", {2020: 2.0, 2030: 1.0}),
    ]
    root = assert_accessible(render(data, markers=()))
    assert find_all(root, "path", "kl-gap") == []
    assert "Gap" not in texts(root)
    root = assert_accessible(render(shade_between=("nope", "carbon_law")))
    assert find_all(root, "path", "kl-gap") == []


def test_gap_polygons_in_data_space():
    upper = [(0.0, 10.0), (10.0, 0.0)]
    lower = [(0.0, 5.0), (10.0, 5.0)]
    (polygon,) = gap_polygons(upper, lower)
    assert polygon == [(0.0, 10.0), (5.0, 5.0), (5.0, 5.0), (0.0, 5.0)]
    # two separate excursions above give two polygons
    zigzag = [(0.0, 1.0), (1.0, -1.0), (2.0, 1.0)]
    flat = [(0.0, 0.0), (2.0, 0.0)]
    assert len(gap_polygons(zigzag, flat)) == 2
    assert gap_polygons(flat, zigzag)[0][0] == (0.5, 0.0)
    assert gap_polygons([(0.0, 1.0)], flat) == []


def test_markers_are_labelled_vertical_lines_and_widen_the_axis():
    root = assert_accessible(render())
    markers = find_all(root, "g", "kl-marker")
    assert [title_of(m) for m in markers] == ["I dag", "Trenden når noll"]
    for marker in markers:
        line = find_all(marker, "line")[0]
        assert line.get("x1") == line.get("x2")
    assert "Trenden når noll" in texts(root)
    # a marker beyond the data extends the x axis
    root = assert_accessible(render(markers=[Marker(2060, "2060")]))
    x_marker = float(find_all(find_all(root, "g", "kl-marker")[0], "line")[0].get("x1"))
    assert x_marker > max(x for x, _ in line_points(root, "trend"))
    assert "2060" in texts(find_all(root, "g", "kl-axis-x")[0])


def test_marker_labels_do_not_overlap():
    many = [Marker(2025, "I dag"), Marker(2026, "Nästa år"), Marker(2027, "Om två år")]
    root = assert_accessible(render(markers=many))
    ys = [float(find_all(m, "text")[0].get("y")) for m in find_all(root, "g", "kl-marker")]
    assert len(set(ys)) == 3


def test_point_tooltips_have_formatted_values():
    root = assert_accessible(render(unit="t CO₂e"))
    titles = {title_of(c) for c in find_all(root, "circle", "kl-point")}
    assert "Historiska utsläpp, 1990: 400\u00a0t CO₂e" in titles
    assert "Trend, 2053: 2\u00a0t CO₂e" in titles


def test_negative_values_extend_the_axis_below_zero():
    data = [Line("net", "Netto", {2020: 30.0, 2030: -12.0})]
    root = assert_accessible(render(data, shade_between=None, markers=()))
    labels = texts(find_all(root, "g", "kl-axis-y")[0])
    assert labels[0] == "\u221220"
    assert "0" in labels
    (_, y2020), (_, y2030) = line_points(root, "net")
    assert math.isclose(value_at(root, y2030), -12, abs_tol=0.05)
    zero = next(line for line in find_all(root, "line", "kl-zero"))
    assert y2030 > float(zero.get("y1")) > y2020


def test_single_point_line_is_a_visible_dot():
    root = assert_accessible(render([Line("a", "A", {2023: 5.0})], shade_between=None, markers=()))
    assert find_all(root, "path", "kl-line") == []
    (dot,) = find_all(root, "circle", "kl-point")
    assert dot.get("fill-opacity") is None


def test_escaping_of_labels():
    data = [Line("<k>", "<script>alert(1)</script>", {2020: 1.0, 2021: 2.0})]
    svg = render(data, markers=[Marker(2020.5, "<b>")], shade_label="<i>")
    assert "<script>" not in svg and "<b>" not in svg
    root = assert_accessible(svg)
    assert "<script>alert(1)</script>" in texts(root)


@pytest.mark.parametrize("bad", [0, -1, float("nan")])
def test_bad_scale_rejected(bad):
    with pytest.raises(ValueError):
        render(scale=bad)


def test_crowded_markers_near_the_edge_never_overlap():
    data = [Line("a", "A", {2000: 1.0, 2050: 2.0})]
    markers = [
        Marker(2046, "Först"),
        Marker(2049, "En lång etikett vid kanten"),
        Marker(2050, "Sist"),
        Marker(2000, "Början"),
    ]
    root = assert_accessible(render(data, shade_between=None, markers=markers))
    boxes = []
    for marker in find_all(root, "g", "kl-marker"):
        label = find_all(marker, "text")[0]
        x, width = float(label.get("x")), text_width(label.text)
        left = x - width if label.get("text-anchor") == "end" else x
        assert left >= 0 and left + width <= 600
        boxes.append((label.get("y"), left, left + width))
    for i, (row, lo, hi) in enumerate(boxes):
        for other_row, other_lo, other_hi in boxes[i + 1 :]:
            assert row != other_row or hi <= other_lo or other_hi <= lo


def test_band_shades_the_range_around_a_line_without_widening_the_axis():
    low = {year: max(0.0, 250.0 - 12.0 * (year - 2022)) for year in range(2022, 2054)}
    high = {year: 250.0 + 40.0 * (year - 2022) for year in range(2022, 2054)}  # far above
    band = Band("trend", "Trend range", low, high)
    plain, banded = render(), render(bands=[band])
    root = assert_accessible(banded)
    assert texts(find_all(root, "g", "kl-axis-y")[0]) == texts(
        find_all(assert_accessible(plain), "g", "kl-axis-y")[0]
    )
    (path,) = find_all(root, "path", "kl-band")
    assert title_of(path) == "Trend range"
    trend = line_points(root, "trend")
    assert path.get("fill") == next(
        p.get("stroke") for p in find_all(root, "path", "kl-line") if p.get("data-key") == "trend"
    )
    (outline,) = subpaths(path.get("d"))
    assert outline[0][0] == pytest.approx(trend[0][0], abs=0.02)
    assert value_at(root, outline[0][1]) == pytest.approx(250.0, abs=0.5)
    clip_id = path.get("clip-path")[len("url(#") : -1]
    assert clip_id in {c.get("id") for c in find_all(root, "clipPath")}
    assert "Trend range" in texts(find_all(root, "g", "kl-legend")[0])


def test_band_of_an_unknown_line_is_left_out():
    band = Band("missing", "Range", {2022: 1.0, 2023: 1.0}, {2022: 2.0, 2023: 2.0})
    root = assert_accessible(render(bands=[band]))
    assert find_all(root, "path", "kl-band") == []
