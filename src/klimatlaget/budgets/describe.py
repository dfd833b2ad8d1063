"""Words for what the budget page shows: traffic lights, how each estimate was made, and where
the national figures come from."""

from __future__ import annotations

from django.utils.translation import gettext as _

from klimatlaget.calc import nowcast as method
from klimatlaget.calc.budget_status import AMBER, GREEN, RED
from klimatlaget.emissions.sectors import sector_label

from .models import PathwayChoice
from .national import IMPORTED
from .outcome import INVALID, NO_PATHWAY, BudgetOutcome


def light(value: str | None) -> dict[str, str] | None:
    """The light's text and CSS class (never colour alone)."""
    texts = {
        GREEN: (_("Within budget"), "flag flag-good"),
        AMBER: (_("At risk"), "flag"),
        RED: (_("Over budget"), "flag flag-bad"),
    }
    if value is None:
        return None
    text, css = texts[value]
    return {"value": value, "text": text, "css": css}


def method_text(code: str) -> str:
    return {
        method.NATIONAL: _("carried forward by the national development of the sector"),
        method.NATIONAL_PART_OF_YEAR: _(
            "carried forward by the national development so far this year (some quarters)"
        ),
        method.NO_NATIONAL: _("the last known figure unchanged (no national figures after it)"),
        method.OWN_TREND: _("with half the municipality's own trend in its share"),
        method.MEASURES: _("less the reductions measures achieved"),
    }.get(code, code)


def methods(outcome: BudgetOutcome) -> list[dict[str, str]]:
    """How each sector's estimate was made, from which year."""
    return [
        {
            "sector": sector_label(s.sector),
            "last_known_year": str(s.nowcast.last_known_year),
            "method": "; ".join(method_text(code) for code in s.nowcast.method),
        }
        for s in outcome.sectors
        if s.nowcast is not None
    ]


def national_source(source: str) -> str:
    if source == IMPORTED:
        return _(
            "National figures: as imported (the national inventory and SCB's quarterly accounts)."
        )
    return _(
        "National figures: none imported, so the sum over all municipalities is used, as in the "
        "backtest; it ends where SMHI's municipal figures end, so later years are carried "
        "forward unchanged."
    )


def pathway_kind(outcome: BudgetOutcome) -> str:
    """Which pathway the targets and the base year come from, in words."""
    if outcome.pathway == PathwayChoice.OWN_TARGET:
        return _("the pathway of the organisation's own target")
    return _("the Carbon Law pathway")


def problem(outcome: BudgetOutcome) -> str | None:
    """Why the organisation has no budget this year, in words (None when it has one)."""
    own = outcome.pathway == PathwayChoice.OWN_TARGET
    if outcome.problem is None:
        return None
    if outcome.problem == INVALID:
        return outcome.problem_detail
    if outcome.problem == NO_PATHWAY:
        if own:
            return _("No target of the organisation has a pathway the platform can compute.")
        return _("The organisation has too few emissions figures for a Carbon Law pathway.")
    pathway = _("the pathway of the target") if own else _("the Carbon Law pathway")
    return _("%(pathway)s has no value for %(year)s: it starts in the current year.") % {
        "pathway": pathway.capitalize(),
        "year": outcome.year,
    }
