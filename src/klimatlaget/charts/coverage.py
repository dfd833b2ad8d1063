"""Gap coverage: per sector a horizontal bar of stacked parts (decided, proposed, uncovered)
against a mark at the sector's gap (pure Python, no Django).

Each sector takes two lines: its name, then its bar below it, so long names need no label
column and the chart reads the same at every width. The x axis runs from 0 to the largest gap
or bar; a sector without a gap has no mark and no uncovered part.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import palette
from .common import (
    FONT,
    LINE_HEIGHT,
    WIDTH,
    LegendItem,
    Plot,
    Swatch,
    box_swatch,
    chart_id,
    document,
    empty_chart,
    finite,
    legend,
    truncate,
    x_axis,
    x_tick_budget,
)
from .format import NumberFormat, format_number_sv, tick_format, value_format
from .scales import LinearScale, step_decimals, ticks_within
from .svg import el, text_el
from .svg import title as title_el

BAR_HEIGHT = 18.0
ROW = LINE_HEIGHT + BAR_HEIGHT + 12
DECIDED = palette.BAR
PROPOSED = "#88CCEE"
UNCOVERED = palette.HIGHLIGHT


@dataclass(frozen=True)
class CoverageBar:
    """One sector: the decided and proposed reductions, what is left of the gap (``uncovered``)
    and the gap itself (None: no gap to mark), all in the same unit."""

    key: str
    label: str
    decided: float
    proposed: float
    uncovered: float
    gap: float | None


@dataclass(frozen=True)
class CoverageLabels:
    """The words of the legend and tooltips."""

    decided: str
    proposed: str
    uncovered: str
    gap: str


def _uncovered_swatch(x: float, cy: float) -> str:
    return el("rect", _uncovered_attrs(x + 1, cy - 6, 16.0, 12.0))


def _uncovered_attrs(x: float, y: float, width: float, height: float) -> dict[str, object]:
    return {
        "class": "kl-uncovered",
        "x": x,
        "y": y,
        "width": width,
        "height": height,
        "fill": UNCOVERED,
        "fill-opacity": "0.15",
        "stroke": UNCOVERED,
        "stroke-width": 2.0,
        "stroke-dasharray": "4 3",
    }


def _gap_swatch(x: float, cy: float) -> str:
    return el(
        "line",
        {"x1": x + 9, "x2": x + 9, "y1": cy - 9, "y2": cy + 9, "stroke": "currentColor"},
    )


def _usable(bar: CoverageBar) -> bool:
    parts = (bar.decided, bar.proposed, bar.uncovered)
    return all(finite(v) and v >= 0 for v in parts) and (bar.gap is None or finite(bar.gap))


def coverage_chart(
    bars: Sequence[CoverageBar],
    *,
    title: str,
    description: str,
    unit: str,
    labels: CoverageLabels,
    empty_message: str,
    number_format: NumberFormat = format_number_sv,
    id_prefix: str | None = None,
    width: float = WIDTH,
) -> str:
    """The sectors as one ``<svg>``; each part has a tooltip, each row ``data-key``."""
    bars = [bar for bar in bars if _usable(bar)]
    payload = "|".join(
        f"{b.key}:{b.label}:{b.decided}:{b.proposed}:{b.uncovered}:{b.gap}" for b in bars
    )
    prefix = chart_id("coverage", title, payload, id_prefix, width)
    ends = [b.decided + b.proposed + b.uncovered for b in bars] + [
        b.gap for b in bars if b.gap is not None and b.gap > 0
    ]
    if not bars or max(ends, default=0.0) <= 0:
        return empty_chart(
            prefix=prefix,
            kind="coverage",
            title_text=title,
            description=description,
            message=empty_message,
            width=width,
        )
    show = value_format(number_format)
    swatches: list[tuple[Swatch, str]] = [
        (box_swatch(DECIDED), labels.decided),
        (box_swatch(PROPOSED), labels.proposed),
        (_uncovered_swatch, labels.uncovered),
        (_gap_swatch, labels.gap),
    ]
    legend_svg, legend_height = legend(
        [LegendItem(swatch, label) for swatch, label in swatches], top=0.0, width=width
    )
    left, right = 10.0, width - 8
    xscale = LinearScale((0.0, max(ends)), (left, right))
    top = legend_height + 8
    rows = []
    for index, bar in enumerate(bars):
        y = top + index * ROW
        bar_y = y + LINE_HEIGHT + 2
        rows.append(_row(bar, xscale, y, bar_y, right - left, labels, show, unit))
    bottom = top + len(bars) * ROW
    ticks = ticks_within(0.0, max(ends), x_tick_budget(right - left, "10 000"))
    plot = Plot(left=left, top=top, right=right, bottom=bottom)
    axis = x_axis(plot, xscale, ticks, tick_format(number_format, step_decimals(ticks)))
    unit_text = text_el(
        "text",
        {"class": "kl-unit", "x": right, "y": bottom + 9 + 2 * FONT, "text-anchor": "end"},
        unit,
    )
    return document(
        prefix=prefix,
        kind="coverage",
        title_text=title,
        description=description,
        width=width,
        height=bottom + 12 + 2 * FONT,
        body=[legend_svg, el("g", {"class": "kl-rows"}, *rows), axis, unit_text],
    )


def _row(
    bar: CoverageBar,
    xscale: LinearScale,
    y: float,
    bar_y: float,
    room: float,
    labels: CoverageLabels,
    show: NumberFormat,
    unit: str,
) -> str:
    label = truncate(bar.label, room)
    parts = [text_el("text", {"class": "kl-label", "x": xscale(0.0), "y": y + FONT}, label)]
    x = 0.0
    for kind, value, fill, label in (
        ("decided", bar.decided, DECIDED, labels.decided),
        ("proposed", bar.proposed, PROPOSED, labels.proposed),
    ):
        if value > 0:
            parts.append(
                el(
                    "rect",
                    {
                        "class": f"kl-part kl-{kind}",
                        "x": xscale(x),
                        "y": bar_y,
                        "width": max(xscale(x + value) - xscale(x), 1.0),
                        "height": BAR_HEIGHT,
                        "fill": fill,
                    },
                    title_el(f"{bar.label}, {label}: {show(value)} {unit}"),
                )
            )
            x += value
    if bar.uncovered > 0:
        attrs = _uncovered_attrs(
            xscale(x) + 1,
            bar_y + 1,
            max(xscale(x + bar.uncovered) - xscale(x) - 2, 1.0),
            BAR_HEIGHT - 2,
        )
        attrs["class"] = "kl-part kl-uncovered"
        tooltip = f"{bar.label}, {labels.uncovered}: {show(bar.uncovered)} {unit}"
        parts.append(el("rect", attrs, title_el(tooltip)))
    if bar.gap is not None and bar.gap > 0:
        gx = xscale(bar.gap)
        parts.append(
            el(
                "line",
                {
                    "class": "kl-gap",
                    "x1": gx,
                    "x2": gx,
                    "y1": bar_y - 4,
                    "y2": bar_y + BAR_HEIGHT + 4,
                    "stroke": "currentColor",
                    "stroke-width": 2.0,
                },
                title_el(f"{bar.label}, {labels.gap}: {show(bar.gap)} {unit}"),
            )
        )
    return el("g", {"class": "kl-row", "data-key": bar.key}, *parts)
