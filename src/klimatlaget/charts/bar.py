"""Horizontal bar chart for comparing many organisations (up to a few hundred bars)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import palette
from .common import (
    FONT,
    LINE_HEIGHT,
    WIDTH,
    chart_id,
    document,
    empty_chart,
    finite,
    text_width,
    truncate,
    unit_label,
    with_unit,
)
from .format import NumberFormat, format_number_sv, tick_format, value_format
from .scales import LinearScale, step_decimals, ticks_within
from .svg import el, safe_href, text_el
from .svg import title as title_el

ROW = 28.0
BAR_HEIGHT = 18.0
LABEL_COLUMN_SHARE = 0.4
GAP = 6.0


@dataclass(frozen=True)
class Bar:
    """One bar. ``value=None`` shows "no data"; ``href`` (a site path or http(s) URL) makes the row
    a link. ``key`` identifies the bar for ``highlight`` and is exposed as ``data-key``."""

    key: str
    label: str
    value: float | None
    href: str | None = None


def _ticks(
    lo: float, hi: float, width: float, number_format: NumberFormat, min_step: float | None
) -> tuple[list[float], list[str]]:
    """The densest 1-2-5 ticks inside ``[lo, hi]`` whose labels fit side by side in ``width``."""
    budget = 8
    while True:
        ticks = ticks_within(lo, hi, budget, min_step=min_step)
        fmt = tick_format(number_format, step_decimals(ticks))
        labels = [fmt(t) for t in ticks]
        needed = len(ticks) * (max(text_width(label) for label in labels) + 14)
        if needed <= width or budget <= 2:
            return ticks, labels
        budget -= 1


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    description: str = "",
    unit: str = "t CO₂e",
    number_format: NumberFormat = format_number_sv,
    highlight: str | None = None,
    scale: float = 1.0,
    id_prefix: str | None = None,
    no_data_text: str = "no data",
    counts: bool = False,
    omitted: tuple[int, str] | None = None,
    width: float = WIDTH,
) -> str:
    """Render one horizontal bar per item, in the given order, around a zero axis.

    With ``counts`` the values are counts (of members, say), and the axis has whole-number
    ticks only.

    Value labels keep at least two significant digits (0,41, not 0). Labels longer than the
    label column (40 % of the ``width`` in px) are shortened with "…" (the full
    label is in the tooltip). The bar whose ``key`` equals ``highlight`` is drawn in another
    colour with a bold label and a tinted row. Rows with a safe ``href`` are ``<a>`` links; the
    ``<svg>`` then has ``role="group"`` rather than ``role="img"`` so that assistive technology
    can reach the links. The chart grows by one row per bar, so for hundreds of bars show the
    first and last few and say what is left out: ``omitted=(10, "… 270 more …")`` adds a row
    with that text after the first 10 bars.
    """
    if not finite(scale) or scale <= 0:
        raise ValueError(f"scale must be a positive number, got {scale!r}")
    rows = [
        (bar, float(bar.value) / scale if finite(bar.value) else None, safe_href(bar.href))
        for bar in bars
    ]
    payload = repr([(b.key, b.label, v, h, b.key == highlight) for b, v, h in rows])
    payload += repr(omitted) if omitted else ""
    prefix = chart_id("bar", title, payload, id_prefix, width)
    if not rows:
        return empty_chart(
            prefix=prefix,
            kind="bar",
            title_text=title,
            description=description,
            message=no_data_text,
            width=width,
        )
    value_text = value_format(number_format)

    values = [v for _, v, _ in rows if v is not None]
    texts = {i: value_text(v) for i, (_, v, _) in enumerate(rows) if v is not None}
    has_missing = len(values) < len(rows)
    pos_widths = [
        text_width(texts[i]) for i, (_, v, _) in enumerate(rows) if v is not None and v >= 0
    ]
    neg_widths = [
        text_width(texts[i]) for i, (_, v, _) in enumerate(rows) if v is not None and v < 0
    ]
    pos_room = max(pos_widths, default=0.0) + GAP + 2 if pos_widths else 0.0
    if has_missing and not pos_widths:
        pos_room = text_width(no_data_text) + GAP + 2
    neg_room = max(neg_widths) + GAP + 2 if neg_widths else 0.0

    label_column = width * LABEL_COLUMN_SHARE
    labels = [truncate(bar.label, label_column, bold=bar.key == highlight) for bar, _, _ in rows]
    label_width = max(
        text_width(label, bold=bar.key == highlight)
        for label, (bar, _, _) in zip(labels, rows, strict=True)
    )
    label_right = min(label_width, label_column) + 2
    plot_left = label_right + 12 + neg_room
    lo, hi = min([0.0, *values]), max([0.0, *values])
    if lo == hi:
        hi = 1.0
    # The outermost tick label is centred on the end of the axis: leave room for half of it.
    edge = max(text_width(number_format(lo)), text_width(number_format(hi))) / 2
    plot_right = width - max(pos_room, edge) - 4

    ticks, tick_labels = (
        _ticks(lo, hi, plot_right - plot_left, number_format, 1.0 if counts else None)
        if values
        else ([], [])
    )
    xscale = LinearScale((lo, hi), (plot_left, plot_right))
    zero = xscale(0.0)

    top = 2 * LINE_HEIGHT + 6
    gap_index = omitted[0] if omitted is not None and 0 < omitted[0] < len(rows) else None
    bottom = top + ROW * (len(rows) + (gap_index is not None))
    bottom_axis = len(rows) > 12
    height = bottom + (LINE_HEIGHT + 8 if bottom_axis else 6)

    axis: list[str] = []
    for tick, label in zip(ticks, tick_labels, strict=True):
        x = xscale(tick)
        if tick != 0:
            axis.append(
                el(
                    "line",
                    {
                        "class": "kl-grid",
                        "x1": x,
                        "x2": x,
                        "y1": top - 4,
                        "y2": bottom,
                        "stroke": "currentColor",
                        "stroke-opacity": palette.GRID_OPACITY,
                    },
                )
            )
        anchor = {"text-anchor": "middle"}
        axis.append(text_el("text", {"x": x, "y": LINE_HEIGHT + FONT - 4, **anchor}, label))
        if bottom_axis:
            axis.append(text_el("text", {"x": x, "y": bottom + FONT + 4, **anchor}, label))

    body_rows: list[str] = []
    for index, ((bar, value, href), label) in enumerate(zip(rows, labels, strict=True)):
        y = top + (index + (gap_index is not None and index >= gap_index)) * ROW
        middle = y + ROW / 2
        highlighted = highlight is not None and bar.key == highlight
        shown = with_unit(texts[index], unit) if value is not None else no_data_text
        summary = f"{bar.label}: {shown}"
        children = [title_el(summary)]
        if highlighted:
            children.append(
                el(
                    "rect",
                    {
                        "class": "kl-highlight-band",
                        "x": 0.0,
                        "y": y,
                        "width": width,
                        "height": ROW,
                        "fill": palette.HIGHLIGHT,
                        "fill-opacity": "0.12",
                    },
                )
            )
        if href is not None:
            # A full-row target: easier to hit, and page CSS can style it on hover and focus.
            children.append(
                el(
                    "rect",
                    {
                        "class": "kl-hit",
                        "x": 0.0,
                        "y": y,
                        "width": width,
                        "height": ROW,
                        "fill": "#FFFFFF",
                        "fill-opacity": "0",
                    },
                )
            )
        children.append(
            text_el(
                "text",
                {
                    "class": "kl-label",
                    "x": label_right,
                    "y": middle,
                    "dy": "0.35em",
                    "text-anchor": "end",
                    "font-weight": "bold" if highlighted else None,
                },
                label,
            )
        )
        if value is None:
            children.append(
                text_el(
                    "text",
                    {
                        "class": "kl-no-data",
                        "x": zero + GAP,
                        "y": middle,
                        "dy": "0.35em",
                        "font-style": "italic",
                    },
                    no_data_text,
                )
            )
        else:
            x_value = xscale(value)
            children.append(
                el(
                    "rect",
                    {
                        "class": "kl-bar",
                        "x": min(x_value, zero),
                        "y": y + (ROW - BAR_HEIGHT) / 2,
                        "width": abs(x_value - zero),
                        "height": BAR_HEIGHT,
                        "fill": palette.HIGHLIGHT if highlighted else palette.BAR,
                    },
                    title_el(summary),
                )
            )
            negative = value < 0
            children.append(
                text_el(
                    "text",
                    {
                        "class": "kl-value",
                        "x": x_value - GAP if negative else x_value + GAP,
                        "y": middle,
                        "dy": "0.35em",
                        "text-anchor": "end" if negative else "start",
                        "font-weight": "bold" if highlighted else None,
                    },
                    texts[index],
                )
            )
        row_class = "kl-row kl-highlight" if highlighted else "kl-row"
        if href is not None:
            body_rows.append(
                el("a", {"class": row_class, "href": href, "data-key": bar.key}, *children)
            )
        else:
            body_rows.append(el("g", {"class": row_class, "data-key": bar.key}, *children))

    if gap_index is not None and omitted is not None:
        body_rows.insert(
            gap_index,
            text_el(
                "text",
                {
                    "class": "kl-omitted",
                    "x": width / 2,
                    "y": top + gap_index * ROW + ROW / 2,
                    "dy": "0.35em",
                    "text-anchor": "middle",
                    "font-style": "italic",
                },
                truncate(omitted[1], width),
            ),
        )

    zero_line = el(
        "line",
        {
            "class": "kl-zero",
            "x1": zero,
            "x2": zero,
            "y1": top - 4,
            "y2": bottom,
            "stroke": "currentColor",
            "stroke-width": 1.5,
            "aria-hidden": "true",
        },
    )
    any_link = any(href is not None for _, _, href in rows)
    body = [
        unit_label(unit, x=max(0.0, min(plot_left, width - text_width(unit)))),
        el("g", {"class": "kl-axis kl-axis-x", "aria-hidden": "true"}, *axis),
        el("g", {"class": "kl-bars"}, *body_rows),
        zero_line,
    ]
    return document(
        prefix=prefix,
        kind="bar",
        title_text=title,
        description=description,
        width=width,
        height=height,
        body=[part for part in body if part],
        role="group" if any_link else "img",
    )
