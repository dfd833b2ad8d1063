import itertools
import math

import pytest

from klimatlaget.charts import (
    WIDTH,
    WIDTHS,
    Bar,
    bar_chart,
    format_number_sv,
    number_formatter,
    responsive,
)
from klimatlaget.charts.palette import BAR, HIGHLIGHT

from .helpers import NS, assert_accessible, find_all, parse, parse_number, texts, title_of

BARS = [
    Bar("0180", "Stockholm", 2.4, "/kommun/0180/"),
    Bar("1480", "Göteborg", 3.1, "/kommun/1480/"),
    Bar("0186", "Lidingö", -0.8, "/kommun/0186/"),
    Bar("2021", "Vansbro", None, "/kommun/2021/"),
    Bar("0114", "Upplands Väsby", 1234.5, None),
]


def render(bars=None, **kwargs):
    options = {
        "title": "Utsläpp per invånare",
        "description": "Alla kommuner, 2023",
        "unit": "t CO₂e per invånare",
        "number_format": number_formatter("sv", 1),
    }
    return bar_chart(BARS if bars is None else bars, **{**options, **kwargs})


def rows(root):
    return [e for e in root.iter() if "kl-row" in (e.get("class") or "").split()]


def zero_x(root):
    (zero,) = find_all(root, "line", "kl-zero")
    assert zero.get("x1") == zero.get("x2")
    return float(zero.get("x1"))


def test_accessible_with_one_row_per_bar_and_a_rect_per_value():
    root = assert_accessible(render())
    assert len(rows(root)) == len(BARS)
    bars = find_all(root, "rect", "kl-bar")
    assert len(bars) == sum(b.value is not None for b in BARS)
    assert all(title_of(bar) for bar in bars)


def test_links_make_the_rows_focusable_and_the_svg_a_group():
    root = assert_accessible(render())
    assert root.get("role") == "group"  # role="img" would hide the links from screen readers
    links = find_all(root, "a")
    assert [a.get("href") for a in links] == [
        "/kommun/0180/",
        "/kommun/1480/",
        "/kommun/0186/",
        "/kommun/2021/",
    ]
    stockholm = links[0]
    assert title_of(stockholm) == "Stockholm: 2,4\u00a0t CO₂e per invånare"
    assert "Stockholm" in texts(stockholm)  # the label is inside the link
    assert find_all(stockholm, "rect", "kl-bar")  # and so is the bar
    # without any link the chart is an image
    plain = [Bar(b.key, b.label, b.value) for b in BARS]
    assert assert_accessible(render(plain)).get("role") == "img"


def test_unsafe_href_is_dropped():
    svg = render([Bar("x", "X", 1.0, "javascript:alert(1)"), Bar("y", "Y", 2.0, "/ok/")])
    assert "javascript" not in svg
    root = assert_accessible(svg)
    assert [a.get("href") for a in find_all(root, "a")] == ["/ok/"]
    assert len(rows(root)) == 2


def test_negative_bars_extend_left_of_the_zero_line():
    root = assert_accessible(render())
    zero = zero_x(root)
    for row, bar in zip(rows(root), BARS, strict=True):
        rects = find_all(row, "rect", "kl-bar")
        if bar.value is None:
            assert rects == []
            continue
        (rect,) = rects
        x, width = float(rect.get("x")), float(rect.get("width"))
        if bar.value < 0:
            assert x < zero and math.isclose(x + width, zero, abs_tol=0.01)
        else:
            assert math.isclose(x, zero, abs_tol=0.01) and width > 0


def test_bar_lengths_are_proportional_to_the_values():
    bars = [Bar("a", "A", 10.0), Bar("b", "B", 25.0), Bar("c", "C", -5.0)]
    root = assert_accessible(render(bars))
    widths = [float(r.get("width")) for r in find_all(root, "rect", "kl-bar")]
    assert math.isclose(widths[1] / widths[0], 2.5, rel_tol=1e-3)
    assert math.isclose(widths[2] / widths[0], 0.5, rel_tol=1e-3)


def test_missing_values_say_no_data():
    root = assert_accessible(render(no_data_text="uppgift saknas"))
    vansbro = rows(root)[3]
    assert "uppgift saknas" in texts(vansbro)
    assert title_of(vansbro) == "Vansbro: uppgift saknas"
    root = assert_accessible(render())
    assert "no data" in texts(rows(root)[3])


def test_all_values_missing():
    root = assert_accessible(render([Bar("a", "A", None), Bar("b", "B", float("nan"))]))
    assert len(rows(root)) == 2
    assert find_all(root, "rect", "kl-bar") == []
    assert texts(root).count("no data") == 2


def test_value_labels_and_tooltips_use_the_number_format():
    root = assert_accessible(render())
    values = [texts(r)[-1] for r in rows(root)]
    assert values == ["2,4", "3,1", "\u22120,8", "no data", "1\u00a0234,5"]
    root = assert_accessible(render(number_format=format_number_sv))
    assert title_of(find_all(root, "rect", "kl-bar")[-1]) == (
        "Upplands Väsby: 1\u00a0235\u00a0t CO₂e per invånare"
    )


def test_axis_ticks_are_nice_and_span_the_data():
    bars = [Bar("a", "A", 8.3), Bar("b", "B", -1.2)]
    root = assert_accessible(render(bars))
    axis = find_all(root, "g", "kl-axis-x")[0]
    ticks = [parse_number(t) for t in texts(axis)]
    assert 0 in ticks and len(ticks) >= 3
    steps = {round(b - a, 9) for a, b in itertools.pairwise(ticks)}
    assert len(steps) == 1 and steps.pop() in (1, 2, 5, 10)
    assert all(-1.2 <= t <= 8.3 for t in ticks)  # the axis ends at the longest bars
    # tick labels get decimals only when the step needs them
    small = [Bar("a", "A", 0.8), Bar("b", "B", 0.3)]
    labels = texts(find_all(assert_accessible(render(small)), "g", "kl-axis-x")[0])
    assert labels[:2] == ["0,0", "0,2"] or labels[:2] == ["0,0", "0,5"]


def test_highlighted_bar():
    root = assert_accessible(render(highlight="1480"))
    highlighted = [r for r in rows(root) if "kl-highlight" in r.get("class").split()]
    assert len(highlighted) == 1
    (row,) = highlighted
    assert row.get("data-key") == "1480"
    assert find_all(row, "rect", "kl-bar")[0].get("fill") == HIGHLIGHT
    label = find_all(row, "text", "kl-label")[0]
    assert label.get("font-weight") == "bold"  # not by colour alone
    others = [r for r in rows(root) if r is not row]
    assert {b.get("fill") for r in others for b in find_all(r, "rect", "kl-bar")} == {BAR}


def test_long_labels_are_shortened_with_the_full_label_in_the_tooltip():
    long_label = "Region Västra Götaland, förvaltningen för kollektivtrafik och infrastruktur"
    root = assert_accessible(render([Bar("x", long_label, 1.0), Bar("y", "Ale", 2.0)]))
    label = find_all(root, "text", "kl-label")[0].text
    assert label.endswith("…") and len(label) < len(long_label)
    assert long_label.startswith(label[:-1])
    assert title_of(rows(root)[0]).startswith(long_label)
    # the label column stays at most 40 % of the width
    assert float(find_all(root, "text", "kl-label")[0].get("x")) <= 600 * 0.4 + 2


def test_escaping_of_labels_and_keys():
    svg = render(
        [Bar('"><script>alert(1)</script>', "<script>alert(1)</script>", 1.0, "/a?b=1&c=2")]
    )
    assert "<script>" not in svg
    root = assert_accessible(svg)
    assert "<script>alert(1)</script>" in texts(root)
    assert find_all(root, "a")[0].get("href") == "/a?b=1&c=2"
    assert rows(root)[0].get("data-key") == '"><script>alert(1)</script>'


def test_height_grows_with_the_number_of_bars():
    def height(n):
        bars = [Bar(str(i), f"Kommun {i}", float(i % 17 - 3), f"/k/{i}/") for i in range(n)]
        svg = render(bars)
        root = assert_accessible(svg)
        assert len(rows(root)) == n
        return float(root.get("viewBox").split()[3])

    h10, h100, h290 = height(10), height(100), height(290)
    assert h10 < h100 < h290
    assert math.isclose((h290 - h100) / 190, 28, rel_tol=1e-6)  # one row per bar


def test_large_chart_is_reasonable_in_size():
    bars = [Bar(str(i), f"Kommun nummer {i}", i * 1.37 - 50, f"/kommun/{i}/") for i in range(290)]
    svg = render(bars)
    assert len(svg) < 250_000
    assert parse(svg).tag == f"{NS}svg"


def test_counts_have_whole_number_ticks_only():
    from klimatlaget.charts.bar import Bar, bar_chart

    bars = [Bar("a", "A", 1), Bar("b", "B", 3)]
    fractional = bar_chart(bars, title="Members", unit="members")
    whole = bar_chart(bars, title="Members", unit="members", counts=True)
    assert ">0,5<" in fractional
    assert ">0,5<" not in whole
    assert ">1<" in whole and ">3<" in whole


def test_small_values_are_not_rounded_to_0_and_ticks_take_decimals_from_their_step():
    svg = bar_chart(
        [Bar("a", "A", 0.41), Bar("b", "B", 0.9)],
        title="Per invånare",
        unit="",
        number_format=number_formatter("sv", 0),
    )
    root = assert_accessible(svg)
    assert [texts(r)[-1] for r in rows(root)] == ["0,41", "0,9"]
    ticks = texts(find_all(root, "g", "kl-axis-x")[0])
    assert len(set(ticks)) == len(ticks) and all("," in t for t in ticks[1:]), ticks


def test_omitted_rows_are_said_in_a_row_of_their_own():
    bars = [Bar(str(i), f"Kommun {i}", float(i)) for i in range(20)]
    svg = bar_chart(bars, title="Topp och botten", omitted=(10, "… 270 till …"))
    root = assert_accessible(svg)
    (gap,) = find_all(root, "text", "kl-omitted")
    assert gap.text == "… 270 till …"
    ys = [float(find_all(r, "text", "kl-label")[0].get("y", "nan")) for r in rows(root)]
    assert ys[10] - ys[9] == pytest.approx(2 * (ys[9] - ys[8]))  # room for the row between
    assert len(rows(root)) == 20


@pytest.mark.parametrize("width", WIDTHS)
def test_each_width_is_drawn_unscaled_with_its_own_ids(width):
    bars = [Bar("a", "Ett mycket långt kommunnamn som inte får plats", 1234.0)]
    root = assert_accessible(bar_chart(bars, title="Bredd", id_prefix="b", width=width))
    assert root.get("width") == f"{width:g}"
    assert root.get("id") == ("b" if width == WIDTH else f"b-w{width:g}")
    assert all(float(t.get("x", "0")) <= width for t in find_all(root, "text"))


def test_responsive_puts_one_layout_per_width_side_by_side():
    html = responsive(bar_chart, [Bar("a", "A", 1.0)], title="Bredd", id_prefix="b")
    assert html.startswith('<div class="kl-chart-sizes">') and html.count("<svg") == len(WIDTHS)
    for width in WIDTHS:
        assert f"kl-w-{width:g}" in html
