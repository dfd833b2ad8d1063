"""Colour-blind-safe colours.

``CATEGORICAL`` is for lines, bars and other thin marks: the darker Okabe–Ito colours followed by
darker colours from Paul Tol's "muted" scheme, every one with at least 3:1 contrast against white
(WCAG 1.4.11). ``AREA`` is Tol's "muted" scheme (designed to stay distinct for colour-blind readers)
ordered so that dark and light colours alternate, which keeps adjacent stacked bands apart; bands
are also separated by white strokes and labelled by a legend and tooltips, and the page shows the
numbers as a table, so the light fills do not carry information on their own.
"""

from __future__ import annotations

from collections.abc import Sequence

CATEGORICAL: tuple[str, ...] = (
    "#0072B2",  # Okabe–Ito blue, 5.2:1
    "#D55E00",  # Okabe–Ito vermillion, 3.9:1
    "#009E73",  # Okabe–Ito bluish green, 3.4:1
    "#CC79A7",  # Okabe–Ito reddish purple, 3.1:1
    "#332288",  # Tol indigo, 12.2:1
    "#999933",  # Tol olive, 3.0:1
    "#882255",  # Tol wine, 8.7:1
    "#555555",  # dark grey, 7.5:1
)

AREA: tuple[str, ...] = (
    "#332288",  # indigo
    "#88CCEE",  # cyan
    "#117733",  # green
    "#DDCC77",  # sand
    "#882255",  # wine
    "#44AA99",  # teal
    "#CC6677",  # rose
    "#999933",  # olive
    "#AA4499",  # purple
    "#DDDDDD",  # pale grey
)

BAR = "#0072B2"
HIGHLIGHT = "#D55E00"
GRID_OPACITY = "0.18"


def relative_luminance(color: str) -> float:
    """WCAG relative luminance of a ``#rrggbb`` colour."""
    value = color.lstrip("#")
    if len(value) == 3:
        value = "".join(ch * 2 for ch in value)
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str = "#FFFFFF") -> float:
    """WCAG contrast ratio between two ``#rrggbb`` colours (1 to 21)."""
    la, lb = relative_luminance(a), relative_luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def pick(palette: Sequence[str], index: int) -> str:
    """The ``index``-th colour, cycling when there are more series than colours."""
    return palette[index % len(palette)]
