"""A plan's funding by year: capital expenditure split by funding status (the funding gap is
what is applied for or not decided) and by funding source, as two charts, two tables and one
CSV."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from klimatlaget.calc import investments as calc
from klimatlaget.charts import Series, number_formatter, responsive, stacked_column_chart
from klimatlaget.exports.columns import Column
from klimatlaget.investments.choices import FundingSource, FundingStatus
from klimatlaget.investments.figures import PlanFigures

#: Decided at the bottom in a dark colour, what is still open on top in light ones.
STATUS_COLORS = {
    FundingStatus.DECIDED: "#332288",
    FundingStatus.APPLIED_FOR: "#DDCC77",
    FundingStatus.NOT_DECIDED: "#CC6677",
}

COLUMNS = [
    Column.year("year"),
    Column("breakdown"),
    Column("key"),
    Column("label"),
    Column.integer("capex_sek", gettext_lazy("capital expenditure (SEK)")),
]


@dataclass(frozen=True)
class Breakdown:
    """Capex by year split one way: the series (in stacking order) and year → key → SEK."""

    name: str
    series: list[Series]
    by_year: dict[int, dict[str, float]]

    @property
    def rows(self) -> list[dict[str, Any]]:
        """One row a year: the amount of every series (0 where none) and the year's total."""
        return [
            {
                "year": year,
                "cells": [amounts.get(s.key, 0.0) for s in self.series],
                "total": sum(amounts.values()),
            }
            for year, amounts in self.by_year.items()
        ]

    @property
    def totals(self) -> list[float]:
        return [sum(a.get(s.key, 0.0) for a in self.by_year.values()) for s in self.series]


def _split(
    lines: list[calc.Line], key: Callable[[calc.Line], str], choices: Any
) -> tuple[list[Series], dict[int, dict[str, float]]]:
    by_year = calc.capex_by_year_and(lines, key)
    used = {k for amounts in by_year.values() for k in amounts}
    series = [
        Series(value, str(label), STATUS_COLORS.get(value))
        for value, label in choices
        if value in used
    ]
    return series, by_year


def breakdowns(figures: PlanFigures) -> list[Breakdown]:
    """The plan's capex by year and funding status, and by year and funding source."""
    lines = figures.calc_lines
    status = _split(lines, lambda line: line.funding_status, FundingStatus.choices)
    source = _split(lines, lambda line: line.funding_source, FundingSource.choices)
    return [Breakdown("funding_status", *status), Breakdown("funding_source", *source)]


def _chart(breakdown: Breakdown, code: str, title: str) -> SafeString:
    svg = responsive(
        stacked_column_chart,
        breakdown.by_year,
        breakdown.series,
        title=title,
        description=_("Capital expenditure by year, in million SEK."),
        unit=_("million SEK"),
        scale=1e6,
        number_format=number_formatter(get_language() or "sv", decimals=1),
        id_prefix=f"funding-{breakdown.name.replace('_', '-')}-{code}",
        no_data_text=_("The plan has no capital expenditure."),
    )
    return mark_safe(svg)  # noqa: S308 - the chart package escapes every text it writes


def section(figures: PlanFigures, code: str) -> dict[str, Any]:
    """What the plan page's funding section shows."""
    status, source = breakdowns(figures)
    return {
        "status": status,
        "source": source,
        "status_chart": _chart(status, code, _("Investment by year and funding status")),
        "source_chart": _chart(source, code, _("Investment by year and funding source")),
        "gap": figures.totals.funding_gap,
    }


def table_rows(figures: PlanFigures) -> list[dict[str, Any]]:
    """The CSV: a row a year and kind of funding, by status first, then by source."""
    return [
        {
            "year": year,
            "breakdown": breakdown.name,
            "key": series.key,
            "label": series.label,
            "capex_sek": round(amounts[series.key]),
        }
        for breakdown in breakdowns(figures)
        for year, amounts in breakdown.by_year.items()
        for series in breakdown.series
        if series.key in amounts
    ]
