"""The reference targets shown beside the organisations' targets: Sweden's net zero by 2045 and the
EU's climate neutrality by 2050, normalised and judged by the same rules as every other target.

Sweden's target is normalised with the nation's series (the sum of the municipalities); the EU's
with :data:`EU_NET_EMISSIONS_INDEX`, because the data hold no EU series: an index of the EU's net
emissions, 1990 = 100 and 2023 = 63, from the European Environment Agency, "Trends and projections
in Europe 2024" (EU net emissions in 2023 were 37 % below 1990).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from klimatlaget.calc.targets.alignment import Alignment, judge_target
from klimatlaget.calc.targets.normalise import (
    NormalisedTarget,
    OrganisationData,
    normalise_target,
)
from klimatlaget.calc.targets.parameters import TargetParameters
from klimatlaget.calc.targets.spec import Form, Geography, Scope, TargetSpec
from klimatlaget.calc.trend import Trend

#: The EU's net greenhouse gas emissions as an index, 1990 = 100.
#:
#: Source: European Environment Agency, "Trends and projections in Europe 2024" (EEA Report
#: 11/2024): the EU's net emissions in 2023 (including LULUCF) were 37 % below 1990. Only these two
#: points are used; the target pathway starts from the last one, as for any organisation.
EU_NET_EMISSIONS_INDEX: Mapping[int, float] = {1990: 100.0, 2023: 63.0}

#: The Swedish climate policy framework (2017): no net emissions by 2045 (at least 85 % below 1990
#: within the territory, the rest by supplementary measures).
SWEDEN_NET_ZERO_2045 = TargetSpec(
    form=Form.NET_ZERO,
    target_year=2045,
    value=85.0,
    base_year=1990,
    geography=Geography.TERRITORY,
    scopes=frozenset({Scope.SCOPE_1}),
    includes_non_energy=True,
)

#: The European Climate Law (Regulation (EU) 2021/1119): climate neutrality by 2050.
EU_CLIMATE_NEUTRAL_2050 = TargetSpec(
    form=Form.NET_ZERO,
    target_year=2050,
    base_year=1990,
    geography=Geography.TERRITORY,
    scopes=frozenset({Scope.SCOPE_1}),
    includes_non_energy=True,
)

SWEDEN = "SE"
EU = "EU"


@dataclass(frozen=True, slots=True)
class ReferenceTarget:
    """A reference target: ``key`` is ``"SE"`` or ``"EU"`` (the web layer names it)."""

    key: str
    spec: TargetSpec
    normalised: NormalisedTarget
    alignment: Alignment


def reference_targets(
    nation_emissions: Mapping[int, float],
    params: TargetParameters,
    nation_trend: Trend | None = None,
) -> list[ReferenceTarget]:
    """Sweden's and the EU's targets in comparable form, Sweden first.

    ``nation_emissions`` is Sweden's territorial series (year → t CO2e); without it Sweden's
    target cannot be normalised and says so in its problems. The EU's numbers are relative to the
    index (1990 = 100), so its cumulative emissions are in index-years, comparable only through
    the sharpness (years of today's emissions) and the percentages.
    """
    sweden = normalise_target(
        SWEDEN_NET_ZERO_2045, OrganisationData(nation_emissions, {}, nation_trend), params
    )
    eu = normalise_target(
        EU_CLIMATE_NEUTRAL_2050, OrganisationData(dict(EU_NET_EMISSIONS_INDEX)), params
    )
    return [
        ReferenceTarget(SWEDEN, SWEDEN_NET_ZERO_2045, sweden, judge_target(sweden, params)),
        ReferenceTarget(EU, EU_CLIMATE_NEUTRAL_2050, eu, judge_target(eu, params)),
    ]
