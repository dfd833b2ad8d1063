"""The experts' ladder of target wordings, and the order it gives (docs/METHOD.md#target-ranking).

Expert comparisons of Swedish climate-contract targets rank a target by its wording first:

1. climate positive;
2. climate neutral / net zero (or no negative climate impact) for the whole municipality;
3. climate neutral (or positive) for a part only: the city, a district or the organisation;
4. 100 % renewable energy (stricter than fossil free: it excludes nuclear power);
5. fossil free;
6. −100 % (also per inhabitant, and a level of 0 t per inhabitant);
7. near zero (−90 % against 1990);
8. percentage reductions, by size (an annual rate counts as the reduction it reaches by 2030).

The first seven rungs all promise emissions at or near zero; among them the **earlier target
year comes first** and the rung decides between targets of the same year, so near zero by 2030
ranks above −100 % by 2050. Percentage reductions stop short of zero and rank below every
zero rung, **largest reduction first**, then the earlier year. The order is a sort key, so it is
total and transitive.
"""

from __future__ import annotations

import math
from enum import StrEnum

from klimatlaget.calc.targets.normalise import NormalisedTarget
from klimatlaget.calc.targets.spec import WORD_FORMS, Form, Geography, TargetSpec

#: The year an annual rate is converted to a percentage in, for the percentage rung.
RATE_PERCENT_YEAR = 2030


class Rung(StrEnum):
    CLIMATE_POSITIVE = "climate_positive"
    CLIMATE_NEUTRAL = "climate_neutral"
    CLIMATE_NEUTRAL_PART = "climate_neutral_part"
    RENEWABLE_100 = "renewable_100"
    FOSSIL_FREE = "fossil_free"
    MINUS_100 = "minus_100"
    NEAR_ZERO = "near_zero"
    PERCENT = "percent"


#: The rungs, sharpest first.
LADDER: tuple[Rung, ...] = tuple(Rung)

#: The rungs that promise emissions at or near zero: among them the target year comes first.
ZERO_RUNGS = frozenset(LADDER[: LADDER.index(Rung.NEAR_ZERO) + 1])

_NEUTRAL_WORDS = frozenset({Form.NET_ZERO, Form.NO_NEGATIVE_IMPACT, Form.CLIMATE_POSITIVE})


class Order(StrEnum):
    """How the comparison orders targets: by the ladder (default) or by the implied reduction."""

    LADDER = "ladder"
    REDUCTION = "reduction"


def rung(spec: TargetSpec) -> Rung | None:
    """The target's rung on the ladder; None for a qualitative target."""
    if spec.form == Form.QUALITATIVE:
        return None
    if spec.form in _NEUTRAL_WORDS:
        if spec.geography != Geography.TERRITORY:
            return Rung.CLIMATE_NEUTRAL_PART
        if spec.form == Form.CLIMATE_POSITIVE:
            return Rung.CLIMATE_POSITIVE
        return Rung.CLIMATE_NEUTRAL
    words = {
        Form.RENEWABLE_100: Rung.RENEWABLE_100,
        Form.FOSSIL_FREE: Rung.FOSSIL_FREE,
        Form.NEAR_ZERO: Rung.NEAR_ZERO,
    }
    if spec.form in words:
        return words[spec.form]
    if spec.zero_per_inhabitant or (spec.form == Form.PERCENT_REDUCTION and spec.value == 100):
        return Rung.MINUS_100
    return Rung.PERCENT


def percent_size(target: NormalisedTarget) -> float | None:
    """The reduction in per cent that orders targets on the percentage rung: the stated percent;
    for an annual rate r from year s, 1 − (1 − r)^(Y − s) with Y = 2030 (or the target year, if
    earlier); for a level per inhabitant, the reduction versus 1990 it means in its target year,
    when the data give it."""
    spec = target.spec
    if spec.form == Form.PERCENT_REDUCTION:
        return spec.value
    if spec.form == Form.ANNUAL_RATE and spec.value is not None and spec.start_year is not None:
        until = min(RATE_PERCENT_YEAR, target.target_year or RATE_PERCENT_YEAR)
        years = max(0, until - spec.start_year)
        return (1.0 - (1.0 - spec.value / 100.0) ** years) * 100.0
    return target.reduction_at_target_year_pct


def ladder_key(target: NormalisedTarget) -> tuple[float, ...]:
    """The ladder's sort key (lower is sharper). Ties go to the lower cumulative emissions, then
    to the stronger word (no negative climate impact before net zero)."""
    step = rung(target.spec)
    assert step is not None, "qualitative targets are not ranked"
    year = float(target.target_year or math.inf)
    sharpness = round(target.sharpness, 9) if target.sharpness is not None else math.inf
    if step in ZERO_RUNGS:
        return (0.0, year, float(LADDER.index(step)), sharpness, _weakness(target.spec))
    size = percent_size(target)
    return (1.0, -size if size is not None else math.inf, year, sharpness, _weakness(target.spec))


def reduction_key(target: NormalisedTarget) -> tuple[float, ...]:
    """The implied-reduction order: lower cumulative emissions (in years of today's emissions)
    first; then the earlier target year; then the higher rung and the stronger word."""
    assert target.sharpness is not None
    step = rung(target.spec)
    index = LADDER.index(step) if step is not None else len(LADDER)
    year = float(target.target_year or math.inf)
    return (round(target.sharpness, 9), year, float(index), _weakness(target.spec))


def _weakness(spec: TargetSpec) -> float:
    """Lower for a stronger target word; other forms last."""
    return float(-WORD_FORMS.index(spec.form)) if spec.form in WORD_FORMS else 1.0


def sort_key(target: NormalisedTarget, order: Order = Order.LADDER) -> tuple[float, ...]:
    return ladder_key(target) if order == Order.LADDER else reduction_key(target)
