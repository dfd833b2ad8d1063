"""Stacked column chart: one column per year, split into series stacked bottom to top (pure
Python, no Django).

Made for amounts by year and kind (capital expenditure by funding status, say): the series are
stacked in the order given, so a caller puts what it wants read first at the bottom. Negative
values are stacked downwards from zero. Every segment has a tooltip and ``data-series`` /
``data-x``; the legend names the series from the top of the stack down.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from . import palette
from .common import (
    FONT,
    LINE_HEIGHT,
    TICK_GAP,
    WIDTH,
    LegendItem,
    Plot,
    box_swatch,
    chart_id,
    document,
    empty_chart,
    finite,
    fmt_x,
    legend,
    plot_height,
    text_width,
    unit_label,
    with_unit,
    x_tick_budget,
    y_axis,
    y_tick_budget,
    y_tick_labels,
)
from .format import NumberFormat, format_number_sv, value_format
from .scales import LinearScale, nice_ticks
from .svg import el, safe_color, text_el
from .svg import title as title_el

#: The share of a column's slot its bar takes (the rest is the gap between columns).
BAR_SHARE = 0.7


@dataclass(frozen=True)
class Series:
    """One kind of amount: ``key`` (exposed as ``data-series``), its legend ``label`` and,
    optionally, a fixed ``color``."""

    key: str
    label: str
    color: str | None = None


def _clean(
    values: Mapping[int, Mapping[str, float]], keys: set[str], scale: float
) -> dict[int, dict[str, float]]:
    cleaned: dict[int, dict[str, float]] = {}
    for year, amounts in values.items():
        row = {
            key: float(amount) / scale
            for key, amount in amounts.items()
            if key in keys and finite(amount) and amount != 0
        }
        if finite(year) and row:
            cleaned[int(year)] = row
    return dict(sorted(cleaned.items()))


def stacked_column_chart(
    values: Mapping[int, Mapping[str, float]],
    series: Sequence[Series],
    *,
    title: str,
    description: str = "",
    unit: str = "",
    number_format: NumberFormat = format_number_sv,
    scale: float = 1.0,
    id_prefix: str | None = None,
    no_data_text: str = "no data",
    width: float = WIDTH,
) -> str:
    """Render ``{year: {series key: value}}`` as one stacked column per year.

    Only the years with a value are drawn, side by side in order (a column per year, not a time
    axis). Values are divided by ``scale`` (e.g. ``scale=1e6`` with ``unit='million SEK'``).
    Year labels are thinned out when they would crowd a narrow chart."""
    if not finite(scale) or scale <= 0:
        raise ValueError(f"scale must be a positive number, got {scale!r}")
    data = _clean(values, {s.key for s in series}, scale)
    payload = repr([(s.key, s.label, s.color) for s in series]) + repr(sorted(data.items()))
    prefix = chart_id("columns", title, payload, id_prefix, width)
    if not data:
        return empty_chart(
            prefix=prefix,
            kind="columns",
            title_text=title,
            description=description,
            message=no_data_text,
            width=width,
        )
    show = value_format(number_format)
    colors = {
        s.key: safe_color(s.color) or palette.pick(palette.AREA, index)
        for index, s in enumerate(series)
    }
    years = list(data)
    highs = [sum(v for v in row.values() if v > 0) for row in data.values()]
    lows = [sum(v for v in row.values() if v < 0) for row in data.values()]
    height_of_plot = plot_height(width)
    y_ticks = nice_ticks(min(0.0, *lows), max(0.0, *highs), y_tick_budget(height_of_plot))
    y_labels = y_tick_labels(y_ticks, number_format)
    left = max(text_width(label) for label in y_labels) + TICK_GAP + 2
    top = LINE_HEIGHT + 12
    plot = Plot(left=left, top=top, right=width - 4, bottom=top + height_of_plot)
    yscale = LinearScale((y_ticks[0], y_ticks[-1]), (plot.bottom, plot.top))
    slot = plot.width / len(years)
    bar = slot * BAR_SHARE
    every = math.ceil(len(years) / x_tick_budget(plot.width))

    columns, labels = [], []
    for index, year in enumerate(years):
        x = plot.left + slot * index + (slot - bar) / 2
        up = down = 0.0
        segments = []
        for s in series:
            value = data[year].get(s.key)
            if value is None:
                continue
            start = up if value > 0 else down
            end = start + value
            if value > 0:
                up = end
            else:
                down = end
            y0, y1 = yscale(start), yscale(end)
            segments.append(
                el(
                    "rect",
                    {
                        "class": "kl-segment",
                        "data-series": s.key,
                        "data-x": year,
                        "x": x,
                        "y": min(y0, y1),
                        "width": bar,
                        "height": max(abs(y1 - y0), 1.0),
                        "fill": colors[s.key],
                        "stroke": "#FFFFFF",
                    },
                    title_el(f"{s.label}, {fmt_x(year)}: " + with_unit(show(value), unit)),
                )
            )
        columns.append(el("g", {"class": "kl-column", "data-x": year}, *segments))
        if index % every == 0:
            labels.append(
                text_el(
                    "text",
                    {"x": x + bar / 2, "y": plot.bottom + 7 + FONT, "text-anchor": "middle"},
                    fmt_x(year),
                )
            )
    zero = yscale(0.0)
    shown = [s for s in series if any(s.key in row for row in data.values())]
    items = [LegendItem(box_swatch(colors[s.key]), s.label) for s in reversed(shown)]
    legend_svg, legend_height = legend(items, top=plot.bottom + FONT + 20, width=width)
    body = [
        unit_label(unit),
        y_axis(plot, yscale, y_ticks, y_labels),
        el("g", {"class": "kl-columns"}, *columns),
        el(
            "line",
            {
                "class": "kl-baseline",
                "x1": plot.left,
                "x2": plot.right,
                "y1": zero,
                "y2": zero,
                "stroke": "currentColor",
                "stroke-width": 1.5,
                "aria-hidden": "true",
            },
        ),
        el("g", {"class": "kl-axis kl-axis-x", "aria-hidden": "true"}, *labels),
        legend_svg,
    ]
    return document(
        prefix=prefix,
        kind="columns",
        title_text=title,
        description=description,
        width=width,
        height=plot.bottom + FONT + 20 + legend_height + 4,
        body=[part for part in body if part],
    )
