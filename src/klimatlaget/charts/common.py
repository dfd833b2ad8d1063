"""Layout shared by all charts: sizes, text measurement, ids, the ``<svg>`` frame, axes, legends.

Sizes are in CSS pixels. A chart is laid out for one ``width`` and drawn at exactly that size (it
only shrinks, keeping its proportions, in a container narrower than that), so its text is ``FONT``
px whatever the page width. :func:`responsive` lays a chart out at each of ``WIDTHS`` for the page
CSS to show the widest one that fits its container.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeGuard

from .format import NumberFormat, tick_format
from .palette import GRID_OPACITY
from .scales import LinearScale, step_decimals
from .svg import SVG_NS, el, num, text_el, title

WIDTHS = (340.0, 560.0, 800.0)
"""The widths :func:`responsive` lays charts out at: a phone (a 390 px screen less the page's
margins), a tablet or narrow column, and a desktop."""
WIDTH = 560.0
"""The width a chart is laid out for unless told otherwise (one of ``WIDTHS``)."""
FONT = 14.0
LINE_HEIGHT = FONT * 1.35
TICK_GAP = 8.0

_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,80}$")

# Advance widths in em, roughly those of DejaVu Sans (the widest common sans-serif), so estimates
# err on the wide side for the usual UI fonts: that only costs some white space, while
# under-estimating would make labels collide or be clipped.
_WIDTHS: dict[str, float] = {
    **dict.fromkeys("0123456789", 0.64),
    **dict.fromkeys(" \u00a0\u202f.,", 0.32),
    **dict.fromkeys("ijlI'|!:;", 0.34),
    **dict.fromkeys("ftJ-()[]{}/", 0.4),
    **dict.fromkeys("r", 0.42),
    **dict.fromkeys("sczkvxy", 0.6),
    **dict.fromkeys("abdeghnopqu", 0.64),
    **dict.fromkeys("w", 0.82),
    **dict.fromkeys("m", 0.98),
    **dict.fromkeys("LTYFPS", 0.64),
    **dict.fromkeys("ABEKRXZ", 0.7),
    **dict.fromkeys("CDGHNOQUV", 0.79),
    **dict.fromkeys("M", 0.87),
    **dict.fromkeys("W", 1.0),
    **dict.fromkeys("−—…%@&", 1.0),
    **dict.fromkeys("–", 0.5),
}


def _char_width(ch: str) -> float:
    if ch in _WIDTHS:
        return _WIDTHS[ch]
    base = unicodedata.normalize("NFD", ch)[:1]
    if base in _WIDTHS:
        return _WIDTHS[base]
    return 0.72 if ch.isupper() else 0.66


def text_width(text: str, size: float = FONT, *, bold: bool = False) -> float:
    """Estimated rendered width of ``text`` in viewBox units."""
    return sum(_char_width(ch) for ch in text) * size * (1.1 if bold else 1.0)


def truncate(text: str, max_width: float, size: float = FONT, *, bold: bool = False) -> str:
    """``text`` shortened with an ellipsis so its estimated width is at most ``max_width``."""
    if text_width(text, size, bold=bold) <= max_width:
        return text
    ellipsis = "…"
    while text and text_width(text + ellipsis, size, bold=bold) > max_width:
        text = text[:-1]
    return text.rstrip() + ellipsis


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:24].strip("-")


def chart_id(
    kind: str, title_text: str, payload: str, id_prefix: str | None, width: float = WIDTH
) -> str:
    """The id prefix for a chart: the caller's (validated), or one derived deterministically from
    the chart kind, title and data, so two different charts on one page get different ids. A
    chart laid out for another width than ``WIDTH`` gets the width appended (``…-w340``), so the
    layouts :func:`responsive` puts side by side do not share ids.

    Also checks the title and width: a chart without an accessible name is a programming error.
    """
    if not finite(width) or width < 200:
        raise ValueError(f"width must be at least 200 px, got {width!r}")
    suffix = "" if width == WIDTH else f"-w{round(width)}"
    return _base_id(kind, title_text, payload, id_prefix) + suffix


def _base_id(kind: str, title_text: str, payload: str, id_prefix: str | None) -> str:
    if not title_text.strip():
        raise ValueError("a chart needs a non-empty title (its accessible name)")
    if id_prefix is not None:
        if not _ID.match(id_prefix):
            raise ValueError(
                f"id_prefix {id_prefix!r} must start with a letter and contain only letters, "
                "digits, '-' and '_'"
            )
        return id_prefix
    digest = hashlib.sha256(f"{kind}\x00{title_text}\x00{payload}".encode()).hexdigest()[:8]
    slug = _slug(title_text)
    return f"chart-{slug}-{digest}" if slug else f"chart-{digest}"


def document(
    *,
    prefix: str,
    kind: str,
    title_text: str,
    description: str,
    width: float,
    height: float,
    body: Sequence[str],
    role: str = "img",
) -> str:
    """The outer ``<svg>``: its size in px (page CSS may only shrink it, keeping its
    proportions), labelled by its ``<title>`` and ``<desc>``."""
    title_id = f"{prefix}-title"
    desc_id = f"{prefix}-desc"
    labelled_by = f"{title_id} {desc_id}" if description else title_id
    head = [text_el("title", {"id": title_id}, title_text)]
    if description:
        head.append(text_el("desc", {"id": desc_id}, description))
    root = el(
        "svg",
        {
            "xmlns": SVG_NS,
            "id": prefix,
            "class": f"kl-chart kl-chart-{kind} kl-w-{round(width)}",
            "viewBox": f"0 0 {num(width)} {num(height)}",
            "width": width,
            "height": height,
            "preserveAspectRatio": "xMidYMid meet",
            "role": role,
            "aria-labelledby": labelled_by,
            "font-family": "inherit",
            "font-size": FONT,
            "fill": "currentColor",
        },
        "\n",
        "\n".join([*head, *body]),
        "\n",
    )
    return root + "\n"


def empty_chart(
    *, prefix: str, kind: str, title_text: str, description: str, message: str, width: float
) -> str:
    """A small, valid chart that only says there is nothing to show."""
    height = 3 * LINE_HEIGHT
    body = [
        text_el(
            "text",
            {
                "class": "kl-no-data",
                "x": width / 2,
                "y": height / 2,
                "dy": "0.35em",
                "text-anchor": "middle",
                "font-style": "italic",
            },
            message,
        )
    ]
    return document(
        prefix=prefix,
        kind=kind,
        title_text=title_text,
        description=description,
        width=width,
        height=height,
        body=body,
    )


def fmt_x(value: float) -> str:
    """A year or other x value for labels: integers without separators (2023, not 2 023)."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".").replace("-", "\u2212")


def with_unit(text: str, unit: str) -> str:
    return f"{text}\u00a0{unit}" if unit else text


def finite(value: object) -> TypeGuard[float]:
    """True for real numbers that can be plotted (not None, NaN or infinity, not bool)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


# --- legends -----------------------------------------------------------------------------------

Swatch = Callable[[float, float], str]
"""Draws a legend key whose left edge is at x and whose vertical centre is at y."""


@dataclass(frozen=True)
class LegendItem:
    swatch: Swatch
    label: str
    swatch_width: float = 18.0


def legend(
    items: Sequence[LegendItem], *, top: float, width: float, left: float = 0.0
) -> tuple[str, float]:
    """Lay legend items out in rows that wrap at the chart ``width``; returns (svg, height used)."""
    if not items:
        return "", 0.0
    row_height = LINE_HEIGHT + 4
    max_right = width
    x, row = left, 0
    parts: list[str] = []
    for item in items:
        label_room = max_right - left - item.swatch_width - 6
        label = truncate(item.label, label_room)
        item_width = item.swatch_width + 6 + text_width(label)
        if x > left and x + item_width > max_right:
            x, row = left, row + 1
        cy = top + row * row_height + row_height / 2
        parts.append(
            el(
                "g",
                {"class": "kl-legend-item"},
                item.swatch(x, cy),
                text_el("text", {"x": x + item.swatch_width + 6, "y": cy, "dy": "0.35em"}, label),
            )
        )
        x += item_width + 20
    return el("g", {"class": "kl-legend"}, *parts), (row + 1) * row_height


def box_swatch(fill: str) -> Swatch:
    def draw(x: float, cy: float) -> str:
        return el(
            "rect",
            {"x": x, "y": cy - 7, "width": 18.0, "height": 14.0, "fill": fill},
        )

    return draw


# --- cartesian axes ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plot:
    """The plotting rectangle in viewBox units."""

    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top


def y_tick_labels(ticks: Sequence[float], number_format: NumberFormat) -> list[str]:
    fmt = tick_format(number_format, step_decimals(list(ticks)))
    return [fmt(t) for t in ticks]


def y_axis(plot: Plot, yscale: LinearScale, ticks: Sequence[float], labels: Sequence[str]) -> str:
    """Horizontal grid lines with labels on the left; the zero line is drawn stronger."""
    parts = []
    for tick, label in zip(ticks, labels, strict=True):
        y = yscale(tick)
        is_zero = tick == 0
        parts.append(
            el(
                "line",
                {
                    "class": "kl-zero" if is_zero else "kl-grid",
                    "x1": plot.left,
                    "x2": plot.right,
                    "y1": y,
                    "y2": y,
                    "stroke": "currentColor",
                    "stroke-opacity": None if is_zero else GRID_OPACITY,
                    "stroke-width": 1.5 if is_zero else 1.0,
                },
            )
        )
        parts.append(
            text_el(
                "text",
                {"x": plot.left - TICK_GAP, "y": y, "dy": "0.35em", "text-anchor": "end"},
                label,
            )
        )
    return el("g", {"class": "kl-axis kl-axis-y", "aria-hidden": "true"}, *parts)


def x_axis(
    plot: Plot,
    xscale: LinearScale,
    ticks: Sequence[float],
    fmt: Callable[[float], str] | None = None,
) -> str:
    """Ticks below the plot, labelled as years unless ``fmt`` says otherwise."""
    fmt = fmt or fmt_x
    parts = []
    for tick in ticks:
        x = xscale(tick)
        parts.append(
            el(
                "line",
                {
                    "x1": x,
                    "x2": x,
                    "y1": plot.bottom,
                    "y2": plot.bottom + 5,
                    "stroke": "currentColor",
                },
            )
        )
        parts.append(
            text_el(
                "text",
                {"x": x, "y": plot.bottom + 7 + FONT, "text-anchor": "middle"},
                fmt(tick),
            )
        )
    return el("g", {"class": "kl-axis kl-axis-x", "aria-hidden": "true"}, *parts)


def unit_label(unit: str, *, x: float = 0.0, y: float = FONT) -> str:
    if not unit:
        return ""
    return text_el("text", {"class": "kl-unit", "x": x, "y": y}, unit)


def point_title(label: str, x: float, value_text: str) -> str:
    return title(f"{label}, {fmt_x(x)}: {value_text}")


def x_tick_budget(plot_width: float, sample: str = "2020") -> int:
    """How many x tick labels fit without crowding."""
    return max(2, math.floor(plot_width / (text_width(sample) + 24)))


def y_tick_budget(plot_height: float) -> int:
    return max(3, math.floor(plot_height / (FONT * 2.4)) + 1)


def plot_height(width: float) -> float:
    """The height of a line or area chart's plot: half its width, within 200–300 px."""
    return min(300.0, max(200.0, width / 2))


def responsive(chart: Callable[..., str], /, *args: object, **kwargs: object) -> str:
    """``chart(*args, **kwargs)`` laid out at each of ``WIDTHS``, side by side in a
    ``<div class="kl-chart-sizes">``; page CSS shows the widest that fits its container::

        figure.chart { container-type: inline-size; }
        .kl-chart-sizes > svg:not(.kl-w-340) { display: none; }
        @container (min-width: 560px) { … show .kl-w-560 instead … }

    Without that CSS all layouts show, one below the other.
    """
    layouts = [chart(*args, **kwargs, width=width) for width in WIDTHS]
    return '<div class="kl-chart-sizes">\n' + "".join(layouts) + "</div>\n"
