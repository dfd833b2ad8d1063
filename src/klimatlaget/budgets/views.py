"""The pages "Klimatbudget YEAR" of an organisation (public; settings for its editors) and the
nowcast's backtest (public), each with its CSV."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from klimatlaget.accounts.permissions import Permission, has_permission
from klimatlaget.accounts.resolvers import organisation_for, organisation_or_404
from klimatlaget.calc.nowcast_ranges import TOTAL
from klimatlaget.charts import Band, Bar, Line, bar_chart, line_chart, number_formatter, responsive
from klimatlaget.concurrency import StaleVersion, show_conflict
from klimatlaget.dataversion.cache import DerivedCache
from klimatlaget.emissions.dataset import load_dataset
from klimatlaget.emissions.figures import UNIT
from klimatlaget.emissions.parameters import from_request
from klimatlaget.emissions.sectors import sector_label
from klimatlaget.exports.responses import csv_response
from klimatlaget.exports.tabular import CsvDialect
from klimatlaget.measures.choices import SECTORS, MeasureStatus
from klimatlaget.web.pagecache import public_page

from . import backtest as backtest_table
from . import describe
from .dashboard import GAP_COLUMNS, WEDGE_COLUMNS, Dashboard, dashboard
from .forms import BudgetSettingsForm
from .lines import EXPORT_COLUMNS, BudgetLine
from .outcome import settings_for
from .report import BudgetReport, budget_report
from .services import update_settings


def _dialect(request: HttpRequest) -> CsvDialect:
    return CsvDialect.EXCEL_SV if request.GET.get("dialect") == "excel-sv" else CsvDialect.PLAIN


_MEASURE_SECTORS = dict(SECTORS)


def _name(sector: str) -> str:
    if sector == TOTAL:
        return _("Total")
    if sector in _MEASURE_SECTORS:  # also the organisation's own operations and consumption
        return str(_MEASURE_SECTORS[sector])
    return sector_label(sector)


def _chart(report: BudgetReport) -> SafeString | None:
    bars = []
    for line in report.years:
        if line.budget_t is None and line.outcome_t is None:
            continue
        name = _name(line.sector)
        bars.append(
            Bar(f"{line.sector}-budget", _("%(sector)s: budget") % {"sector": name}, line.budget_t)
        )
        label = (
            _("%(sector)s: estimate")
            if line.outcome_kind == "nowcast"
            else _("%(sector)s: outcome")
        )
        bars.append(Bar(f"{line.sector}-outcome", label % {"sector": name}, line.outcome_t))
    if not bars:
        return None
    svg = bar_chart(
        bars,
        title=_("Budget and outcome %(year)s, %(name)s")
        % {"year": report.year, "name": report.organisation.name},
        description=_("The budget and the outcome (or its estimate) of each sector and in total."),
        unit=UNIT,
        number_format=number_formatter(get_language() or "sv"),
        no_data_text=_("no data"),
    )
    return mark_safe(svg)  # noqa: S308 - the chart package escapes every text it writes


def _row(line: BudgetLine, board: Dashboard | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {
        "line": line,
        "name": _name(line.sector),
        "light": describe.light(line.light),
    }
    if board is not None:
        gap = board.gap_row(line.sector)
        row["forecast"] = gap
        row["forecast_light"] = describe.light(gap.light) if gap else None
    return row


#: The wedge chart and its formatted table by organisation name, language and numbers: drawing
#: three sizes of a chart with thirty years is the dearest part of the page, and the numbers
#: change only when the data, the settings or the measures do.
_wedge_views: DerivedCache[tuple[str, str, tuple[tuple[Any, ...], ...]], dict[str, Any]] = (
    DerivedCache(256)
)


def _wedge_view(board: Dashboard) -> dict[str, Any] | None:
    """The wedge chart (SVG) and its table's rows, formatted."""
    if not board.wedges:
        return None
    language = get_language() or "sv"
    numbers = tuple(
        (w.year, w.trend_t, w.target_t, w.decided_t, w.proposed_t) for w in board.wedges
    )
    name = board.report.organisation.name
    return _wedge_views.get((name, language, numbers), lambda: _draw_wedges(board, name, language))


def _draw_wedges(board: Dashboard, name: str, language: str) -> dict[str, Any]:
    """The trend, the target pathway and the wedges of decided and proposed measures below the
    trend, from the last data year on."""
    trend = {w.year: w.trend_t for w in board.wedges}
    decided = {w.year: w.after_decided_t for w in board.wedges}
    everything = {w.year: w.after_all_t for w in board.wedges}
    target = {w.year: w.target_t for w in board.wedges if w.target_t is not None}
    lines = [
        Line("trend", _("Trend"), trend, "dashed", None),
        Line("decided", _("Trend less decided measures"), decided, "solid", None),
        Line("proposed", _("… and less proposed measures"), everything, "dotted", None),
    ]
    if target:
        lines.append(Line("target", _("Target pathway"), target, "solid", None))
    number = number_formatter(language)
    svg = responsive(
        line_chart,
        lines,
        title=_("Expected reductions of measures, %(name)s") % {"name": name},
        description=_(
            "The trend from the last data year, the target pathway and, below the trend, the "
            "reductions expected from decided measures and then from proposed ones as they "
            "phase in."
        ),
        unit=UNIT,
        bands=[
            Band("decided", _("Decided measures"), decided, trend),
            Band("proposed", _("Proposed measures"), everything, decided),
        ],
        number_format=number,
        no_data_text=_("no data"),
    )

    def text(value: float | None) -> str:
        return "–" if value is None else number(value)

    rows = format_html_join(
        "\n",
        '<tr><th scope="row">{}</th><td class="num">{}</td><td class="num">{}</td>'
        '<td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>',
        (
            [
                w.year,
                *(text(v) for v in (w.trend_t, w.target_t, w.decided_t, w.proposed_t, w.gap_t)),
            ]
            for w in board.wedges
        ),
    )
    return {"chart": mark_safe(svg), "rows": rows}  # noqa: S308 - the charts escape all text


def _statuses(board: Dashboard) -> list[dict[str, Any]]:
    labels = dict(MeasureStatus.choices)
    return [
        {
            "status": s.status,
            "label": labels[s.status],
            "count": s.count,
            "reduction_t": s.reduction_t,
        }
        for s in board.statuses
    ]


# Not in the public page cache: the budget shows the measures' expected reductions, and measures
# are edited far more often than the data the cache's version follows.
def budget_page(request: HttpRequest, code: str, year: int) -> HttpResponse:
    organisation = organisation_or_404(code)
    page_params = from_request(request)
    report = budget_report(organisation, year, page_params.params)
    board = dashboard(report, page_params.params)
    outcome = report.outcome
    gap = board.gap
    context: dict[str, Any] = {
        "organisation": organisation,
        "year": year,
        "report": report,
        "board": board,
        "gap_rows": [
            {"row": row, "name": _name(row.sector), "light": describe.light(row.light)}
            for row in (gap.rows if gap else ())
        ],
        "gap_outside": [
            {"row": row, "name": _name(row.sector)} for row in (gap.outside if gap else ())
        ],
        "statuses": _statuses(board),
        "wedges": _wedge_view(board),
        "pathway_kind": describe.pathway_kind(outcome) if outcome else "",
        "problem": describe.problem(outcome) if outcome else None,
        "years": [_row(line, board) for line in report.years],
        "quarter_totals": [_row(line) for line in report.quarters if line.sector == TOTAL],
        "quarters": [_row(line) for line in report.quarters if line.sector != TOTAL],
        "methods": describe.methods(outcome) if outcome else [],
        "national_source": describe.national_source(outcome.national_source) if outcome else "",
        "chart": _chart(report),
        "can_edit": has_permission(request.user, Permission.CHANGE_ORGANISATION, organisation),
        "query": request.GET.urlencode(),
    }
    return render(request, "budgets/budget.html", context)


def budget_csv(request: HttpRequest, code: str, year: int) -> HttpResponse:
    organisation = organisation_or_404(code)
    report = budget_report(organisation, year, from_request(request).params)
    name = f"{organisation.code}-budget-{year}"
    return csv_response(name, report.export_rows(), EXPORT_COLUMNS, _dialect(request))


def _dashboard(request: HttpRequest, code: str, year: int) -> Dashboard:
    organisation = organisation_or_404(code)
    params = from_request(request).params
    return dashboard(budget_report(organisation, year, params), params)


def gap_csv(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """The gap table: each sector and the total, then sectors outside the total."""
    board = _dashboard(request, code, year)
    name = f"{board.report.organisation.code}-budget-{year}-gap"
    return csv_response(name, board.gap_rows(), GAP_COLUMNS, _dialect(request))


def wedges_csv(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """The numbers of the wedge chart, year by year."""
    board = _dashboard(request, code, year)
    name = f"{board.report.organisation.code}-budget-{year}-wedges"
    return csv_response(name, board.wedge_rows(), WEDGE_COLUMNS, _dialect(request))


@login_required
@require_http_methods(["GET", "POST"])
def budget_settings(request: HttpRequest, code: str, year: int) -> HttpResponse:
    organisation = organisation_for(request.user, Permission.CHANGE_ORGANISATION, code)
    settings = settings_for(organisation.pk, year)
    series = load_dataset().get(organisation.code)
    sectors = sorted(series.sectors) if series else []
    form = BudgetSettingsForm(request.POST or None, settings=settings, sectors=sectors)
    if request.method == "POST" and form.is_valid():
        try:
            update_settings(request.user, organisation, year, form.values())
        except StaleVersion as error:
            show_conflict(form, error)
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
        else:
            messages.success(request, _("Saved."))
            return redirect("organisation-budget", code=organisation.code, year=year)
    context = {"organisation": organisation, "year": year, "form": form}
    return render(request, "budgets/settings.html", context)


def _backtest_chart() -> SafeString:
    bars = []
    for score in backtest_table.scores():
        name = _name(score.sector)
        for key, label, value in (
            ("nowcast", _("nowcast"), score.nowcast_mape),
            ("unchanged", _("unchanged"), score.last_known_mape),
            ("trend", _("total trend"), score.trend_mape),
        ):
            bars.append(Bar(f"{score.sector}-{key}", f"{name}: {label}", value))
    svg = bar_chart(
        bars,
        title=_("Median absolute error of the nowcast and the baselines"),
        description=_(
            "For each sector and in total: the median absolute percentage error of the "
            "nowcast, of the last known figure unchanged and of the total's trend."
        ),
        unit="%",
        number_format=number_formatter(get_language() or "sv", 1),
        no_data_text=_("no data"),
    )
    return mark_safe(svg)  # noqa: S308 - the chart package escapes every text it writes


@public_page
def backtest_page(request: HttpRequest) -> HttpResponse:
    scores = [{"score": s, "name": _name(s.sector)} for s in backtest_table.scores()]
    context = {"scores": scores, "chart": _backtest_chart() if scores else None}
    return render(request, "budgets/backtest.html", context)


@public_page
def backtest_csv(request: HttpRequest) -> HttpResponse:
    rows = backtest_table.score_rows()
    return csv_response("nowcast-backtest", rows, backtest_table.SCORE_COLUMNS, _dialect(request))
