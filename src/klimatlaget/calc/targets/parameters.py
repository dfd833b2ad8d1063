"""The documented, configurable constants of target normalisation and Paris alignment."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from typing import Any

from klimatlaget.calc.parameters import CARBON_LAW_PRESETS, MetricParameters
from klimatlaget.calc.targets.spec import Form

#: The yearly reduction whose budget bounds "partly in line" (the global-average preset).
DEFAULT_PARTLY_RATE = CARBON_LAW_PRESETS["global-average"]


@dataclass(frozen=True, slots=True)
class TargetParameters:
    """Everything normalisation and alignment depend on besides the targets and the data.

    ``metrics`` gives the current year, the end year and the fair-share Carbon Law rate.
    ``partly_rate`` is the yearly reduction whose budget separates "partly in line" from "not in
    line" (default: the global-average preset, 7 %/yr; equal to the Carbon Law rate, no target is
    "partly in line" on its budget alone). The ``*_reduction`` shares are the
    default reduction versus 1990 of a target word given without a number (1.0 = 100 %; above
    1.0 means net removals); they must follow the experts' ladder (a sharper wording never
    implies less), so 100 % renewable energy and fossil free, which rank above −100 %, mean
    −100 %. ``net_residual_share`` is the share of 1990 emissions assumed to
    remain (and to need removals) under a net target. See docs/METHOD.md#targets.
    """

    metrics: MetricParameters = field(default_factory=MetricParameters)
    partly_rate: float = DEFAULT_PARTLY_RATE
    renewable_100_reduction: float = 1.00
    fossil_free_reduction: float = 1.00
    near_zero_reduction: float = 0.90
    net_zero_reduction: float = 1.00
    no_negative_impact_reduction: float = 1.00
    climate_positive_reduction: float = 1.10
    net_residual_share: float = 0.15
    milestone_years: tuple[int, ...] = (2030, 2045)

    def __post_init__(self) -> None:
        if not 0 < self.partly_rate <= self.metrics.carbon_law_rate:
            raise ValueError(
                f"partly_rate must be above 0 and not above the Carbon Law rate "
                f"({self.metrics.carbon_law_rate}), got {self.partly_rate!r}"
            )
        for form in (Form.RENEWABLE_100, Form.FOSSIL_FREE, Form.NEAR_ZERO, Form.NET_ZERO):
            if not 0 < self.word_reduction(form) <= 1:
                raise ValueError(f"the default reduction of {form} must be in (0, 1]")
        self._check_ladder()
        if not 0 <= self.net_residual_share < 1:
            raise ValueError("net_residual_share must be at least 0 and below 1")

    def _check_ladder(self) -> None:
        """Each wording's default reduction is at least that of the next weaker rung; −100 %
        (a percent reduction) sits between fossil free and near zero."""
        steps = [
            ("climate_positive", self.climate_positive_reduction),
            ("no_negative_impact", self.no_negative_impact_reduction),
            ("net_zero", self.net_zero_reduction),
            ("renewable_100", self.renewable_100_reduction),
            ("fossil_free", self.fossil_free_reduction),
            ("a percent reduction of 100 %", 1.0),
            ("near_zero", self.near_zero_reduction),
        ]
        for (sharper, high), (weaker, low) in itertools.pairwise(steps):
            if high < low:
                raise ValueError(
                    f"the default reduction of {sharper} ({high}) must not be below that of "
                    f"{weaker} ({low}): the ladder ranks {sharper} above {weaker}"
                )

    @property
    def current_year(self) -> int:
        return self.metrics.current_year

    @property
    def end_year(self) -> int:
        return self.metrics.end_year

    def word_reduction(self, form: Form) -> float:
        """The default reduction versus 1990 of a target word (a share; 1.1 = net −110 %)."""
        return float(getattr(self, f"{form.value}_reduction"))

    def with_changes(self, **changes: Any) -> TargetParameters:
        return replace(self, **changes)
