"""Marginal abatement cost curve: bars of varying width side by side (pure Python, no Django).

Each bar is one measure or investment: its width its annual reduction (x, t CO₂e a year), its
height its cost per tonne (y, may be negative), the bars placed one after the other, cheapest
first. Both axes start from the data: x from 0 to the total reduction, y over 0 and every bar.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import palette
from .common import (
    FONT,
    TICK_GAP,
    WIDTH,
    Plot,
    chart_id,
    document,
    empty_chart,
    finite,
    plot_height,
    text_width,
    unit_label,
    x_axis,
    x_tick_budget,
    y_axis,
    y_tick_budget,
    y_tick_labels,
)
from .format import NumberFormat, format_number_sv, tick_format, value_format
from .scales import LinearScale, nice_ticks, step_decimals, ticks_within
from .svg import el, safe_href, text_el
from .svg import title as title_el


@dataclass(frozen=True)
class CostBar:
    """One bar from ``x0`` to ``x1`` (t CO₂e a year) at ``height`` (SEK per t)."""

    key: str
    label: str
    x0: float
    x1: float
    height: float
    href: str | None = None


def cost_curve_chart(
    bars: Sequence[CostBar],
    *,
    title: str,
    description: str,
    x_unit: str,
    y_unit: str,
    empty_message: str,
    number_format: NumberFormat = format_number_sv,
    id_prefix: str | None = None,
    width: float = WIDTH,
) -> str:
    """The cost curve as one ``<svg>``; each bar has a tooltip and ``data-key``."""
    bars = [b for b in bars if finite(b.x0) and finite(b.x1) and finite(b.height) and b.x1 > b.x0]
    payload = "|".join(f"{b.key}:{b.x0}:{b.x1}:{b.height}" for b in bars)
    prefix = chart_id("cost-curve", title, payload, id_prefix)
    if not bars:
        return empty_chart(
            prefix=prefix,
            kind="cost-curve",
            title_text=title,
            description=description,
            message=empty_message,
            width=width,
        )
    height = plot_height(width)
    lo = min(0.0, *(b.height for b in bars))
    hi = max(0.0, *(b.height for b in bars))
    y_ticks = nice_ticks(lo, hi, y_tick_budget(height))
    y_labels = y_tick_labels(y_ticks, number_format)
    left = max(text_width(label) for label in y_labels) + TICK_GAP + 4
    top = FONT * 2
    plot = Plot(left=left, top=top, right=width - 8, bottom=top + height)
    yscale = LinearScale((y_ticks[0], y_ticks[-1]), (plot.bottom, plot.top))
    x_end = max(b.x1 for b in bars)
    xscale = LinearScale((0.0, x_end), (plot.left, plot.right))
    x_ticks = ticks_within(0.0, x_end, x_tick_budget(plot.width, "10 000"))
    x_format = tick_format(number_format, step_decimals(x_ticks))
    show = value_format(number_format)
    parts = [unit_label(y_unit), y_axis(plot, yscale, y_ticks, y_labels)]
    parts.append(x_axis(plot, xscale, x_ticks, x_format))
    parts.append(
        text_el(
            "text",
            {
                "class": "kl-unit",
                "x": plot.right,
                "y": plot.bottom + 9 + 2 * FONT,
                "text-anchor": "end",
            },
            x_unit,
        )
    )
    zero = yscale(0.0)
    rects = []
    for index, bar in enumerate(bars):
        y = yscale(bar.height)
        tooltip = f"{bar.label}: {show(bar.height)} {y_unit}, {show(bar.x1 - bar.x0)} {x_unit}"
        rect = el(
            "rect",
            {
                "class": "kl-bar",
                "data-key": bar.key,
                "x": xscale(bar.x0),
                "y": min(y, zero),
                "width": max(xscale(bar.x1) - xscale(bar.x0) - 1, 1.0),
                "height": max(abs(zero - y), 1.0),
                "fill": palette.pick(palette.CATEGORICAL, index),
                "stroke": "#FFFFFF",
            },
            title_el(tooltip),
        )
        href = safe_href(bar.href)
        rects.append(el("a", {"href": href}, rect) if href else rect)
    parts.append(el("g", {"class": "kl-bars"}, *rects))
    return document(
        prefix=prefix,
        kind="cost-curve",
        title_text=title,
        description=description,
        width=width,
        height=plot.bottom + 12 + 2 * FONT,
        body=parts,
    )
