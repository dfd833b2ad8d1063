"""Charts and key-figure cards for an organisation page, built from its series and metrics."""

from dataclasses import dataclass

from django.utils import formats
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from klimatlaget.calc import MetricParameters, Metrics, Trend
from klimatlaget.charts import (
    Band,
    Line,
    Marker,
    line_chart,
    number_formatter,
    responsive,
    stacked_area_chart,
)
from klimatlaget.emissions.dataset import OrganisationSeries
from klimatlaget.emissions.sectors import sector_label

UNIT = "t CO₂e"


def _number(value: float | None, decimals: int = 0) -> str:
    if value is None:
        return "–"
    return formats.number_format(
        round(value, decimals), decimals, use_l10n=True, force_grouping=True
    )


def _percent(value: float | None, decimals: int = 1) -> str:
    if value is None:
        return "–"
    return f"{_signed(value, decimals)} %"


def _signed(value: float, decimals: int = 0) -> str:
    """A number with "+" before positive values, so that a range shows its direction."""
    sign = "+" if round(value, decimals) > 0 else ""
    return f"{sign}{_number(value, decimals)}"


def sector_chart(org: OrganisationSeries) -> SafeString:
    series = {sector_label(name): values for name, values in org.sectors.items()}
    svg = responsive(
        stacked_area_chart,
        series,
        title=_("Emissions by sector, %(name)s") % {"name": org.name},
        description=_("Greenhouse-gas emissions in tonnes CO₂e per year, stacked by main sector."),
        unit=UNIT,
        number_format=number_formatter(get_language() or "sv"),
    )
    return mark_safe(svg)  # noqa: S308 - the chart package escapes every text it writes


def pathway_chart(
    org: OrganisationSeries, metrics: Metrics, params: MetricParameters
) -> SafeString:
    trend = metrics.trend
    lines = [Line("observed", _("Observed"), org.total, "solid", None)]
    markers = [Marker(params.current_year, _("Now"))]
    description = _(
        "Observed emissions, the trend to 2050 and the Carbon Law pathway at "
        "%(rate)s %% a year; the shaded area is the gap between them."
    ) % {"rate": _number(params.carbon_law_rate * 100, 2)}
    bands = []
    if trend is not None:
        bands.append(trend_band(trend, params))
        description += " " + _(
            "The pale band around the trend is its range when each year is left out in turn."
        )
        last: dict[int, float] = {}
        if metrics.last_year is not None and metrics.last_emissions_t is not None:
            last = {metrics.last_year: metrics.last_emissions_t}
        lines.append(
            Line("approximated", _("Approximated"), {**last, **trend.approximated}, "dotted", None)
        )
        lines.append(Line("trend", _("Trend"), trend.pathway, "dashed", None))
        if trend.zero_date is not None and trend.zero_date.year <= params.end_year:
            markers.append(Marker(trend.zero_date.year, _("Trend reaches zero")))
    lines.append(Line("carbon_law", _("Carbon Law pathway"), metrics.carbon_law, "solid", None))
    svg = responsive(
        line_chart,
        lines,
        title=_("Trend and Carbon Law pathway, %(name)s") % {"name": org.name},
        description=description,
        unit=UNIT,
        shade_between=gap_shading(metrics),
        shade_label=_("Gap: trend above the pathway")
        if gap_kind(metrics) == "above"
        else _("Gap: trend below the pathway"),
        markers=markers,
        bands=bands,
        number_format=number_formatter(get_language() or "sv"),
    )
    return mark_safe(svg)  # noqa: S308 - the chart package escapes every text it writes


def trend_band(trend: Trend, params: MetricParameters) -> Band:
    """The lines with the lowest and highest leave-one-out slopes from the last data year,
    floored at zero like the trend."""

    def line(slope: float) -> dict[int, float]:
        return {
            year: max(0.0, trend.anchor_value + slope * (year - trend.anchor_year))
            for year in range(trend.anchor_year, params.end_year + 1)
        }

    return Band(
        "trend", _("Trend range (one year left out)"), line(trend.slope_low), line(trend.slope_high)
    )


@dataclass
class KeyFigure:
    label: str
    value: str
    explanation: str
    flag: str = ""
    #: "good" or "bad" colours the flag; empty for a neutral note.
    flag_kind: str = ""


def key_figures(
    org: OrganisationSeries, metrics: Metrics, params: MetricParameters
) -> list[KeyFigure]:
    figures = [_latest(metrics), *_changes(metrics)]
    if metrics.trend is not None:
        figures += _trend_figures(metrics, params)
    return figures


def _latest(metrics: Metrics) -> KeyFigure:
    per_capita = metrics.per_capita.get(metrics.last_year) if metrics.last_year else None
    explanation = _("Territorial emissions in %(year)s.") % {"year": metrics.last_year or "–"}
    if per_capita is not None:
        explanation += " " + _("That is %(value)s t per inhabitant.") % {
            "value": _number(per_capita, 1)
        }
    return KeyFigure(_("Latest emissions"), f"{_number(metrics.last_emissions_t)} t", explanation)


def _changes(metrics: Metrics) -> list[KeyFigure]:
    return [
        KeyFigure(
            _("Change since 1990"),
            _percent(metrics.change_since_1990_pct),
            _("Latest year compared with 1990, the Swedish and EU base year."),
        ),
        KeyFigure(
            _("Change since 2005"),
            _percent(metrics.change_since_2005_pct),
            _("Latest year compared with 2005."),
        ),
        KeyFigure(
            _("Average yearly change since 2015"),
            _percent(metrics.avg_yearly_change_since_2015_pct),
            _("The mean of the year-on-year changes from 2015 to the latest year."),
        ),
    ]


def _trend_figures(metrics: Metrics, params: MetricParameters) -> list[KeyFigure]:
    trend = metrics.trend
    assert trend is not None
    uncertain_flag = _("Uncertain") if trend.uncertain else ""
    figures = [
        KeyFigure(_("Trend per year"), trend_slope_text(trend), trend_note(trend), uncertain_flag),
        KeyFigure(
            _("Trend reaches zero"),
            zero_year_text(metrics, params),
            _("The year the trend line, continued, reaches zero emissions."),
            uncertain_flag,
        ),
        KeyFigure(
            _("Emissions %(start)s–%(end)s on the trend")
            % {"start": params.current_year, "end": params.end_year},
            f"{_number(trend.cumulative_t)} t",
            _("All emissions from now to %(end)s if the trend continues.")
            % {"end": params.end_year},
        ),
        KeyFigure(
            _("Carbon Law budget"),
            f"{_number(metrics.carbon_law_cumulative_t)} t",
            _("Emissions from now to %(end)s if they fall by %(rate)s %% a year.")
            % {"end": params.end_year, "rate": _number(params.carbon_law_rate * 100, 2)},
        ),
        gap_figure(metrics, params),
    ]
    if metrics.remaining_budget is not None:
        figures.append(_remaining_budget_figure(metrics, params))
    return figures


def trend_slope_text(trend: Trend) -> str:
    """The slope with its leave-one-out range, e.g. "−2 294 t (range −2 956 to +12 927)"."""
    values = {
        "slope": _number(trend.slope_t_per_yr),
        "low": _signed(trend.slope_low),
        "high": _signed(trend.slope_high),
    }
    if trend.uncertain:
        return _("%(slope)s t (range %(low)s to %(high)s; uncertain)") % values
    return _("%(slope)s t (range %(low)s to %(high)s)") % values


def trend_note(trend: Trend) -> str:
    note = _(
        "The median trend line changes emissions by this much each year (since 2015). The "
        "range shows the slopes when each year in turn is left out."
    )
    if trend.uncertain:
        note += " " + _(
            "The range includes zero: a single year decides whether emissions are falling "
            "or rising, so the trend is uncertain."
        )
    return note


def zero_year_text(metrics: Metrics, params: MetricParameters) -> str:
    """The year the trend reaches zero; "after 2050" past the end year; never on a rising or
    flat trend. A day would claim a precision the trend does not have."""
    zero = metrics.trend.zero_date if metrics.trend else None
    if zero is None:
        return _("Not on the current trend")
    if zero.year > params.end_year:
        return _("After %(year)s") % {"year": params.end_year}
    return str(zero.year)


def gap_kind(metrics: Metrics) -> str:
    """ "above" when the trend emits more than the Carbon Law pathway, "below" when less."""
    gap = metrics.gap_t or 0
    return "above" if gap > 0 else "below" if gap < 0 else "equal"


def gap_shading(metrics: Metrics) -> tuple[str, str] | None:
    """The lines whose area between them is shaded: (upper, lower) in the gap's direction."""
    if metrics.trend is None:
        return None
    return {"above": ("trend", "carbon_law"), "below": ("carbon_law", "trend")}.get(
        gap_kind(metrics)
    )


def gap_figure(metrics: Metrics, params: MetricParameters) -> KeyFigure:
    """The gap as a size with words, badge and shading that agree with its sign."""
    gap = metrics.gap_t or 0
    share = None if metrics.gap_share is None else abs(metrics.gap_share) * 100
    value = f"{_number(abs(gap))} t"
    if share is not None:
        value += " " + _("(%(share)s %% of the Carbon Law budget)") % {"share": _number(share)}
    kind = gap_kind(metrics)
    period = {"start": params.current_year, "end": params.end_year}
    if kind == "above":
        return KeyFigure(
            _("Gap to the Carbon Law"),
            value,
            _("The trend emits this much more than the Carbon Law pathway, %(start)s–%(end)s.")
            % period,
            _("Above the pathway"),
            "bad",
        )
    if kind == "below":
        return KeyFigure(
            _("Gap to the Carbon Law"),
            value,
            _(
                "The trend emits less than the Carbon Law pathway: this much less, "
                "%(start)s–%(end)s."
            )
            % period,
            _("Below the pathway"),
            "good",
        )
    return KeyFigure(
        _("Gap to the Carbon Law"),
        value,
        _("The trend emits as much as the Carbon Law pathway, %(start)s–%(end)s.") % period,
    )


def _remaining_budget_figure(metrics: Metrics, params: MetricParameters) -> KeyFigure:
    remaining = metrics.remaining_budget
    assert remaining is not None and metrics.last_year is not None
    explanation = _(
        "The yearly cut needed from %(next)s to stay within what is left of the Carbon Law "
        "budget counted from %(last)s, the latest data year, given the trend's emissions "
        "in %(current)s."
    ) % {
        "next": params.current_year + 1,
        "last": metrics.last_year,
        "current": params.current_year,
    }
    flag, flag_kind = "", ""
    if remaining.budget_exhausted:
        explanation += " " + _("The budget is spent: even stopping all emissions is too late.")
        flag, flag_kind = _("Budget spent"), "bad"
    cut = round(remaining.rate * 100, 1)
    return KeyFigure(
        _("Needed reduction per year"),
        _percent(-cut if cut else 0.0),
        explanation,
        flag,
        flag_kind,
    )
