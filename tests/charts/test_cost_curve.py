"""The marginal abatement cost curve: bars as wide as their reductions, side by side."""

import re

from klimatlaget.charts import responsive
from klimatlaget.charts.cost_curve import CostBar, cost_curve_chart

BARS = [
    CostBar("B", "Renovation", 0, 100, -92.8),
    CostBar("A", "Buses", 100, 600, 1604.8, href="/o/9102/investments/1/#line-1"),
    CostBar("D", "Charging <points>", 600, 650, 2404.8),
]


def chart(bars=BARS, **kwargs):
    return cost_curve_chart(
        bars,
        title="Kostnadskurva",
        description="Åtgärder efter kostnad per ton",
        x_unit="t CO₂e per år",
        y_unit="kr/t",
        empty_message="Inget att visa",
        **kwargs,
    )


def _rects(svg):
    return {
        key: (float(x), float(w), float(y), float(h))
        for key, x, y, w, h in re.findall(
            r'<rect class="kl-bar" data-key="(\w)" x="([\d.]+)" y="([\d.]+)" '
            r'width="([\d.]+)" height="([\d.]+)"',
            svg,
        )
    }


def test_bars_are_as_wide_as_their_reductions_and_follow_each_other():
    rects = _rects(chart(width=800))
    assert list(rects) == ["B", "A", "D"]
    (bx, bw, *_), (ax, aw, *_), (dx, dw, *_) = rects["B"], rects["A"], rects["D"]
    # widths in proportion to 100 : 500 : 50 (less the 1 px gap between bars)
    assert abs((aw + 1) / (bw + 1) - 5) < 0.01 and abs((bw + 1) / (dw + 1) - 2) < 0.01
    assert abs(ax - (bx + bw + 1)) < 0.01 and abs(dx - (ax + aw + 1)) < 0.01


def test_a_negative_cost_hangs_below_the_zero_line():
    rects = _rects(chart(width=560))
    _, _, b_top, b_height = rects["B"]
    _, _, a_top, a_height = rects["A"]
    assert abs(b_top - (a_top + a_height)) < 0.01  # B starts where A ends: at zero
    assert b_height < a_height


def test_labels_are_escaped_and_links_kept():
    svg = chart()
    assert "Charging &lt;points&gt;" in svg and "<points>" not in svg
    assert 'href="/o/9102/investments/1/#line-1"' in svg
    assert "Buses: 1 605 kr/t, 500 t CO₂e per år" in svg.replace("\u00a0", " ").replace(
        "\u202f", " "
    )


def test_nothing_to_show_says_so():
    assert "Inget att visa" in chart(bars=[])
    assert "Inget att visa" in chart(bars=[CostBar("x", "x", 5, 5, 10)])


def test_responsive_draws_three_sizes():
    svg = responsive(chart)
    assert svg.count("<svg") == 3
