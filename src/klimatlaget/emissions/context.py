"""The context of an organisation page: its rank among its peers on the main figures, its county
and Sweden beside it, and similar municipalities (the same county and size class).

The ranks, groups and spreads are derived once per data version and parameters
(:class:`~klimatlaget.dataversion.cache.DerivedCache`), so a page only picks its rows and formats
a few numbers. See docs/METHOD.md#context-ranks-and-similar-municipalities.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.contrib.humanize.templatetags.humanize import ordinal
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from klimatlaget.calc import MetricParameters
from klimatlaget.calc.ranking import ranks_lowest_first, size_class
from klimatlaget.dataversion.cache import DerivedCache
from klimatlaget.emissions.comparison import SIZE_LABELS
from klimatlaget.emissions.formatting import number, percent
from klimatlaget.emissions.metrics import metrics_rows
from klimatlaget.organisations.models import NATION_CODE, OrganisationKind

Row = dict[str, Any]
MUNICIPALITY, COUNTY, NATION = (
    OrganisationKind.MUNICIPALITY,
    OrganisationKind.COUNTY,
    OrganisationKind.NATION,
)


@dataclass(frozen=True)
class Measure:
    """A main figure; lower is better for each, so rank 1 is the lowest value."""

    key: str
    label: Promise
    #: "tonnes" per inhabitant, a signed "change" in per cent, or a "cut" shown as a fall.
    style: str
    decimals: int
    rank_text: Promise

    def text(self, value: float | None) -> str:
        if value is None:
            return "–"
        if self.style == "tonnes":
            return f"{number(value, self.decimals)} t"
        if self.style == "cut":
            cut = round(value, self.decimals)
            return percent(-cut if cut else 0.0, self.decimals)
        return percent(value, self.decimals)


LOWEST = gettext_lazy("%(rank)s lowest of %(count)s")
SMALLEST = gettext_lazy("%(rank)s smallest of %(count)s")
MEASURES = (
    Measure(
        "last_emissions_per_capita_t", gettext_lazy("Emissions per inhabitant"), "tonnes", 2, LOWEST
    ),
    Measure("change_since_1990_pct", gettext_lazy("Change since 1990"), "change", 1, LOWEST),
    Measure(
        "gap_share_pct",
        gettext_lazy("Gap to the Carbon Law, share of its budget"),
        "change",
        0,
        LOWEST,
    ),
    Measure(
        "remaining_budget_rate_pct", gettext_lazy("Needed reduction per year"), "cut", 1, SMALLEST
    ),
)


@dataclass(frozen=True)
class _Index:
    rows: dict[str, Row]
    #: (kind, measure key) → code → rank among the organisations of that kind.
    ranks: dict[tuple[str, str], dict[str, int]]
    #: (county code, size class) → the municipalities in it, largest first.
    peers: dict[tuple[str, str | None], list[str]]
    #: measure key → (median, lowest, highest) among the municipalities.
    spreads: dict[str, tuple[float, float, float] | None]


_cache: DerivedCache[MetricParameters, _Index] = DerivedCache(size=16)


def _index(params: MetricParameters) -> _Index:
    return _cache.get(params, lambda: _build_index(params))


def _build_index(params: MetricParameters) -> _Index:
    rows = {row["code"]: row for row in metrics_rows(params, {MUNICIPALITY, COUNTY, NATION})}
    by_kind: dict[str, list[Row]] = defaultdict(list)
    for row in rows.values():
        by_kind[row["kind"]].append(row)
    ranks: dict[tuple[str, str], dict[str, int]] = {
        (kind, m.key): ranks_lowest_first({r["code"]: r[m.key] for r in by_kind[kind]})
        for kind in (MUNICIPALITY, COUNTY)
        for m in MEASURES
    }
    peers: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    for row in sorted(by_kind[MUNICIPALITY], key=lambda r: (-(r["population"] or 0), r["name"])):
        peers[(row["code"][:2], size_class(row["population"]))].append(row["code"])
    spreads = {m.key: _spread([r[m.key] for r in by_kind[MUNICIPALITY]]) for m in MEASURES}
    return _Index(rows, ranks, dict(peers), spreads)


def _spread(values: list[float | None]) -> tuple[float, float, float] | None:
    present = [v for v in values if v is not None]
    if not present:
        return None
    return statistics.median(present), min(present), max(present)


@dataclass(frozen=True)
class Column:
    label: str
    url: str = ""


@dataclass(frozen=True)
class Line:
    label: str
    cells: list[str]


@dataclass(frozen=True)
class Similar:
    code: str
    name: str
    population: str
    values: list[str]
    is_self: bool


@dataclass(frozen=True)
class Context:
    columns: list[Column]
    lines: list[Line]
    #: For a municipality: itself and the others of its county and size class; else empty.
    similar: list[Similar]
    size: str = ""
    size_label: str = ""


def organisation_context(code: str, params: MetricParameters) -> Context | None:
    """The context of a municipality, a county or Sweden; None for other organisations."""
    index = _index(params)
    row = index.rows.get(code)
    if row is None:
        return None
    if row["kind"] == NATION:
        return _nation(index, row)
    if row["kind"] == COUNTY:
        return _county(index, row)
    return _municipality(index, row)


def _municipality(index: _Index, row: Row) -> Context:
    county = index.rows.get(row["code"][:2])
    nation = index.rows.get(NATION_CODE)
    columns = [Column(row["name"]), Column(_("Rank among municipalities"))]
    columns += [_link(other) for other in (county, nation) if other is not None]
    lines = [
        Line(
            str(m.label),
            [
                m.text(row[m.key]),
                _rank(index, MUNICIPALITY, m, row["code"]),
                *(m.text(other[m.key]) for other in (county, nation) if other is not None),
            ],
        )
        for m in MEASURES
    ]
    size = size_class(row["population"])
    return Context(
        columns,
        lines,
        _similar(index, row, size),
        size or "",
        str(SIZE_LABELS[size]) if size else "",
    )


def _county(index: _Index, row: Row) -> Context:
    nation = index.rows.get(NATION_CODE)
    columns = [Column(row["name"]), Column(_("Rank among counties"))]
    columns += [_link(nation)] if nation else []
    lines = [
        Line(
            str(m.label),
            [
                m.text(row[m.key]),
                _rank(index, COUNTY, m, row["code"]),
                *([m.text(nation[m.key])] if nation else []),
            ],
        )
        for m in MEASURES
    ]
    return Context(columns, lines, [])


def _nation(index: _Index, row: Row) -> Context:
    """Sweden has no rank: beside it, the median municipality and the range of all."""
    columns = [
        Column(row["name"]),
        Column(_("Median municipality")),
        Column(_("Lowest and highest municipality")),
    ]
    lines = []
    for m in MEASURES:
        spread = index.spreads[m.key]
        median, low, high = spread if spread else (None, None, None)
        lines.append(
            Line(
                str(m.label),
                [m.text(row[m.key]), m.text(median), f"{m.text(low)} … {m.text(high)}"],
            )
        )
    return Context(columns, lines, [])


def _link(row: Row) -> Column:
    return Column(row["name"], reverse("organisation", kwargs={"code": row["code"]}))


def _rank(index: _Index, kind: str, measure: Measure, code: str) -> str:
    ranks = index.ranks[(kind, measure.key)]
    rank = ranks.get(code)
    if rank is None:
        return "–"
    return str(measure.rank_text) % {"rank": ordinal(rank), "count": number(len(ranks))}


def _similar(index: _Index, row: Row, size: str | None) -> list[Similar]:
    codes = index.peers.get((row["code"][:2], size), []) if size else []
    if len(codes) < 2:
        return []
    return [
        Similar(
            code,
            index.rows[code]["name"],
            number(index.rows[code]["population"]),
            [m.text(index.rows[code][m.key]) for m in MEASURES],
            code == row["code"],
        )
        for code in codes
    ]
