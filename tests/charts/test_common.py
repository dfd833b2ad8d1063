import random

import pytest

from klimatlaget.charts import Bar, Line, Marker, bar_chart, line_chart, stacked_area_chart
from klimatlaget.charts.common import text_width, truncate

from .helpers import assert_accessible, find_all, texts

EMPTY_CASES = {
    "area": lambda **kw: stacked_area_chart({}, **kw),
    "area-no-values": lambda **kw: stacked_area_chart({"A": {}, "B": {2020: float("nan")}}, **kw),
    "line": lambda **kw: line_chart([], **kw),
    "line-no-points": lambda **kw: line_chart([Line("a", "A", {})], **kw),
    "bar": lambda **kw: bar_chart([], **kw),
}


@pytest.mark.parametrize("case", EMPTY_CASES)
def test_empty_input_gives_a_small_valid_svg(case):
    svg = EMPTY_CASES[case](title="Inget", description="Tomt")
    root = assert_accessible(svg)
    assert root.get("role") == "img"
    assert texts(root) == ["no data"]
    svg = EMPTY_CASES[case](title="Inget", description="", no_data_text="Uppgift saknas")
    root = assert_accessible(svg)
    assert texts(root) == ["Uppgift saknas"]
    assert find_all(root, "desc") == []


def charts(title="Utsläpp", value=1.0, **kwargs):
    return [
        stacked_area_chart({"A": {2020: value, 2021: 2.0}}, title=title, description="d", **kwargs),
        line_chart(
            [Line("a", "A", {2020: value, 2021: 2.0})], title=title, description="d", **kwargs
        ),
        bar_chart([Bar("a", "A", value)], title=title, description="d", **kwargs),
    ]


def test_output_is_deterministic():
    assert charts() == charts()


def test_ids_differ_between_charts_and_follow_the_title():
    first, second = charts(value=1.0), charts(value=3.0)
    ids = [assert_accessible(svg).get("id") for svg in first + second]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("chart-utslapp-") for i in ids)


def test_id_prefix_is_used_and_validated():
    for svg in charts(id_prefix="sektorer"):
        root = assert_accessible(svg)
        assert root.get("id") == "sektorer"
        assert root.get("aria-labelledby") == "sektorer-title sektorer-desc"
    with pytest.raises(ValueError):
        charts(id_prefix='x" onload="alert(1)')


def test_text_measurement_and_truncation():
    assert text_width("2020") < text_width("Koldioxidlagen")
    assert text_width("W") > text_width("i")
    assert text_width("abc", bold=True) > text_width("abc")
    assert truncate("kort", 1000) == "kort"
    shortened = truncate("Ett mycket långt namn på en förvaltning", 100)
    assert shortened.endswith("…") and text_width(shortened) <= 100


def test_no_inline_styles_so_a_strict_csp_is_fine():
    for svg in charts():
        assert " style=" not in svg
        assert "<style" not in svg
        assert "<script" not in svg


def test_random_inputs_always_give_well_formed_accessible_svg():
    rng = random.Random(2023)
    odd_values = [0.0, -0.0, 1e-12, 1e12, -5.5, float("nan"), float("inf"), None]

    def value():
        return rng.choice(odd_values) if rng.random() < 0.2 else rng.uniform(-1e5, 1e6)

    def label():
        return "".join(rng.choice("aåö <>&\"'\x01–—") for _ in range(rng.randint(0, 60)))

    def title():
        return label() + "T"

    for _ in range(150):
        years = sorted(rng.sample(range(1970, 2060), rng.randint(1, 12)))
        series = {label(): {y: value() for y in years} for _ in range(rng.randint(0, 12))}
        assert_accessible(stacked_area_chart(series, title=title(), description=label()))
        lines = [
            Line(str(i), label(), {y: value() for y in years}, rng.choice(["solid", "dashed", "x"]))
            for i in range(rng.randint(0, 5))
        ]
        markers = [Marker(rng.uniform(1960, 2070), label()) for _ in range(rng.randint(0, 4))]
        svg = line_chart(
            lines, title=title(), description="", shade_between=("0", "1"), markers=markers
        )
        assert_accessible(svg)
        bars = [
            Bar(label(), label(), value(), rng.choice([None, "/x/", "javascript:x", label()]))
            for _ in range(rng.randint(0, 30))
        ]
        highlight = bars[0].key if bars else None
        assert_accessible(bar_chart(bars, title=title(), description=label(), highlight=highlight))


@pytest.mark.parametrize("blank", ["", "   "])
def test_a_title_is_required(blank):
    with pytest.raises(ValueError, match="title"):
        bar_chart([], title=blank, description="")
