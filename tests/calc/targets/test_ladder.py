"""The experts' ladder of target wordings: rungs, the order it gives, and the word defaults."""

from __future__ import annotations

import itertools

import pytest

from klimatlaget.calc.parameters import MetricParameters
from klimatlaget.calc.targets import (
    LADDER,
    ZERO_RUNGS,
    Form,
    Geography,
    NormalisedTarget,
    Order,
    OrganisationData,
    Rung,
    Scope,
    TargetParameters,
    TargetSpec,
    normalise_target,
    rank_in_groups,
    rung,
)
from klimatlaget.calc.targets.ladder import ladder_key, percent_size

PARAMS = TargetParameters(metrics=MetricParameters(current_year=2026))
# 1990: 1000 t; 2015…2023: 700, 675, …, 500 (−25 t a year); 1000 inhabitants.
SERIES = {1990: 1000.0, **{2015 + i: 700.0 - 25.0 * i for i in range(9)}}
POPULATION = {1990: 1000, 2023: 1000}
FULL = {"scopes": frozenset({Scope.SCOPE_1, Scope.SCOPE_2}), "includes_non_energy": True}
YEARS = (2030, 2035, 2040, 2045, 2050)


def normalised(spec: TargetSpec) -> NormalisedTarget:
    return normalise_target(spec, OrganisationData(SERIES, POPULATION), PARAMS)


def percent(value: float, year: int, **fields: object) -> TargetSpec:
    return TargetSpec(Form.PERCENT_REDUCTION, year, value, base_year=1990, **FULL, **fields)  # type: ignore[arg-type]


def word(form: Form, year: int, **fields: object) -> TargetSpec:
    return TargetSpec(form, year, **{**FULL, **fields})  # type: ignore[arg-type]


#: One target of every rung, sharpest first, for a given year.
def one_per_rung(year: int) -> dict[Rung, TargetSpec]:
    return {
        Rung.CLIMATE_POSITIVE: word(Form.CLIMATE_POSITIVE, year),
        Rung.CLIMATE_NEUTRAL: word(Form.NET_ZERO, year),
        Rung.CLIMATE_NEUTRAL_PART: word(Form.NET_ZERO, year, geography=Geography.CITY),
        Rung.RENEWABLE_100: word(Form.RENEWABLE_100, year),
        Rung.FOSSIL_FREE: word(Form.FOSSIL_FREE, year),
        Rung.MINUS_100: percent(100.0, year),
        Rung.NEAR_ZERO: word(Form.NEAR_ZERO, year),
        Rung.PERCENT: percent(80.0, year),
    }


def ranked(*specs: tuple[str, TargetSpec], order: Order = Order.LADDER) -> list[str]:
    ranks = rank_in_groups([(name, normalised(spec)) for name, spec in specs], order)
    return sorted(ranks, key=lambda name: ranks[name] or 0)


def test_every_form_has_its_rung() -> None:
    assert {step: rung(spec) for step, spec in one_per_rung(2030).items()} == {
        step: step for step in LADDER
    }
    assert rung(word(Form.NO_NEGATIVE_IMPACT, 2030)) == Rung.CLIMATE_NEUTRAL
    for geography in (Geography.CITY, Geography.ORGANISATION):
        spec = word(Form.CLIMATE_POSITIVE, 2030, geography=geography)
        assert rung(spec) == Rung.CLIMATE_NEUTRAL_PART
    per_inhabitant = percent(100.0, 2030, per_capita=True)
    assert rung(per_inhabitant) == Rung.MINUS_100
    assert rung(TargetSpec(Form.PER_CAPITA_LEVEL, 2030, 0.0, **FULL)) == Rung.MINUS_100  # type: ignore[arg-type]
    assert rung(TargetSpec(Form.PER_CAPITA_LEVEL, 2030, 0.5, **FULL)) == Rung.PERCENT  # type: ignore[arg-type]
    assert rung(TargetSpec(Form.ANNUAL_RATE, None, 10.0, start_year=2020, **FULL)) == Rung.PERCENT  # type: ignore[arg-type]
    assert rung(TargetSpec(Form.QUALITATIVE)) is None


def test_the_same_year_is_ranked_by_the_wording() -> None:
    specs = one_per_rung(2035)
    shuffled = [(step.value, specs[step]) for step in reversed(LADDER)]
    assert ranked(*shuffled) == [step.value for step in LADDER]


def test_an_earlier_year_wins_among_the_zero_wordings() -> None:
    """Near zero by 2030 ranks above −100 % by 2050, and fossil free by 2030 above climate
    neutral by 2035; a percentage reduction never ranks above a zero wording."""
    assert ranked(
        ("-100 % 2050", percent(100.0, 2050)),
        ("near zero 2030", word(Form.NEAR_ZERO, 2030)),
    ) == ["near zero 2030", "-100 % 2050"]
    assert ranked(
        ("neutral 2035", word(Form.NET_ZERO, 2035)),
        ("fossil free 2030", word(Form.FOSSIL_FREE, 2030)),
    ) == ["fossil free 2030", "neutral 2035"]
    assert ranked(
        ("-95 % 2030", percent(95.0, 2030)),
        ("neutral 2050", word(Form.NET_ZERO, 2050)),
    ) == ["neutral 2050", "-95 % 2030"]


def test_percentages_rank_by_size_then_year() -> None:
    """−70 % by 2040 is a larger reduction than −60 % by 2030; −10 % a year from 2020 reaches
    1 − 0.9¹⁰ = 65.1 % by 2030; of two −60 % targets the earlier comes first."""
    rate = TargetSpec(Form.ANNUAL_RATE, None, 10.0, start_year=2020, **FULL)  # type: ignore[arg-type]
    assert percent_size(normalised(rate)) == pytest.approx((1 - 0.9**10) * 100)
    assert ranked(
        ("-60 % 2035", percent(60.0, 2035)),
        ("-60 % 2030", percent(60.0, 2030)),
        ("rate", rate),
        ("-70 % 2040", percent(70.0, 2040)),
    ) == ["-70 % 2040", "rate", "-60 % 2030", "-60 % 2035"]


def test_the_reduction_order_stays_an_option() -> None:
    """By implied reduction, −95 % by 2030 (cumulative 2500 − 450·25/7 + 20·50 = 1892.9 t)
    is sharper than net zero by 2050 (500·(25 − 375/27) = 5555.6 t)."""
    assert ranked(
        ("-95 % 2030", percent(95.0, 2030)),
        ("neutral 2050", word(Form.NET_ZERO, 2050)),
        order=Order.REDUCTION,
    ) == ["-95 % 2030", "neutral 2050"]


def generated() -> list[NormalisedTarget]:
    targets = [normalised(spec) for year in YEARS for spec in one_per_rung(year).values()]
    targets += [normalised(percent(value, 2030)) for value in (40.0, 60.0, 95.0)]
    targets += [
        normalised(TargetSpec(Form.ANNUAL_RATE, year, 8.0, start_year=2020, **FULL))  # type: ignore[arg-type]
        for year in (None, 2040)
    ]
    targets.append(normalised(word(Form.NO_NEGATIVE_IMPACT, 2040)))
    targets.append(normalised(TargetSpec(Form.PER_CAPITA_LEVEL, 2035, 0.25, **FULL)))  # type: ignore[arg-type]
    return targets


def sharper(a: NormalisedTarget, b: NormalisedTarget) -> bool:
    return ladder_key(a) < ladder_key(b)


def test_the_ladder_is_a_strict_total_order_on_a_generated_set() -> None:
    targets = generated()
    for a, b in itertools.permutations(targets, 2):
        # Total: two different targets are never tied; antisymmetric.
        assert sharper(a, b) != sharper(b, a), (a.spec, b.spec)
    for a, b, c in itertools.permutations(targets, 3):
        if sharper(a, b) and sharper(b, c):
            assert sharper(a, c)


def higher(a: Rung, b: Rung) -> bool:
    return LADDER.index(a) < LADDER.index(b)


def test_the_ladder_follows_its_documented_rule_on_every_pair() -> None:
    for a, b in itertools.permutations(generated(), 2):
        rung_a, rung_b = rung(a.spec), rung(b.spec)
        assert rung_a is not None and rung_b is not None
        if rung_a in ZERO_RUNGS and rung_b not in ZERO_RUNGS:
            assert sharper(a, b)
        elif rung_a in ZERO_RUNGS and rung_b in ZERO_RUNGS:
            assert a.target_year and b.target_year
            if a.target_year < b.target_year or (
                a.target_year == b.target_year and LADDER.index(rung_a) < LADDER.index(rung_b)
            ):
                assert sharper(a, b)
        elif rung_a == rung_b == Rung.PERCENT:
            size_a, size_b = percent_size(a), percent_size(b)
            assert size_a is not None and size_b is not None
            if size_a > size_b:
                assert sharper(a, b)


@pytest.mark.parametrize("year", YEARS)
def test_the_word_defaults_never_imply_less_for_a_sharper_rung(year: int) -> None:
    """In every target year, each rung's implied reduction versus 1990 (in the target year and
    in every milestone year both give) is at least that of the next weaker rung; near zero is
    −90 %. The percentage rung is ordered by size instead."""
    zero_rungs = [step for step in LADDER if step in ZERO_RUNGS]
    targets = {step: normalised(one_per_rung(year)[step]) for step in zero_rungs}
    for stronger, weaker in itertools.pairwise(zero_rungs):
        high, low = targets[stronger], targets[weaker]
        assert high.reduction_at_target_year_pct is not None
        assert low.reduction_at_target_year_pct is not None
        assert high.reduction_at_target_year_pct >= low.reduction_at_target_year_pct
        for milestone, value in high.implied_reduction_1990_pct.items():
            other = low.implied_reduction_1990_pct.get(milestone)
            if value is not None and other is not None:
                assert value >= other - 1e-9, (stronger, weaker, milestone)
    assert targets[Rung.RENEWABLE_100].reduction_at_target_year_pct == pytest.approx(100.0)
    assert targets[Rung.NEAR_ZERO].reduction_at_target_year_pct == pytest.approx(90.0)


def test_word_defaults_against_the_ladder_are_refused() -> None:
    with pytest.raises(ValueError, match="renewable_100"):
        TargetParameters(renewable_100_reduction=0.8)
    with pytest.raises(ValueError, match="fossil_free"):
        TargetParameters(fossil_free_reduction=0.95)
    with pytest.raises(ValueError, match="climate_positive"):
        TargetParameters(climate_positive_reduction=0.95)
