"""Ranking targets from sharpest to weakest within their scope group."""

from __future__ import annotations

import pytest

from klimatlaget.calc.parameters import MetricParameters
from klimatlaget.calc.targets import (
    Form,
    NormalisedTarget,
    Order,
    OrganisationData,
    Scope,
    TargetParameters,
    TargetSpec,
    normalise_target,
    rank_in_groups,
)

PARAMS = TargetParameters(metrics=MetricParameters(current_year=2026))
# 1990: 1000 t; 2015…2023: 700, 675, …, 500 (−25 t a year).
SERIES = {1990: 1000.0, **{2015 + i: 700.0 - 25.0 * i for i in range(9)}}
SCOPES_1_2 = frozenset({Scope.SCOPE_1, Scope.SCOPE_2})
SCOPES_1_2_3 = frozenset({Scope.SCOPE_1, Scope.SCOPE_2, Scope.SCOPE_3_UPSTREAM})


def normalised(spec: TargetSpec) -> NormalisedTarget:
    return normalise_target(spec, OrganisationData(SERIES), PARAMS)


def test_near_zero_2030_is_sharper_than_100_percent_by_2050() -> None:
    # Near zero by 2030 (100 t): Σ_{k=3..7}(500 − 400k/7) + 20·100 = 2500 − 400·25/7 + 2000
    # = 3071.4 t, 6.14 years of today's 500 t.
    # −100 % by 2050: Σ_{k=3..27} 500(1 − k/27) = 500·(25 − 375/27) = 5555.6 t, 11.11 years.
    near_zero = normalised(TargetSpec(Form.NEAR_ZERO, 2030, scopes=SCOPES_1_2))
    hundred = normalised(
        TargetSpec(Form.PERCENT_REDUCTION, 2050, 100.0, base_year=1990, scopes=SCOPES_1_2)
    )
    assert near_zero.sharpness == pytest.approx((2500 - 400 * 25 / 7 + 2000) / 500)
    assert hundred.sharpness == pytest.approx(500 * (25 - 375 / 27) / 500)
    ranks = rank_in_groups([("hundred", hundred), ("near zero", near_zero)])
    assert ranks == {"near zero": 1, "hundred": 2}


def test_groups_are_ranked_separately_and_unranked_targets_get_none() -> None:
    # Scope 1-2: −60 % by 2030 (20.29 years) and net zero by 2030 (5000/7 t = 1.43 years).
    # Scope 1-2-3 (no data, ranked on the territory): −50 % by 2030 holds 500 t (25 years).
    sixty = normalised(
        TargetSpec(Form.PERCENT_REDUCTION, 2030, 60.0, base_year=1990, scopes=SCOPES_1_2)
    )
    net_zero = normalised(TargetSpec(Form.NET_ZERO, 2030, scopes=SCOPES_1_2))
    wide = normalised(
        TargetSpec(Form.PERCENT_REDUCTION, 2030, 50.0, base_year=1990, scopes=SCOPES_1_2_3)
    )
    qualitative = normalised(TargetSpec(Form.QUALITATIVE))
    assert net_zero.sharpness == pytest.approx(5000 / 7 / 500)
    assert wide.sharpness == pytest.approx(25.0)
    ranks = rank_in_groups([(1, sixty), (2, net_zero), (3, wide), (4, qualitative)])
    assert ranks == {1: 2, 2: 1, 3: 1, 4: None}


def test_by_reduction_ties_go_to_the_earlier_year_then_the_stronger_word() -> None:
    def made(form: Form, year: int, sharpness: float) -> NormalisedTarget:
        return NormalisedTarget(
            TargetSpec(form, year, scopes=SCOPES_1_2), year, sharpness=sharpness
        )

    items = [
        ("fossil free 2035", made(Form.FOSSIL_FREE, 2035, 3.0)),
        ("fossil free 2030", made(Form.FOSSIL_FREE, 2030, 3.0)),
        ("net zero 2030", made(Form.NET_ZERO, 2030, 3.0)),
        ("percent 2030", made(Form.PERCENT_REDUCTION, 2030, 3.0)),
        ("sharper", made(Form.RENEWABLE_100, 2045, 2.9)),
    ]
    assert rank_in_groups(items, Order.REDUCTION) == {
        "sharper": 1,
        "net zero 2030": 2,
        "fossil free 2030": 3,
        "percent 2030": 4,
        "fossil free 2035": 5,
    }
    # By the ladder (the default) the zero wordings come first, the earlier year first.
    assert rank_in_groups(items) == {
        "net zero 2030": 1,
        "fossil free 2030": 2,
        "fossil free 2035": 3,
        "sharper": 4,
        "percent 2030": 5,
    }
