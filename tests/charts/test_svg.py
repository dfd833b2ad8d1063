import pytest

from klimatlaget.charts.palette import AREA, BAR, CATEGORICAL, HIGHLIGHT, contrast_ratio
from klimatlaget.charts.svg import el, esc, num, safe_color, safe_href, text_el


def test_escape_text_and_attributes():
    assert esc('<script>alert("x")</script>') == (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
    )
    assert esc("a'b&c") == "a&#x27;b&amp;c"
    assert el("rect", {"data-key": '"><script>'}) == '<rect data-key="&quot;&gt;&lt;script&gt;"/>'
    assert text_el("text", None, "Å & Ö") == "<text>Å &amp; Ö</text>"


def test_characters_that_xml_forbids_are_removed():
    assert esc("a\x00b\x1bc\ud800d") == "abcd"
    assert esc("tab\tand\nnewline") == "tab\tand\nnewline"


def test_none_attributes_skipped_and_floats_compact():
    assert el("line", {"x1": 1.0, "x2": 2.345, "y1": None, "y2": -0.001}) == (
        '<line x1="1" x2="2.35" y2="0"/>'
    )
    assert num(float("nan")) == "0"
    assert num(12.5) == "12.5"


@pytest.mark.parametrize(
    "href",
    [
        "/kommun/stockholm/",
        "/kommun/s%C3%B6dert%C3%A4lje/?year=2023#x",
        "https://example.org/a",
        "HTTP://example.org",
    ],
)
def test_safe_hrefs_kept(href):
    assert safe_href(href) == href


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "\tjavascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox",
        "kommun/relative",
        "mailto:a@b.se",
        "/ok\x00",
        "/ok\njavascript:",
        "",
        None,
    ],
)
def test_unsafe_hrefs_dropped(href):
    assert safe_href(href) is None


def test_safe_color():
    assert safe_color("#0072B2") == "#0072B2"
    assert safe_color("rebeccapurple") == "rebeccapurple"
    assert safe_color("var(--kl-trend)") == "var(--kl-trend)"
    assert safe_color("rgb(0, 114, 178)") == "rgb(0, 114, 178)"
    assert safe_color('red" onload="alert(1)') is None
    assert safe_color("url(javascript:x)") is None
    assert safe_color(None) is None


def test_line_and_bar_colours_have_3_to_1_contrast_on_white():
    for color in (*CATEGORICAL, BAR, HIGHLIGHT):
        assert contrast_ratio(color) >= 3.0, color


def test_palettes_have_distinct_colours():
    assert len(set(CATEGORICAL)) == len(CATEGORICAL) >= 6
    assert len(set(AREA)) == len(AREA) >= 9


def test_contrast_ratio_reference_values():
    assert round(contrast_ratio("#000000"), 1) == 21.0
    assert round(contrast_ratio("#767676"), 2) == 4.54
    assert contrast_ratio("#FFFFFF") == 1.0
