"""The home page's overview: Sweden's headline figures and the municipalities furthest ahead
and behind, taken from the cached metrics (:mod:`klimatlaget.emissions.metrics`)."""

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from klimatlaget.calc import MetricParameters
from klimatlaget.emissions.metrics import metrics_rows

Row = dict[str, Any]

#: The figures ranked on the home page, as (metric row key, label, unit); lower is better for
#: each: fewer tonnes per inhabitant, a deeper cut since 1990, a trend further below the
#: Carbon Law pathway.
RANKED: tuple[tuple[str, Promise, str], ...] = (
    ("last_emissions_per_capita_t", _("Emissions per inhabitant"), "t"),
    ("change_since_1990_pct", _("Change since 1990"), "%"),
    ("gap_share_pct", _("Gap between the trend and the Carbon Law"), "%"),
)


@dataclass(frozen=True)
class Ranked:
    code: str
    name: str
    value: float


@dataclass(frozen=True)
class Ranking:
    key: str
    label: Promise
    unit: str
    ahead: list[Ranked]  # best first
    behind: list[Ranked]  # worst first


@dataclass(frozen=True)
class Overview:
    sweden: Row | None
    rankings: list[Ranking]


def extremes(rows: list[Row], key: str, count: int = 5) -> tuple[list[Ranked], list[Ranked]]:
    """The ``count`` rows with the lowest ``key`` (lowest first) and with the highest (highest
    first); rows without a value are left out, ties go by name."""
    valued = [Ranked(r["code"], r["name"], r[key]) for r in rows if r.get(key) is not None]
    lowest = sorted(valued, key=lambda r: (r.value, r.name))
    highest = sorted(valued, key=lambda r: (-r.value, r.name))
    return lowest[:count], highest[:count]


def overview(params: MetricParameters, count: int = 5) -> Overview:
    rows = metrics_rows(params, kinds={"nation", "municipality"})
    municipalities = [r for r in rows if r["kind"] == "municipality"]
    sweden = next((r for r in rows if r["kind"] == "nation"), None)
    rankings = [
        Ranking(key, label, unit, *extremes(municipalities, key, count))
        for key, label, unit in RANKED
    ]
    return Overview(sweden, rankings)
