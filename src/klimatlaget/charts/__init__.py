"""Server-rendered, accessible, responsive SVG charts as strings (pure Python, no Django).

Each chart function returns one complete ``<svg>`` element as ``str``. All text, ids and links in
it are escaped (unsafe links are dropped), so a template may mark it safe::

    from klimatlaget.charts import Bar, bar_chart, number_formatter

    svg = bar_chart(bars, title=..., description=..., unit="t CO₂e per invånare",
                    number_format=number_formatter(get_language(), decimals=1))
    # template: <figure><figcaption>…</figcaption>{{ svg|safe }}</figure> plus the data table

The SVG has no width in pixels: it fills its container and keeps its aspect ratio. It uses no
``style`` attributes (so a strict Content-Security-Policy is fine), inherits the page's font and
takes its text colour from ``currentColor``. Suggested page CSS::

    .kl-chart { display: block; width: 100%; height: auto; max-width: 44rem; }
    .kl-chart a:hover .kl-label { text-decoration: underline; }
    .kl-chart a:focus { outline: none; }
    .kl-chart a:focus-visible .kl-hit { fill-opacity: 0; stroke: currentColor; stroke-width: 2; }
    .kl-chart a:hover .kl-hit { fill: currentColor; fill-opacity: 0.06; }
    .kl-chart .kl-point:hover { fill-opacity: 1; }
"""

from .area import stacked_area_chart
from .bar import Bar, bar_chart
from .format import (
    NumberFormat,
    NumberFormatter,
    format_number_en,
    format_number_sv,
    number_formatter,
)
from .line import Band, Line, Marker, line_chart
from .scales import LinearScale, nice_ticks, ticks_within

__all__ = [
    "Band",
    "Bar",
    "Line",
    "LinearScale",
    "Marker",
    "NumberFormat",
    "NumberFormatter",
    "bar_chart",
    "format_number_en",
    "format_number_sv",
    "line_chart",
    "nice_ticks",
    "number_formatter",
    "stacked_area_chart",
    "ticks_within",
]
