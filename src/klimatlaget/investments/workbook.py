"""A plan as the workbook a finance department reads: a summary (the plan's header, the headline
figures and the capital expenditure by actor, sector, funding source and funding status, with a
chart by actor), the lines, the years (capex, opex, savings, net cost and funding by year with a
chart stacked by funding status, and the lines × years matrix) and the NetZeroCities cost
summary. Every cell is written through :mod:`klimatlaget.exports.workbook`; numbers are numbers
and totals are values, so the workbook reads the same wherever it is opened."""

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.worksheet.worksheet import Worksheet

from klimatlaget.calc import investment_tables as tables
from klimatlaget.exports.columns import Column, number_format
from klimatlaget.exports.columns import Kind as K
from klimatlaget.exports.workbook import (
    BOLD,
    append_row,
    save,
    set_up_printing,
    sheet_name,
    write_table,
)
from klimatlaget.investments import netzerocities
from klimatlaget.investments.choices import Actor, FundingSource, FundingStatus
from klimatlaget.investments.figures import COLUMNS, PlanFigures, calc_line, table_rows
from klimatlaget.measures.choices import SECTORS

SEK = number_format(K.INTEGER)
TONNES = number_format(K.DECIMAL, 1)
PERCENT = number_format(K.PERCENT, 1)
YEAR = number_format(K.YEAR)
LABEL_WIDTH, VALUE_WIDTH = 44, 18

#: Headings of the Lines sheet (the CSV's columns, with headings a reader understands).
LINE_HEADINGS = {
    "plan": gettext_lazy("Plan"),
    "year": gettext_lazy("Year"),
    "version_number": gettext_lazy("Version"),
    "line_id": gettext_lazy("Line"),
    "title": gettext_lazy("Title"),
    "measure": gettext_lazy("Measure"),
    "system_shift": gettext_lazy("System shift"),
    "actor": gettext_lazy("Investing actor"),
    "sector": gettext_lazy("Sector"),
    "funding_source": gettext_lazy("Funding source"),
    "funding_status": gettext_lazy("Funding status"),
    "capex_by_year": gettext_lazy("Capital expenditure by year (SEK)"),
    "opex_by_year": gettext_lazy("Operating cost by year (SEK)"),
    "savings_by_year": gettext_lazy("Savings by year (SEK)"),
    "lifetime_years": gettext_lazy("Economic lifetime (years)"),
    "reduction_t": gettext_lazy("Expected reduction (t CO₂e a year)"),
    "effect_year": gettext_lazy("Effect year"),
    "annual_cost_sek": gettext_lazy("Annual cost (SEK)"),
    "sek_per_t": gettext_lazy("SEK/t"),
    "sek_per_t_with_co_benefits": gettext_lazy("SEK/t with co-benefits"),
    "not_applicable": gettext_lazy("Why no abatement cost"),
    "co_benefits_sek": gettext_lazy("Valued co-benefits (SEK a year)"),
    "co_benefits_named": gettext_lazy("Other co-benefits"),
    "beneficiary": gettext_lazy("Who benefits"),
    "payer": gettext_lazy("Who pays"),
    "reduction_reason": gettext_lazy("Reason for the line's own reduction"),
}
LINE_COLUMNS = [replace(c, label=LINE_HEADINGS.get(c.key, c.label)) for c in COLUMNS]


def file_stem(figures: PlanFigures) -> str:
    """The name of the plan's downloads without a suffix."""
    plan = figures.plan
    return f"{plan.organisation.code}-investment-plan-{plan.year}-v{plan.version_number}"


def plan_xlsx(figures: PlanFigures) -> bytes:
    """The plan's finance workbook (headings in the active language)."""
    book = Workbook()
    taken: set[str] = set()
    summary = book.active
    assert summary is not None
    summary.title = sheet_name(_("Summary"), taken)
    _summary(summary, figures)
    lines = book.create_sheet(sheet_name(_("Lines"), taken))
    write_table(lines, table_rows(figures, figures.lines), LINE_COLUMNS)
    _by_year(book.create_sheet(sheet_name(_("By year"), taken)), figures)
    _netzerocities(book.create_sheet(sheet_name("NetZeroCities", taken)), figures)
    return save(book)


# Summary --------------------------------------------------------------------------------------


def _facts(sheet: Worksheet, facts: Sequence[tuple[str, Any, str | None]]) -> None:
    for label, value, shown_as in facts:
        append_row(sheet, [label, value], formats=[None, shown_as])


def _summary(sheet: Worksheet, figures: PlanFigures) -> None:
    plan, totals, cost = figures.plan, figures.totals, figures.plan_cost
    organisation = plan.organisation
    append_row(sheet, [str(plan)], BOLD)
    append_row(sheet, [None])
    _facts(
        sheet,
        [
            (_("Organisation"), organisation.name, None),
            (_("Organisation code"), organisation.code, None),
            (_("Year"), plan.year, YEAR),
            (_("Version"), plan.version_number, YEAR),
            (_("Status"), plan.get_status_display(), None),
            (_("Adopted on"), plan.adopted_on, "yyyy-mm-dd"),
            (_("Horizon"), f"{plan.horizon_from}–{plan.horizon_to}", None),
            (_("Scope"), plan.get_scope_display(), None),
            (_("Real discount rate"), plan.discount_rate, PERCENT),
        ],
    )
    append_row(sheet, [None])
    append_row(sheet, [_("Headline figures")], BOLD)
    _facts(
        sheet,
        [
            (_("Total capital expenditure (SEK)"), totals.capex, SEK),
            (_("The municipality's own investment (SEK)"), totals.own, SEK),
            (_("Own share"), totals.own_share, PERCENT),
            (_("Funding not decided (SEK)"), totals.funding_gap, SEK),
            (_("Expected reduction (t CO₂e a year)"), figures.reduction_t, TONNES),
            (_("Abatement cost of the plan (SEK/t)"), cost.per_tonne, SEK),
            (_("With the valued co-benefits (SEK/t)"), cost.per_tonne_with_co_benefits, SEK),
        ],
    )
    actors = _breakdown(sheet, _("Investing actor"), totals.by_actor, dict(Actor.choices))
    _breakdown(sheet, _("Sector"), totals.by_sector, dict(SECTORS))
    _breakdown(sheet, _("Funding source"), totals.by_funding_source, dict(FundingSource.choices))
    _breakdown(sheet, _("Funding status"), totals.by_funding_status, dict(FundingStatus.choices))
    sheet.column_dimensions["A"].width = LABEL_WIDTH
    sheet.column_dimensions["B"].width = VALUE_WIDTH
    if actors is not None:
        first, last = actors
        chart = _bar_chart(_("Investment by actor"), _("SEK"))
        chart.type = "bar"
        chart.legend = None
        chart.add_data(Reference(sheet, min_col=2, min_row=first, max_row=last))
        chart.set_categories(Reference(sheet, min_col=1, min_row=first, max_row=last))
        sheet.add_chart(chart, f"D{first - 1}")
    set_up_printing(sheet, title_rows=0, landscape=True)


def _breakdown(
    sheet: Worksheet, heading: str, sums: Mapping[str, float], labels: Mapping[str, Any]
) -> tuple[int, int] | None:
    """A table of capex by one kind (each value by its label); the rows its figures are on."""
    append_row(sheet, [None])
    append_row(sheet, [heading, _("Investment (SEK)")], BOLD)
    first = sheet.max_row + 1
    for key, sek in sums.items():
        append_row(sheet, [str(labels.get(key, key or "–")), sek], formats=[None, SEK])
    return (first, sheet.max_row) if sums else None


def _bar_chart(title: str, unit: str) -> BarChart:
    chart = BarChart()
    chart.title = title
    chart.y_axis.title = unit
    chart.height, chart.width = 8, 16
    return chart


# By year --------------------------------------------------------------------------------------


def _year_columns() -> list[Column]:
    statuses = dict(FundingStatus.choices)
    return [
        Column.year("year", _("Year")),
        Column.integer("capex", _("Capital expenditure (SEK)")),
        Column.integer("opex", _("Operating cost (SEK)")),
        Column.integer("savings", _("Savings (SEK)")),
        Column.integer("net", _("Net cost (SEK)")),
        Column.integer("funding_gap", _("Funding not decided (SEK)")),
        *(Column.integer(status, statuses[status]) for status in tables.FUNDING_STATUSES),
    ]


def year_rows(figures: PlanFigures) -> list[dict[str, Any]]:
    """Per year of the plan: capex, opex, savings, net cost (capex + opex − savings), the
    capex whose funding is not decided, and the capex by funding status."""
    totals = figures.totals
    by_status = tables.capex_by_status(calc_line(line) for line in figures.lines)
    none = dict.fromkeys(tables.FUNDING_STATUSES, 0.0)
    return [
        {
            "year": year,
            "capex": sums.capex,
            "opex": sums.opex,
            "savings": sums.savings,
            "net": sums.capex + sums.opex - sums.savings,
            "funding_gap": totals.funding_gap_by_year.get(year, 0.0),
            **by_status.get(year, none),
        }
        for year, sums in totals.by_year.items()
    ]


def _by_year(sheet: Worksheet, figures: PlanFigures) -> None:
    rows = year_rows(figures)
    columns = _year_columns()
    write_table(sheet, rows, columns, title_rows=0)  # the matrix below has its own heading
    sheet.freeze_panes = None
    if rows:
        first_status = len(columns) - len(tables.FUNDING_STATUSES) + 1
        chart = _bar_chart(_("Capital expenditure by year and funding status"), _("SEK"))
        chart.grouping, chart.overlap = "stacked", 100
        data = Reference(
            sheet, min_col=first_status, max_col=len(columns), min_row=1, max_row=len(rows) + 1
        )
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=len(rows) + 1))
        sheet.add_chart(chart, f"A{len(rows) + 4}")
        _matrix(sheet, figures, len(rows) + 22)
    set_up_printing(sheet, title_rows=0, landscape=True)


def _matrix(sheet: Worksheet, figures: PlanFigures, start_row: int) -> None:
    """The lines × years capital expenditure from ``start_row``, totals as values."""
    matrix = tables.capex_matrix([calc_line(line) for line in figures.lines])
    while sheet.max_row < start_row - 1:
        append_row(sheet, [None])
    append_row(sheet, [_("Capital expenditure by line and year (SEK)")], BOLD)
    years = [None] + [YEAR] * len(matrix.years)
    append_row(sheet, [_("Line"), *matrix.years, _("Total")], BOLD, years)
    formats = [None] + [SEK] * (len(matrix.years) + 1)
    for row in matrix.rows:
        append_row(sheet, [row.title, *row.by_year.values(), row.total], formats=formats)
    column_totals = list(matrix.column_totals.values())
    append_row(sheet, [_("Total"), *column_totals, matrix.total], BOLD, formats)
    widest = max((len(row.title) for row in matrix.rows), default=0) + 2
    width = sheet.column_dimensions["A"].width or 0
    sheet.column_dimensions["A"].width = min(max(width, widest), 50)


# NetZeroCities --------------------------------------------------------------------------------


def _netzerocities(sheet: Worksheet, figures: PlanFigures) -> None:
    rows = netzerocities.rows(figures)
    write_table(sheet, rows, netzerocities.COLUMNS)
    impact = sum(row["impact_t_co2e_per_year"] or 0.0 for row in rows)
    cost = sum(row["total_cost_sek"] for row in rows)
    blank = [None] * 4
    append_row(sheet, [None, _("Total"), *blank, impact, cost], BOLD, [None] * 6 + [TONNES, SEK])
