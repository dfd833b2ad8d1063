"""How a year's emissions (or budget) are spread over its four quarters.

A profile is four shares that add up to 1. Equal quarters are the default. Heating is
concentrated in winter, so sectors with heating may use :data:`HEATING_SEASON`, derived below
from heating degree days; see docs/METHOD.md, "Quarterly profiles".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

QUARTERS = (1, 2, 3, 4)

#: Heating degree days of a normal year by month, January … December, for Härnösand (central
#: Sweden), as published by the local energy company Härnösand Energi & Miljö (HEMAB):
#: 4,605 degree days a year. Other stations give other totals and somewhat other shares.
NORMAL_DEGREE_DAYS_BY_MONTH = (686, 625, 587, 438, 279, 132, 49, 79, 204, 371, 510, 645)
#: Share of heating energy that does not depend on the weather (hot water, losses), spread
#: evenly over the year: an assumption (about a fifth in Swedish buildings).
HEATING_BASE_LOAD_SHARE = 0.2
#: SMHI main sectors whose emissions come largely from heating buildings.
HEATING_SECTORS = frozenset({"Egen uppvärmning av bostäder och lokaler", "El och fjärrvärme"})


@dataclass(frozen=True, slots=True)
class QuarterProfile:
    """Shares of the year in quarters 1–4; ValueError unless four shares ≥ 0 adding up to 1."""

    name: str
    shares: tuple[float, float, float, float]

    def __post_init__(self) -> None:
        if len(self.shares) != 4 or any(not share >= 0 for share in self.shares):
            raise ValueError(f"a profile needs four shares of 0 or more, got {self.shares!r}")
        if not math.isclose(math.fsum(self.shares), 1.0, abs_tol=1e-9):
            raise ValueError(f"the shares of a profile must add up to 1, got {self.shares!r}")


def degree_day_profile(
    degree_days_by_month: tuple[int, ...], base_load_share: float
) -> QuarterProfile:
    """Base load spread evenly plus the rest in proportion to each quarter's degree days."""
    total = sum(degree_days_by_month)
    quarter_days = [sum(degree_days_by_month[3 * i : 3 * i + 3]) for i in range(4)]
    shares = [base_load_share / 4 + (1 - base_load_share) * days / total for days in quarter_days]
    return QuarterProfile("heating_season", (shares[0], shares[1], shares[2], shares[3]))


EQUAL = QuarterProfile("equal", (0.25, 0.25, 0.25, 0.25))
#: About 38 %, 20 %, 11 % and 32 % of the year in quarters 1–4.
HEATING_SEASON = degree_day_profile(NORMAL_DEGREE_DAYS_BY_MONTH, HEATING_BASE_LOAD_SHARE)
PROFILES = {profile.name: profile for profile in (EQUAL, HEATING_SEASON)}
