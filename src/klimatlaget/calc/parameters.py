"""The parameters of every calculation, with their defaults, presets and validation."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from typing import Any

#: Annual reduction rates of the Carbon Law pathway (share per year, 0.1172 = 11.72 %/yr).
CARBON_LAW_PRESETS: dict[str, float] = {
    "1.5C": 0.1172,
    "global-average": 0.07,
    "fair-share-10": 0.10,
    "fair-share-14": 0.14,
    "fair-share-16": 0.16,
}
DEFAULT_CARBON_LAW_RATE = CARBON_LAW_PRESETS["1.5C"]
#: The first year of the national emissions series; earlier "current years" make no sense.
FIRST_DATA_YEAR = 1990


def this_year() -> int:
    """The present calendar year (the default ``current_year``)."""
    return datetime.date.today().year


@dataclass(frozen=True, slots=True)
class MetricParameters:
    """Everything a metric depends on besides the data. Invalid values raise ``ValueError``.

    ``current_year`` is the year the analysis is made in: the trend is approximated up to it,
    and the Carbon Law pathway, the cumulative sums and the gap start in it. Data for later
    years are ignored, so an analysis can be repeated "as of" an earlier year.
    ``reduction_start_year`` is the first year of reductions for the required rate; ``None``
    means the year after ``current_year`` (see :attr:`resolved_reduction_start_year`).
    """

    current_year: int = field(default_factory=this_year)
    carbon_law_rate: float = DEFAULT_CARBON_LAW_RATE
    trend_start_year: int = 2015
    end_year: int = 2050
    base_years: tuple[int, ...] = (1990, 2005)
    reduction_start_year: int | None = None

    def __post_init__(self) -> None:
        _validate(self)

    @classmethod
    def from_preset(cls, preset: str, **overrides: Any) -> MetricParameters:
        """Parameters with the Carbon Law rate of a named preset (see ``CARBON_LAW_PRESETS``)."""
        if preset not in CARBON_LAW_PRESETS:
            known = ", ".join(sorted(CARBON_LAW_PRESETS))
            raise ValueError(f"unknown Carbon Law preset {preset!r}; known presets: {known}")
        if "carbon_law_rate" in overrides:
            raise ValueError("give either a preset or carbon_law_rate, not both")
        return cls(carbon_law_rate=CARBON_LAW_PRESETS[preset], **overrides)

    @property
    def resolved_reduction_start_year(self) -> int:
        """The first year of reductions: ``reduction_start_year`` or ``current_year + 1``."""
        if self.reduction_start_year is None:
            return self.current_year + 1
        return self.reduction_start_year

    def with_changes(self, **changes: Any) -> MetricParameters:
        """A validated copy with some fields changed."""
        return replace(self, **changes)


def _require_int(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole year, got {value!r}")


def _validate(params: MetricParameters) -> None:
    for name in ("current_year", "trend_start_year", "end_year"):
        _require_int(name, getattr(params, name))
    _validate_years(params)
    _validate_rates(params)
    for year in params.base_years:
        _require_int("base_years", year)
    if params.reduction_start_year is not None:
        _require_int("reduction_start_year", params.reduction_start_year)
        if not params.current_year < params.reduction_start_year <= params.end_year:
            raise ValueError(
                f"reduction_start_year must be after current_year ({params.current_year}) "
                f"and not after end_year ({params.end_year}), got {params.reduction_start_year}"
            )


def _validate_years(params: MetricParameters) -> None:
    if params.current_year < FIRST_DATA_YEAR:
        raise ValueError(
            f"current_year must be {FIRST_DATA_YEAR} or later, got {params.current_year}"
        )
    if params.current_year > params.end_year:
        raise ValueError(
            f"current_year ({params.current_year}) must not be after end_year ({params.end_year})"
        )
    if params.trend_start_year > params.current_year:
        raise ValueError(
            f"trend_start_year ({params.trend_start_year}) must not be after "
            f"current_year ({params.current_year})"
        )


def _validate_rates(params: MetricParameters) -> None:
    rate = params.carbon_law_rate
    if isinstance(rate, bool) or not isinstance(rate, int | float) or not 0 < rate < 1:
        raise ValueError(
            f"carbon_law_rate must be a share strictly between 0 and 1 "
            f"(0.1172 means 11.72 % per year), got {rate!r}"
        )
