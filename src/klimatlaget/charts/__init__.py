"""Server-rendered, accessible SVG charts as strings (pure Python, no Django).

Each chart function returns one complete ``<svg>`` element as ``str``, laid out for a ``width`` in
CSS px and drawn at that size, so its text stays ``FONT`` px (readable, and not growing with the
page). :func:`responsive` renders a chart at a phone, a tablet and a desktop width for the page to
show the one that fits. All text, ids and links in it are escaped (unsafe links are dropped), so a
template may mark it safe::

    from klimatlaget.charts import Bar, bar_chart, number_formatter, responsive

    svg = responsive(bar_chart, bars, title=..., description=..., unit="t CO₂e per invånare",
                     number_format=number_formatter(get_language(), decimals=1))
    # template: <figure class="chart">{{ svg|safe }}<figcaption>…</figcaption></figure>
    # plus the data table

A chart uses no ``style`` attributes (so a strict Content-Security-Policy is fine), inherits the
page's font and takes its text colour from ``currentColor``. Suggested page CSS::

    figure.chart { container-type: inline-size; }
    .kl-chart { display: block; max-width: 100%; height: auto; }
    .kl-chart-sizes > .kl-chart:not(.kl-w-340) { display: none; }
    @container (min-width: 560px) { … show .kl-w-560 and hide the others … }
    @container (min-width: 800px) { … show .kl-w-800 and hide the others … }
    .kl-chart a:hover .kl-label { text-decoration: underline; }
    .kl-chart a:focus { outline: none; }
    .kl-chart a:focus-visible .kl-hit { fill-opacity: 0; stroke: currentColor; stroke-width: 2; }
    .kl-chart a:hover .kl-hit { fill: currentColor; fill-opacity: 0.06; }
    .kl-chart .kl-point:hover { fill-opacity: 1; }
"""

from .area import stacked_area_chart
from .bar import Bar, bar_chart
from .columns import Series, stacked_column_chart
from .common import FONT, WIDTH, WIDTHS, responsive
from .cost_curve import CostBar, cost_curve_chart
from .coverage import CoverageBar, CoverageLabels, coverage_chart
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
    "FONT",
    "WIDTH",
    "WIDTHS",
    "Band",
    "Bar",
    "CostBar",
    "CoverageBar",
    "CoverageLabels",
    "Line",
    "LinearScale",
    "Marker",
    "NumberFormat",
    "NumberFormatter",
    "Series",
    "bar_chart",
    "cost_curve_chart",
    "coverage_chart",
    "format_number_en",
    "format_number_sv",
    "line_chart",
    "nice_ticks",
    "number_formatter",
    "responsive",
    "stacked_area_chart",
    "stacked_column_chart",
    "ticks_within",
]
