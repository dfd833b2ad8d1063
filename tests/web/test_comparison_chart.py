"""The comparison chart: the top and bottom of a long ranking, all of it on demand."""

import re

from django.utils import translation

from klimatlaget.emissions.comparison import COLUMNS, SHOWN_AT_EACH_END, ComparisonTable, chart

PER_CAPITA = next(c for c in COLUMNS if c.key == "last_emissions_per_capita_t")


def table(count: int) -> ComparisonTable:
    """``count`` fictional municipalities, the last one without a value."""
    rows = [
        {"code": f"{9000 + i}", "name": f"Kommun {i}", PER_CAPITA.key: 0.34 + i / 10}
        for i in range(count - 1)
    ]
    rows.append({"code": "9999", "name": "Utan uppgift", PER_CAPITA.key: None})
    return ComparisonTable("municipality", "", "", PER_CAPITA, "name", False, rows)


def first_layout_rows(svg: str) -> list[str]:
    first = svg.split("</svg>")[0]
    return re.findall(r'class="kl-row"[^>]*data-key="(\d+)"', first)


def test_a_long_ranking_shows_its_top_and_bottom_and_says_how_many_are_left_out():
    with translation.override("en"):
        svg = chart(table(290))
    keys = first_layout_rows(svg)
    assert len(keys) == 2 * SHOWN_AT_EACH_END
    assert keys[0] == "9288" and keys[-1] == "9000"  # largest first, smallest with a value last
    assert "… 270 more in the table …" in svg
    assert ">0.34<" in svg  # a small value keeps its decimals


def test_all_of_it_on_demand_and_a_short_ranking_in_full():
    with translation.override("en"):
        assert len(first_layout_rows(chart(table(290), show_all=True))) == 290
        short = chart(table(25))
    assert len(first_layout_rows(short)) == 25 and "kl-omitted" not in short
