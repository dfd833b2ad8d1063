"""The gap coverage chart: per sector the decided, proposed and uncovered parts side by side
from zero, and a mark at the gap."""

import random

import pytest

from klimatlaget.charts import CoverageBar, CoverageLabels, coverage_chart, responsive
from klimatlaget.charts.common import FONT

from .helpers import assert_accessible, find_all, parse

LABELS = CoverageLabels("Beslutat", "Föreslaget", "Ej täckt", "Gap")
BARS = [
    CoverageBar("transport", "Transporter <väg>", 500, 50, 250, 800),
    CoverageBar("housing", "Bostäder", 0, 100, 0, 50),
    CoverageBar("none", "Ingen sektor", 30, 0, 0, None),
]


def chart(bars=BARS, **kwargs):
    return coverage_chart(
        bars,
        title="Täckning av gapet",
        description="Per sektor",
        unit="t CO₂e per år",
        labels=LABELS,
        empty_message="Inget att visa",
        **kwargs,
    )


def _parts(root, key):
    row = next(g for g in find_all(root, "g", "kl-row") if g.get("data-key") == key)
    return {
        rect.get("class").split()[-1]: (float(rect.get("x")), float(rect.get("width")))
        for rect in find_all(row, "rect")
    }, [float(line.get("x1")) for line in find_all(row, "line", "kl-gap")]


def test_the_parts_are_stacked_from_zero_and_the_gap_is_marked():
    root = parse(chart(width=800))
    parts, gaps = _parts(root, "transport")
    (dx, dw), (px, pw), (ux, uw) = parts["kl-decided"], parts["kl-proposed"], parts["kl-uncovered"]
    assert abs(px - (dx + dw)) < 0.01 and abs(ux - (px + pw) - 1) < 0.01
    # 500 : 50 : 250, and the parts end at the gap (800, the largest value: the right edge)
    assert abs(dw / pw - 10) < 0.01 and abs((uw + 2) / pw - 5) < 0.01
    assert abs(gaps[0] - (ux + uw + 1)) < 0.01
    # Housing's 100 t go beyond its gap of 50 t: no uncovered part, the mark halfway.
    parts, gaps = _parts(root, "housing")
    assert list(parts) == ["kl-proposed"]
    px, pw = parts["kl-proposed"]
    assert abs(gaps[0] - (px + pw / 2)) < 0.01
    # No gap: no mark.
    parts, gaps = _parts(root, "none")
    assert list(parts) == ["kl-decided"] and gaps == []


def test_labels_are_escaped_and_each_part_has_a_tooltip():
    svg = chart()
    assert "Transporter &lt;väg&gt;" in svg and "<väg>" not in svg
    plain = svg.replace("\u00a0", " ").replace("\u202f", " ")
    assert "Transporter &lt;väg&gt;, Ej täckt: 250 t CO₂e per år" in plain
    assert "Bostäder, Gap: 50 t CO₂e per år" in plain
    assert_accessible(svg)


def test_the_text_stays_14_px_at_every_width():
    svg = responsive(chart)
    assert svg.count("<svg") == 3
    for width in ("340", "560", "800"):
        assert f'kl-w-{width}"' in svg
    assert svg.count(f'font-size="{FONT:g}"') == 3


@pytest.mark.parametrize(
    "bars",
    [[], [CoverageBar("x", "x", 0, 0, 0, None)], [CoverageBar("x", "x", 0, 0, 0, -20)]],
)
def test_nothing_to_show_says_so(bars):
    assert "Inget att visa" in chart(bars=bars)


def test_odd_values_give_well_formed_accessible_svg():
    rng = random.Random(7)
    odd = [0.0, -1.0, float("nan"), float("inf"), 1e12, 3.5]
    for _ in range(100):
        bars = [
            CoverageBar(
                str(n),
                "".join(rng.choice("aö <>&\"'\x01") for _ in range(rng.randint(0, 40))),
                rng.choice(odd),
                rng.choice(odd),
                rng.choice(odd),
                rng.choice([None, *odd]),
            )
            for n in range(rng.randint(0, 10))
        ]
        assert_accessible(chart(bars=bars, width=rng.choice([340.0, 560.0, 800.0])))
