"""Sweden's own target on Sweden's pages: the national target (net zero by 2045) that the
comparison uses as its reference, shown read-only, so that Sweden's page does not say that no
target is registered."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from klimatlaget.calc import MetricParameters
from klimatlaget.calc.targets.references import SWEDEN
from klimatlaget.organisations.models import NATION_CODE
from klimatlaget.targets.comparison.service import normalised_references
from klimatlaget.targets.evaluation import target_parameters
from klimatlaget.targets.notes import note_text
from klimatlaget.targets.register.rows import verdict_text


def national_target(code: str, metric_params: MetricParameters) -> dict[str, Any] | None:
    """Sweden's reference target in the form of a target row, for the nation only."""
    if code != NATION_CODE:
        return None
    sweden = next(
        r for r in normalised_references(target_parameters(metric_params)) if r.key == SWEDEN
    )
    normalised = sweden.normalised
    implied = normalised.implied_reduction_1990_pct
    return {
        "label": _("Net zero by 2045"),
        "origin": _(
            "Sweden's national target under the Climate Act and the climate policy framework "
            "(2017): no net emissions by 2045, at least 85 % below 1990 within the territory."
        ),
        "normalised": normalised.normalised,
        "reduction_1990_2030_pct": implied.get(2030),
        "reduction_1990_2045_pct": implied.get(2045),
        "implied_annual_rate_pct": normalised.implied_annual_rate_pct,
        "cumulative_to_end_year_t": normalised.cumulative_t,
        "verdict": sweden.alignment.verdict.value,
        "verdict_text": verdict_text(sweden.alignment.verdict.value),
        "reasons": [note_text(n) for n in sweden.alignment.reasons],
    }
