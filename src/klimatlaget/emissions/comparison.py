"""The comparison table: all municipalities (or counties), filtered, sorted, and charted."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from klimatlaget.calc import MetricParameters
from klimatlaget.charts import Bar, bar_chart, number_formatter, responsive
from klimatlaget.emissions.metrics import EXPORT_COLUMNS, metrics_rows
from klimatlaget.organisations.models import OrganisationKind


@dataclass(frozen=True)
class Column:
    key: str
    label: Promise
    numeric: bool = True
    decimals: int = 0
    chartable: bool = True


COLUMNS = [
    Column("name", gettext_lazy("Name"), numeric=False, chartable=False),
    Column("county", gettext_lazy("County"), numeric=False, chartable=False),
    Column("population", gettext_lazy("Population")),
    Column("last_emissions_t", gettext_lazy("Emissions, latest year (t)")),
    Column("last_emissions_per_capita_t", gettext_lazy("Per inhabitant (t)"), decimals=2),
    Column("change_since_1990_pct", gettext_lazy("Change since 1990 (%)"), decimals=1),
    Column(
        "avg_yearly_change_since_2015_pct", gettext_lazy("Yearly change since 2015 (%)"), decimals=1
    ),
    Column("trend_slope_t_per_yr", gettext_lazy("Trend (t/yr)")),
    Column("gap_share_pct", gettext_lazy("Gap to Carbon Law (%)")),
    Column("trend_zero_date", gettext_lazy("Trend reaches zero"), numeric=False, chartable=False),
]
COLUMN_KEYS = {c.key for c in COLUMNS}
CSV_COLUMNS = EXPORT_COLUMNS

SIZE_CLASSES: dict[str, tuple[Promise, int, int | None]] = {
    "small": (gettext_lazy("Under 15,000 inhabitants"), 0, 15_000),
    "medium": (gettext_lazy("15,000–50,000"), 15_000, 50_000),
    "large": (gettext_lazy("50,000–200,000"), 50_000, 200_000),
    "city": (gettext_lazy("Over 200,000"), 200_000, None),
}
KINDS: dict[str, Promise] = {
    OrganisationKind.MUNICIPALITY: gettext_lazy("Municipalities"),
    OrganisationKind.COUNTY: gettext_lazy("Counties"),
}


@dataclass
class ComparisonTable:
    kind: str
    county: str
    size: str
    metric: Column
    sort: str
    descending: bool
    rows: list[dict[str, Any]]
    counties: list[tuple[str, str]] = field(default_factory=list)
    columns: list[Column] = field(default_factory=lambda: COLUMNS)
    size_classes: dict[str, tuple[Promise, int, int | None]] = field(
        default_factory=lambda: SIZE_CLASSES
    )
    kinds: dict[str, Promise] = field(default_factory=lambda: KINDS)


def _choice(query: Mapping[str, str], key: str, allowed: set[str], default: str) -> str:
    value = query.get(key, default)
    return value if value in allowed else default


def build(query: Mapping[str, str], params: MetricParameters) -> ComparisonTable:
    kind = _choice(query, "kind", set(KINDS), OrganisationKind.MUNICIPALITY)
    all_rows = metrics_rows(params, {kind})
    counties = sorted({(r["code"][:2], r["county"]) for r in all_rows if r["county"]})
    county = _choice(query, "county", {c for c, _name in counties}, "")
    size = _choice(query, "size", set(SIZE_CLASSES), "")
    metric_key = _choice(
        query, "metric", {c.key for c in COLUMNS if c.chartable}, "last_emissions_per_capita_t"
    )
    sort = _choice(query, "sort", COLUMN_KEYS, metric_key)
    descending = query.get("dir", "desc" if sort != "name" else "asc") == "desc"
    rows = [r for r in all_rows if _keep(r, county, size)]
    rows.sort(key=lambda r: _sort_key(r, sort, descending))
    metric = next(c for c in COLUMNS if c.key == metric_key)
    return ComparisonTable(kind, county, size, metric, sort, descending, rows, counties)


def _keep(row: dict[str, Any], county: str, size: str) -> bool:
    if county and row["code"][:2] != county:
        return False
    if size:
        _label, low, high = SIZE_CLASSES[size]
        population = row["population"]
        if population is None or population < low or (high is not None and population >= high):
            return False
    return True


def _sort_key(row: dict[str, Any], key: str, descending: bool) -> tuple[bool, Any]:
    """Missing values always sort last, whichever the direction."""
    value = row.get(key)
    if value is None:
        return (True, 0)
    if isinstance(value, str):
        value = value.casefold()
    if descending:
        return (False, _Reversed(value))
    return (False, value)


class _Reversed:
    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __lt__(self, other: "_Reversed") -> bool:
        return bool(other.value < self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Reversed) and self.value == other.value

    __hash__ = None  # type: ignore[assignment]


SHOWN_AT_EACH_END = 10
"""A long chart shows this many organisations at the top and at the bottom, unless all are asked
for: 290 bars would make it some 9,000 px tall, and every value is in the table anyway."""


def is_shortened(table: ComparisonTable, show_all: bool) -> bool:
    """Whether the chart leaves out the middle of the ranking."""
    return not show_all and len(table.rows) > 2 * SHOWN_AT_EACH_END + 5


def chart(table: ComparisonTable, show_all: bool = False) -> SafeString:
    """The chosen metric for every organisation shown, largest first; or, when there are many and
    ``show_all`` is false, the largest and smallest ``SHOWN_AT_EACH_END`` with a row saying how
    many are left out (those without a value are left out too)."""
    key = table.metric.key
    ranked = sorted(table.rows, key=lambda r: _sort_key(r, key, True))
    omitted = None
    description = _("%(metric)s for each of the %(count)s organisations shown, largest first.") % {
        "metric": table.metric.label,
        "count": len(ranked),
    }
    if is_shortened(table, show_all):
        with_values = [row for row in ranked if row.get(key) is not None]
        ranked = with_values[:SHOWN_AT_EACH_END] + with_values[-SHOWN_AT_EACH_END:]
        left_out = len(table.rows) - len(ranked)
        omitted = (SHOWN_AT_EACH_END, _("… %(count)s more in the table …") % {"count": left_out})
        description = _(
            "%(metric)s: the %(shown)s largest and the %(shown)s smallest of the %(count)s "
            "organisations shown."
        ) % {"metric": table.metric.label, "shown": SHOWN_AT_EACH_END, "count": len(table.rows)}
    bars = [Bar(row["code"], row["name"], row.get(key), f"/o/{row['code']}/") for row in ranked]
    svg = responsive(
        bar_chart,
        bars,
        title=str(table.metric.label),
        description=description,
        unit="",
        number_format=number_formatter(get_language() or "sv", table.metric.decimals),
        highlight=None,
        omitted=omitted,
    )
    return mark_safe(svg)  # noqa: S308 - the chart package escapes every text it writes
