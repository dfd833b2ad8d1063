"""Line chart: history, trend and pathways on one year axis, with an optional shaded gap between two
lines and vertical markers ("today", "trend reaches zero")."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from . import palette
from .common import (
    FONT,
    LINE_HEIGHT,
    TICK_GAP,
    WIDTH,
    LegendItem,
    Plot,
    Swatch,
    chart_id,
    document,
    empty_chart,
    finite,
    fmt_x,
    legend,
    plot_height,
    text_width,
    truncate,
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
from .svg import el, num, safe_color, text_el
from .svg import title as title_el

LINE_WIDTH = 3.0

Style = Literal["solid", "dashed", "dotted"]

_DASHES: dict[str, str | None] = {"solid": None, "dashed": "9 6", "dotted": "1 6"}

Point = tuple[float, float]


@dataclass(frozen=True)
class Line:
    """One series. ``points`` maps a year (or other x value) to a value; the line is drawn in
    x order and connects across missing years. ``show_points`` draws a visible dot at each point
    (useful for observed data with irregular years); every point has a tooltip either way."""

    key: str
    label: str
    points: Mapping[int, float]
    style: Style = "solid"
    color: str | None = None
    show_points: bool = False


@dataclass(frozen=True)
class Band:
    """A shaded range around the line ``line_key``, between ``low`` and ``high`` (year → value),
    drawn in that line's colour, e.g. the spread of a trend. It does not widen the y axis: what
    lies outside the plot is cut off."""

    line_key: str
    label: str
    low: Mapping[int, float]
    high: Mapping[int, float]


@dataclass(frozen=True)
class Marker:
    """A labelled vertical line at ``x``, e.g. "today" or "trend reaches zero"."""

    x: float
    label: str


def _interpolate(points: Sequence[Point], x: float) -> float:
    """Linear interpolation in sorted ``points``; ``x`` must lie within their x range."""
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if x0 <= x <= x1:
            return y0 if x1 == x0 else y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return points[0][1] if x <= points[0][0] else points[-1][1]


def gap_polygons(upper: Sequence[Point], lower: Sequence[Point]) -> list[list[Point]]:
    """Polygons (in data coordinates) covering where ``upper`` lies above ``lower``.

    Both inputs are sorted ``(x, y)`` points of piecewise-linear lines. Only their common x range is
    considered; crossings are found exactly, so each polygon runs along ``upper`` from left to right
    and back along ``lower``.
    """
    if len(upper) < 2 or len(lower) < 2:
        return []
    lo = max(upper[0][0], lower[0][0])
    hi = min(upper[-1][0], lower[-1][0])
    if lo >= hi:
        return []
    span = max(abs(y) for _, y in [*upper, *lower]) or 1.0
    tolerance = span * 1e-9

    def diff(x: float) -> float:
        return _interpolate(upper, x) - _interpolate(lower, x)

    xs = sorted({x for x, _ in [*upper, *lower] if lo <= x <= hi} | {lo, hi})
    with_crossings: list[float] = []
    for i, x in enumerate(xs):
        if i:
            x0 = xs[i - 1]
            d0, d1 = diff(x0), diff(x)
            if (d0 > tolerance and d1 < -tolerance) or (d0 < -tolerance and d1 > tolerance):
                with_crossings.append(x0 + (x - x0) * d0 / (d0 - d1))
        with_crossings.append(x)

    runs: list[list[float]] = []
    current: list[float] = []
    for x in with_crossings:
        if diff(x) >= -tolerance:
            current.append(x)
        else:
            runs.append(current)
            current = []
    runs.append(current)

    polygons = []
    for run in runs:
        if len(run) < 2 or not any(diff(x) > tolerance for x in run):
            continue
        polygon = [(x, _interpolate(upper, x)) for x in run]
        polygon += [(x, _interpolate(lower, x)) for x in reversed(run)]
        polygons.append(polygon)
    return polygons


def _stroke(style: str, color: str) -> dict[str, object | None]:
    return {
        "stroke": color,
        "stroke-width": LINE_WIDTH,
        "stroke-dasharray": _DASHES.get(style),
        "stroke-linecap": "round" if style == "dotted" else "butt",
        "stroke-linejoin": "round",
        "fill": "none",
    }


def _line_swatch(style: str, color: str) -> Swatch:
    def draw(x: float, cy: float) -> str:
        return el("line", {"x1": x, "x2": x + 28, "y1": cy, "y2": cy, **_stroke(style, color)})

    return draw


def _gap_swatch(fill: str) -> Swatch:
    def draw(x: float, cy: float) -> str:
        return el(
            "rect",
            {
                "x": x,
                "y": cy - 8,
                "width": 28.0,
                "height": 16.0,
                "fill": fill,
                "stroke": "currentColor",
                "stroke-opacity": "0.4",
            },
        )

    return draw


def _band_swatch(color: str) -> Swatch:
    def draw(x: float, cy: float) -> str:
        return el(
            "rect",
            {"x": x, "y": cy - 8, "width": 28.0, "height": 16.0, "fill": color, **_BAND_FILL},
        )

    return draw


_BAND_FILL = {"fill-opacity": "0.2", "stroke": "none"}


def _band_points(band: Band, scale: float) -> list[Point]:
    """The band's outline in data coordinates: along ``high``, then back along ``low``."""

    def points(values: Mapping[int, float]) -> list[Point]:
        return sorted(
            (float(x), float(y) / scale) for x, y in values.items() if finite(x) and finite(y)
        )

    high, low = points(band.high), points(band.low)
    return [*high, *reversed(low)] if len(high) > 1 and len(low) > 1 else []


def _gap_pattern(pattern_id: str, color: str) -> str:
    return el(
        "pattern",
        {
            "id": pattern_id,
            "patternUnits": "userSpaceOnUse",
            "width": 8.0,
            "height": 8.0,
            "patternTransform": "rotate(45)",
        },
        el("rect", {"width": 8.0, "height": 8.0, "fill": color, "fill-opacity": "0.15"}),
        el(
            "line",
            {
                "x1": 2.0,
                "x2": 2.0,
                "y1": 0.0,
                "y2": 8.0,
                "stroke": color,
                "stroke-width": 2.5,
                "stroke-opacity": "0.5",
            },
        ),
    )


@dataclass(frozen=True)
class _Series:
    line: Line
    color: str
    points: list[Point]


def _series(lines: Sequence[Line], scale: float) -> list[_Series]:
    result = []
    automatic = 0
    for line in lines:
        points = sorted(
            (float(x), float(y) / scale) for x, y in line.points.items() if finite(x) and finite(y)
        )
        if not points:
            continue
        color = safe_color(line.color)
        if color is None:
            color = palette.pick(palette.CATEGORICAL, automatic)
            automatic += 1
        result.append(_Series(line, color, points))
    return result


def _first_row(
    rows: list[list[tuple[float, float]]], lines: list[tuple[float, int]], lo: float, hi: float
) -> int:
    """The first row where ``[lo, hi]`` overlaps no other label and crosses no marker line (a
    marker's line runs from its label's row down to the plot). If crossing a line cannot be
    avoided, the first row with no overlapping label (possibly a new one) is used."""

    def free(index: int) -> bool:
        return index == len(rows) or all(hi <= a or lo >= b for a, b in rows[index])

    for index in range(len(rows) + 1):
        if free(index) and not any(r <= index and lo < x < hi for x, r in lines):
            return index
    return next(index for index in range(len(rows) + 1) if free(index))


def _marker_rows(
    markers: Sequence[Marker], xscale: LinearScale, reserved: float, width: float
) -> list[tuple[Marker, str, float, str, int]]:
    """Place marker labels in rows above the plot so that they do not overlap each other or the
    unit label (which occupies ``[0, reserved]`` in the first row)."""
    rows: list[list[tuple[float, float]]] = [[(0.0, reserved)]] if reserved else [[]]
    lines: list[tuple[float, int]] = []  # (x of a marker line, row its label is in)
    placed = []
    for marker in sorted(markers, key=lambda m: (m.x, m.label)):
        x = xscale(marker.x)
        label = truncate(marker.label, width / 2)
        label_width = text_width(label)
        if x + 4 + label_width <= width:
            start, anchor, text_x = x + 4, "start", x + 4
        else:
            start, anchor, text_x = x - 4 - label_width, "end", x - 4
        lo, hi = start - 6, start + label_width + 6
        index = _first_row(rows, lines, lo, hi)
        if index == len(rows):
            rows.append([])
        rows[index].append((lo, hi))
        lines.append((x, index))
        placed.append((marker, label, text_x, anchor, index))
    return placed


def line_chart(
    lines: Sequence[Line],
    *,
    title: str,
    description: str = "",
    unit: str = "t CO₂e",
    shade_between: tuple[str, str] | None = None,
    shade_label: str = "gap",
    markers: Sequence[Marker] = (),
    bands: Sequence[Band] = (),
    number_format: NumberFormat = format_number_sv,
    scale: float = 1.0,
    id_prefix: str | None = None,
    no_data_text: str = "no data",
    width: float = WIDTH,
) -> str:
    """Render lines over a proportional x (year) axis whose y axis starts at 0 (or the minimum).

    ``shade_between=(upper_key, lower_key)`` hatches the area where the first line lies above the
    second (e.g. the gap between the trend and the Carbon Law pathway) over the years both lines
    cover, with a legend entry ``shade_label``. ``markers`` draw labelled vertical lines; the
    x axis is widened to include them. ``bands`` shade ranges around lines (see :class:`Band`).
    Values are divided by ``scale``.
    """
    if not finite(scale) or scale <= 0:
        raise ValueError(f"scale must be a positive number, got {scale!r}")
    series = _series(lines, scale)
    marks = [m for m in markers if finite(m.x)]
    payload = repr(
        (
            [(s.line.key, s.line.label, s.line.style, s.color, s.points) for s in series],
            shade_between,
            shade_label,
            [(m.x, m.label) for m in marks],
            [(b.line_key, b.label, sorted(b.low.items()), sorted(b.high.items())) for b in bands],
        )
    )
    prefix = chart_id("line", title, payload, id_prefix, width)
    if not series:
        return empty_chart(
            prefix=prefix,
            kind="line",
            title_text=title,
            description=description,
            message=no_data_text,
            width=width,
        )
    value_text = value_format(number_format)

    all_x = [x for s in series for x, _ in s.points] + [m.x for m in marks]
    all_y = [y for s in series for _, y in s.points]
    x_lo, x_hi = min(all_x), max(all_x)
    if x_lo == x_hi:
        x_lo, x_hi = x_lo - 0.5, x_hi + 0.5

    polygons: list[list[Point]] = []
    lower_points: list[Point] = []
    gap_color = ""
    if shade_between is not None:
        by_key: dict[str, _Series] = {}
        for s in series:
            by_key.setdefault(s.line.key, s)
        upper, lower = by_key.get(shade_between[0]), by_key.get(shade_between[1])
        if upper is not None and lower is not None:
            polygons = gap_polygons(upper.points, lower.points)
            gap_color = upper.color
            lower_points = lower.points

    height_of_plot = plot_height(width)
    y_ticks = nice_ticks(min([0.0, *all_y]), max([0.0, *all_y]), y_tick_budget(height_of_plot))
    y_labels = y_tick_labels(y_ticks, number_format)
    left = max(text_width(label) for label in y_labels) + TICK_GAP + 2
    right = width - max(text_width(fmt_x(round(x_hi))) / 2 + 2, 6.0)
    xscale = LinearScale((x_lo, x_hi), (left, right))

    unit_width = text_width(unit) if unit else 0.0
    placed = _marker_rows(marks, xscale, unit_width, width)
    label_rows = max([1] + [row + 1 for *_, row in placed])
    top = label_rows * LINE_HEIGHT + 12
    plot = Plot(left=left, top=top, right=right, bottom=top + height_of_plot)
    yscale = LinearScale((y_ticks[0], y_ticks[-1]), (plot.bottom, plot.top))
    x_ticks = ticks_within(x_lo, x_hi, x_tick_budget(plot.width), min_step=1)

    def xy(x: float, y: float) -> str:
        return f"{num(xscale(x))},{num(yscale(y))}"

    body: list[str] = [unit_label(unit), y_axis(plot, yscale, y_ticks, y_labels)]
    legend_items: list[LegendItem] = []

    if polygons:
        pattern_id = f"{prefix}-gap"
        body.append(el("defs", None, _gap_pattern(pattern_id, gap_color)))
        d = " ".join("M" + " L".join(xy(x, y) for x, y in polygon) + " Z" for polygon in polygons)
        widest_x, widest = max(
            (
                (x, y - _interpolate(lower_points, x))
                for polygon in polygons
                for x, y in polygon[: len(polygon) // 2]
            ),
            key=lambda item: (item[1], -item[0]),
        )
        gap_title = f"{shade_label}, {fmt_x(widest_x)}: " + with_unit(value_text(widest), unit)
        body.append(
            el(
                "path",
                {"class": "kl-gap", "d": d, "fill": f"url(#{pattern_id})", "stroke": "none"},
                title_el(gap_title),
            )
        )

    colors = {s.line.key: s.color for s in reversed(series)}
    band_legend: list[LegendItem] = []
    for number, band in enumerate(b for b in bands if b.line_key in colors):
        outline = _band_points(band, scale)
        if not outline:
            continue
        clip_id = f"{prefix}-band{number}"
        color = colors[band.line_key]
        body.append(
            el(
                "defs",
                None,
                el(
                    "clipPath",
                    {"id": clip_id},
                    el(
                        "rect",
                        {"x": plot.left, "y": plot.top, "width": plot.width, "height": plot.height},
                    ),
                ),
            )
        )
        body.append(
            el(
                "path",
                {
                    "class": "kl-band",
                    "data-key": band.line_key,
                    "d": "M" + " L".join(xy(x, y) for x, y in outline) + " Z",
                    "fill": color,
                    "clip-path": f"url(#{clip_id})",
                    **_BAND_FILL,
                },
                title_el(band.label),
            )
        )
        band_legend.append(LegendItem(_band_swatch(color), band.label, 28.0))

    for marker, label, text_x, anchor, row in placed:
        x = xscale(marker.x)
        body.append(
            el(
                "g",
                {"class": "kl-marker"},
                title_el(marker.label),
                el(
                    "line",
                    {
                        "x1": x,
                        "x2": x,
                        "y1": row * LINE_HEIGHT + 4,
                        "y2": plot.bottom,
                        "stroke": "currentColor",
                        "stroke-width": 1.5,
                        "stroke-dasharray": "4 4",
                    },
                ),
                text_el(
                    "text",
                    {"x": text_x, "y": row * LINE_HEIGHT + FONT, "text-anchor": anchor},
                    label,
                ),
            )
        )

    points_svg: list[str] = []
    for s in series:
        line = s.line
        style = line.style if line.style in _DASHES else "solid"
        if len(s.points) > 1:
            body.append(
                el(
                    "path",
                    {
                        "class": f"kl-line kl-line-{style}",
                        "data-key": line.key,
                        "d": "M" + " L".join(xy(x, y) for x, y in s.points),
                        **_stroke(style, s.color),
                    },
                    title_el(line.label),
                )
            )
        visible = line.show_points or len(s.points) == 1
        for x, y in s.points:
            points_svg.append(
                el(
                    "circle",
                    {
                        "class": "kl-point",
                        "data-key": line.key,
                        "cx": xscale(x),
                        "cy": yscale(y),
                        "r": 4.0 if visible else 6.0,
                        "fill": s.color,
                        "fill-opacity": None if visible else "0",
                    },
                    title_el(f"{line.label}, {fmt_x(x)}: " + with_unit(value_text(y), unit)),
                )
            )
        legend_items.append(LegendItem(_line_swatch(style, s.color), line.label, 28.0))
    legend_items += band_legend
    if polygons:
        legend_items.append(LegendItem(_gap_swatch(f"url(#{prefix}-gap)"), shade_label, 28.0))

    body.append(x_axis(plot, xscale, x_ticks))
    body.append(el("g", {"class": "kl-points"}, *points_svg))
    legend_svg, legend_height = legend(legend_items, top=plot.bottom + FONT + 20, width=width)
    body.append(legend_svg)
    height = plot.bottom + FONT + 20 + legend_height + 4
    return document(
        prefix=prefix,
        kind="line",
        title_text=title,
        description=description,
        width=width,
        height=height,
        body=[part for part in body if part],
    )
