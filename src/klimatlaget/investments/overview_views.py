"""The members' investment plans side by side, for an association (or programme), a county or
the nation (public, as each plan is; the association's members as its public page lists them,
no personal data): a chart of the investment per inhabitant, the table sorted by any column with
the totals and medians, and its CSV."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from klimatlaget.accounts.resolvers import association_or_404, region_or_404
from klimatlaget.charts import Bar, bar_chart, number_formatter, responsive
from klimatlaget.exports.responses import csv_response
from klimatlaget.exports.tabular import CsvDialect
from klimatlaget.investments.choices import InvestmentPlanStatus
from klimatlaget.organisations.models import Organisation

from .coverage import covered_shares
from .overview import InvestmentOverview, MemberPlan, investment_overview

#: The sortable columns: the key of the query's ``sort`` and the member's value to sort by.
SORTS: dict[str, Callable[[MemberPlan], Any]] = {
    "name": lambda m: m.organisation.name.casefold(),
    "plan": lambda m: (m.plan.year, m.plan.version_number) if m.plan else None,
    "capex": lambda m: m.value("capex"),
    "per_inhabitant": lambda m: m.value("per_inhabitant"),
    "own_share": lambda m: m.value("own_share"),
    "financed_share": lambda m: m.value("financed_share"),
    "funding_gap": lambda m: m.value("funding_gap"),
    "reduction_t": lambda m: m.value("reduction_t"),
    "per_tonne": lambda m: m.value("per_tonne"),
    "per_tonne_with_co_benefits": lambda m: m.value("per_tonne_with_co_benefits"),
    "gap_covered": lambda m: m.gap_covered,
}
DEFAULT_SORT = "per_inhabitant"  # the largest investment per inhabitant first
#: A chart of more members shows the top and the bottom only (unless all are asked for).
SHOWN_AT_EACH_END = 10
#: The years the navigation offers around the current year (plans are made ahead).
YEARS_BACK, YEARS_AHEAD = 5, 1
MILLION = 1_000_000


@dataclass
class OverviewTable:
    """The rows shown, and how: what ``sort_query`` and the template read."""

    sort: str
    descending: bool
    rows: list[MemberPlan]


def _table(overview: InvestmentOverview, query: QueryDict) -> OverviewTable:
    sort = query.get("sort", DEFAULT_SORT)
    sort = sort if sort in SORTS else DEFAULT_SORT
    descending = query.get("dir", "asc" if sort == "name" else "desc") == "desc"
    value = SORTS[sort]
    known = [m for m in overview.members if value(m) is not None]
    missing = [m for m in overview.members if value(m) is None]  # last, whichever the direction
    known.sort(key=lambda m: (value(m), m.organisation.name.casefold()), reverse=descending)
    return OverviewTable(sort, descending, known + missing)


def _member_url(member: MemberPlan) -> str:
    """The member's plan, or its list of plans when it has none."""
    code = member.organisation.code
    if member.plan is None:
        return reverse("investment-plans", args=[code])
    return reverse("investment-plan", args=[code, member.plan.pk])


def _chart(overview: InvestmentOverview, show_all: bool) -> tuple[SafeString | None, bool]:
    """Each plan's investment per inhabitant, largest first; (chart, shortened)."""
    ranked = sorted(
        (m for m in overview.members if m.value("per_inhabitant") is not None),
        key=lambda m: (-m.value("per_inhabitant"), m.organisation.name.casefold()),
    )
    if not ranked:
        return None, False
    shortened = not show_all and len(ranked) > 2 * SHOWN_AT_EACH_END + 5
    omitted = None
    if shortened:
        left_out = len(ranked) - 2 * SHOWN_AT_EACH_END
        ranked = ranked[:SHOWN_AT_EACH_END] + ranked[-SHOWN_AT_EACH_END:]
        omitted = (SHOWN_AT_EACH_END, _("… %(count)s more in the table …") % {"count": left_out})
    bars = [
        Bar(m.organisation.code, m.organisation.name, m.value("per_inhabitant"), _member_url(m))
        for m in ranked
    ]
    svg = responsive(
        bar_chart,
        bars,
        title=_("Climate investment per inhabitant %(year)s, %(name)s")
        % {"year": overview.year, "name": overview.group.name},
        description=_(
            "Each member's planned capital expenditure divided by its inhabitants, largest "
            "first; members without a plan or a population are left out."
        ),
        unit=_("SEK"),
        number_format=number_formatter(get_language() or "sv", 0),
        no_data_text=_("no data"),
        omitted=omitted,
        id_prefix="investment-overview",
    )
    return mark_safe(svg), shortened  # noqa: S308 - the chart package escapes every text it writes


def _columns(overview: InvestmentOverview) -> list[tuple[str, str, bool]]:
    """(sort key, heading, numeric) of each column."""
    columns = [
        ("name", _("Member"), False),
        ("plan", _("Plan"), False),
        ("capex", _("Investment (MSEK)"), True),
        ("per_inhabitant", _("Per inhabitant (SEK)"), True),
        ("own_share", _("Own share (%)"), True),
        ("financed_share", _("Financed (%)"), True),
        ("funding_gap", _("Funding gap (MSEK)"), True),
        ("reduction_t", _("Reduction (t CO₂e a year)"), True),
        ("per_tonne", _("SEK per tonne"), True),
        ("per_tonne_with_co_benefits", _("SEK per tonne with co-benefits"), True),
    ]
    if overview.with_gap_covered:
        columns.append(("gap_covered", _("Gap covered (%)"), True))
    return columns


class _Formats:
    """The numbers of the table, formatted here: a template filter per cell is the larger part
    of the time a page of 290 members takes."""

    def __init__(self) -> None:
        language = get_language() or "sv"
        self.whole, self.one_decimal = number_formatter(language, 0), number_formatter(language, 1)

    def sek(self, value: float | None) -> str:
        return "–" if value is None else self.whole(value)

    def millions(self, value: float | None) -> str:
        return "–" if value is None else self.one_decimal(value / MILLION)

    def share(self, value: float | None) -> str:
        return "–" if value is None else self.one_decimal(value * 100)

    def tonnes(self, value: float | None) -> str:
        return "–" if value is None else self.whole(value)


def _cells(figures: Any, formats: _Formats) -> dict[str, str]:
    """The numeric cells of a member's plan or of the summary."""
    return {
        "capex": formats.millions(figures.capex),
        "per_inhabitant": formats.sek(figures.per_inhabitant),
        "own_share": formats.share(figures.own_share),
        "financed_share": formats.share(figures.financed_share),
        "funding_gap": formats.millions(figures.funding_gap),
        "reduction_t": formats.tonnes(figures.reduction_t),
        "per_tonne": formats.sek(figures.per_tonne),
        "per_tonne_with_co_benefits": formats.sek(figures.per_tonne_with_co_benefits),
    }


def _rows(overview: InvestmentOverview, members: list[MemberPlan]) -> list[dict[str, Any]]:
    formats = _Formats()
    statuses = dict(InvestmentPlanStatus.choices)
    rows = []
    for m in members:
        row: dict[str, Any] = {
            "code": m.organisation.code,
            "name": m.organisation.name,
            "href": _member_url(m),
            "plan": m.plan,
        }
        if m.plan is not None and m.figures is not None:
            row |= _cells(m.figures, formats) | {
                "status": statuses.get(m.plan.status, m.plan.status),
                "earlier_plan": m.plan.year != overview.year,
                "earlier_population": m.population_year is not None
                and m.population_year != m.plan.year,
                "population_year": m.population_year,
                "no_population": m.figures.inhabitants is None,
                "gap_covered": formats.share(m.gap_covered),
            }
        rows.append(row)
    return rows


def _summary(overview: InvestmentOverview) -> dict[str, str]:
    """The last row's cells: sums and medians (of the gap covered too, when it is shown)."""
    formats = _Formats()
    return _cells(overview.summary, formats) | {
        "gap_covered": formats.share(overview.median_gap_covered)
    }


def _years(name: str, code: str, year: int) -> list[dict[str, Any]]:
    """Links to the year before and after within the years around the current one; from a year
    outside them, a link back towards them."""
    current = timezone.localdate().year
    first, last = current - YEARS_BACK, current + YEARS_AHEAD
    return [
        {"year": each, "url": reverse(name, args=[code, each]), "rel": rel}
        for each, rel in ((year - 1, "prev"), (year + 1, "next"))
        if (first <= each <= last)
        or (rel == "prev" and year > last)
        or (rel == "next" and year < first)
    ]


def _page(
    request: HttpRequest, group: Organisation, year: int, page_name: str, csv_name: str
) -> HttpResponse:
    overview = investment_overview(group, year, gap_covered=covered_shares)
    table = _table(overview, request.GET)
    show_all = request.GET.get("all") == "1"
    chart, shortened = _chart(overview, show_all)
    chart_query = request.GET.copy()
    chart_query.pop("all", None)
    summary = overview.summary
    charted = sum(1 for m in overview.members if m.value("per_inhabitant") is not None)
    context = {
        "group": group,
        "year": year,
        "overview": overview,
        "table": table,
        "rows": _rows(overview, table.rows),
        "summary": summary,
        "summary_cells": _summary(overview),
        "with_plan": len(overview.members) - overview.without_plan,
        "chart": chart,
        "chart_shortened": shortened,
        "charted": charted,
        "chart_showing_all": show_all and charted > 2 * SHOWN_AT_EACH_END + 5,
        "chart_query": chart_query.urlencode(),
        "years": _years(page_name, group.code, year),
        "csv_url": reverse(csv_name, args=[group.code, year]),
        "columns": _columns(overview),
        "query": request.GET.urlencode(),
    }
    return render(request, "investments/overview.html", context)


def _csv(request: HttpRequest, group: Organisation, year: int) -> HttpResponse:
    overview = investment_overview(group, year, gap_covered=covered_shares)
    rows = overview.export_rows(_table(overview, request.GET).rows)
    dialect = CsvDialect.EXCEL_SV if request.GET.get("dialect") == "excel-sv" else CsvDialect.PLAIN
    name = f"{group.code}-member-investment-plans-{year}"
    return csv_response(name, rows, overview.columns(), dialect)


def association_investments(request: HttpRequest, code: str, year: int) -> HttpResponse:
    group = association_or_404(code)
    return _page(request, group, year, "association-investments", "association-investments-csv")


def association_investments_csv(request: HttpRequest, code: str, year: int) -> HttpResponse:
    return _csv(request, association_or_404(code), year)


def region_investments(request: HttpRequest, code: str, year: int) -> HttpResponse:
    group = region_or_404(code)
    return _page(request, group, year, "region-investments", "region-investments-csv")


def region_investments_csv(request: HttpRequest, code: str, year: int) -> HttpResponse:
    return _csv(request, region_or_404(code), year)
