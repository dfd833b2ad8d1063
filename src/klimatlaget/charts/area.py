"""Stacked area chart: emissions by sector over (possibly irregular) years."""

from __future__ import annotations

from collections.abc import Mapping
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
    x_axis,
    x_tick_budget,
    y_axis,
    y_tick_budget,
    y_tick_labels,
)
from .format import NumberFormat, format_number_sv, value_format
from .scales import LinearScale, nice_ticks, ticks_within
from .svg import el, num, safe_color
from .svg import title as title_el


@dataclass(frozen=True)
class _Band:
    label: str
    color: str
    values: dict[float, float]  # year → value (0 where the sector has no value that year)
    lower: list[float]
    upper: list[float]


def _clean(
    series: Mapping[str, Mapping[int, float]], scale: float
) -> dict[str, dict[float, float]]:
    cleaned: dict[str, dict[float, float]] = {}
    for label, points in series.items():
        values = {
            float(year): float(value) / scale
            for year, value in points.items()
            if finite(year) and finite(value)
        }
        if values:
            cleaned[str(label)] = values
    return cleaned


def stack_order(series: Mapping[str, Mapping[float, float]]) -> list[str]:
    """Bottom-to-top order: the largest total at the bottom; ties broken by name (stable)."""
    return sorted(series, key=lambda label: (-sum(series[label].values()), label))


def stacked_area_chart(
    series: Mapping[str, Mapping[int, float]],
    *,
    title: str,
    description: str = "",
    unit: str = "t CO₂e",
    number_format: NumberFormat = format_number_sv,
    scale: float = 1.0,
    colors: Mapping[str, str] | None = None,
    id_prefix: str | None = None,
    no_data_text: str = "no data",
    width: float = WIDTH,
) -> str:
    """Render ``{sector label: {year: value}}`` as stacked areas over a proportional year axis.

    Sectors are stacked with the largest total at the bottom; the legend lists them from the top
    of the stack down. A sector without a value in some year counts as 0 there. Negative values
    (e.g. a net sink) are stacked downwards from zero. Values are divided by ``scale`` (e.g.
    ``scale=1000`` with ``unit='kt CO₂e'``). ``colors`` may fix a colour per sector label.
    """
    if not scale or not finite(scale) or scale <= 0:
        raise ValueError(f"scale must be a positive number, got {scale!r}")
    data = _clean(series, scale)
    prefix = chart_id(
        "area",
        title,
        repr(sorted((k, sorted(v.items())) for k, v in data.items())),
        id_prefix,
        width,
    )
    if not data:
        return empty_chart(
            prefix=prefix,
            kind="area",
            title_text=title,
            description=description,
            message=no_data_text,
            width=width,
        )
    value_text = value_format(number_format)

    years = sorted({year for values in data.values() for year in values})
    order = stack_order(data)
    colors = colors or {}
    positive = [0.0] * len(years)
    negative = [0.0] * len(years)
    bands: list[_Band] = []
    for index, label in enumerate(order):
        values = {year: data[label].get(year, 0.0) for year in years}
        lower, upper = [], []
        for i, year in enumerate(years):
            value = values[year]
            if value >= 0:
                lower.append(positive[i])
                positive[i] += value
                upper.append(positive[i])
            else:
                upper.append(negative[i])
                negative[i] += value
                lower.append(negative[i])
        color = safe_color(colors.get(label)) or palette.pick(palette.AREA, index)
        bands.append(_Band(label, color, values, lower, upper))

    height_of_plot = plot_height(width)
    y_ticks = nice_ticks(
        min([0.0, *negative]), max([0.0, *positive]), y_tick_budget(height_of_plot)
    )
    y_labels = y_tick_labels(y_ticks, number_format)
    left = max(text_width(label) for label in y_labels) + TICK_GAP + 2
    right = width - text_width(fmt_x(years[-1])) / 2 - 2
    plot = Plot(
        left=left, top=LINE_HEIGHT + 12, right=right, bottom=LINE_HEIGHT + 12 + height_of_plot
    )

    x_lo, x_hi = years[0], years[-1]
    single = x_lo == x_hi
    if single:
        x_lo, x_hi = x_lo - 0.5, x_hi + 0.5
    xscale = LinearScale((x_lo, x_hi), (plot.left, plot.right))
    yscale = LinearScale((y_ticks[0], y_ticks[-1]), (plot.bottom, plot.top))
    x_ticks = ticks_within(x_lo, x_hi, x_tick_budget(plot.width), min_step=1)

    xs = [x_lo, x_hi] if single else years

    def column(values: list[float]) -> list[float]:
        return [values[0], values[0]] if single else values

    areas, points = [], []
    for band in bands:
        top = [
            f"{num(xscale(x))},{num(yscale(y))}"
            for x, y in zip(xs, column(band.upper), strict=True)
        ]
        bottom = [
            f"{num(xscale(x))},{num(yscale(y))}"
            for x, y in zip(reversed(xs), reversed(column(band.lower)), strict=True)
        ]
        last_year = years[-1]
        summary = f"{band.label}, {fmt_x(last_year)}: " + with_unit(
            value_text(band.values[last_year]), unit
        )
        areas.append(
            el(
                "path",
                {
                    "class": "kl-area",
                    "d": "M" + " L".join(top + bottom) + " Z",
                    "fill": band.color,
                    "stroke": "#FFFFFF",
                    "stroke-width": 1.0,
                    "stroke-linejoin": "round",
                },
                title_el(summary),
            )
        )
        for i, year in enumerate(years):
            value = band.values[year]
            edge = band.upper[i] if value >= 0 else band.lower[i]
            points.append(
                el(
                    "circle",
                    {
                        "class": "kl-point",
                        "cx": xscale(year),
                        "cy": yscale(edge),
                        "r": 6.0,
                        "fill": band.color,
                        "fill-opacity": "0",
                    },
                    title_el(f"{band.label}, {fmt_x(year)}: " + with_unit(value_text(value), unit)),
                )
            )

    zero = yscale(0.0)
    items = [LegendItem(box_swatch(band.color), band.label) for band in reversed(bands)]
    legend_svg, legend_height = legend(items, top=plot.bottom + FONT + 20, width=width)
    height = plot.bottom + FONT + 20 + legend_height + 4
    body = [
        unit_label(unit),
        y_axis(plot, yscale, y_ticks, y_labels),
        el("g", {"class": "kl-areas"}, *areas),
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
        x_axis(plot, xscale, x_ticks),
        el("g", {"class": "kl-points"}, *points),
        legend_svg,
    ]
    return document(
        prefix=prefix,
        kind="area",
        title_text=title,
        description=description,
        width=width,
        height=height,
        body=[part for part in body if part],
    )
