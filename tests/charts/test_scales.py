import itertools
import math
import random

import pytest

from klimatlaget.charts import LinearScale, nice_ticks, ticks_within
from klimatlaget.charts.scales import nice_step, step_decimals


def is_125(step: float) -> bool:
    exponent = math.floor(math.log10(step) + 1e-9)
    mantissa = step / 10**exponent
    return any(math.isclose(mantissa, m, rel_tol=1e-9) for m in (1, 2, 5, 10))


def assert_nice(ticks: list[float], lo: float, hi: float, max_ticks: int) -> None:
    assert 2 <= len(ticks) <= max(3 if lo < 0 < hi else 2, max_ticks)
    steps = {round(b - a, 9) for a, b in itertools.pairwise(ticks)}
    assert len(steps) == 1, ticks
    step = steps.pop()
    assert is_125(step), (step, ticks)
    # covering, up to float noise far below a pixel
    assert ticks[0] <= lo + 1e-9 * step and ticks[-1] >= hi - 1e-9 * step
    for tick in ticks:  # every tick is a whole multiple of the step
        assert math.isclose(tick / step, round(tick / step), abs_tol=1e-6)


def test_examples():
    assert nice_ticks(0, 87) == [0, 20, 40, 60, 80, 100]
    assert nice_ticks(0, 361_000) == [0, 100_000, 200_000, 300_000, 400_000]
    assert nice_ticks(-1.2, 8.3, 7) == [-2, 0, 2, 4, 6, 8, 10]
    assert nice_ticks(-1.2, 8.3, 6) == [-5, 0, 5, 10]
    assert nice_ticks(0, 0.3, 4) == [0, 0.1, 0.2, 0.3]  # clean decimals, no 0.30000000000000004


def test_degenerate_ranges():
    assert nice_ticks(0, 0) == [0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert nice_ticks(5, 1) == nice_ticks(1, 5)
    with pytest.raises(ValueError):
        nice_ticks(0, math.nan)


def test_random_ranges_give_covering_125_ticks():
    rng = random.Random(42)
    for _ in range(2000):
        magnitude = 10 ** rng.uniform(-3, 7)
        lo = rng.uniform(-1, 1) * magnitude * rng.choice([0, 0, 1])
        hi = lo + rng.uniform(0.01, 1) * magnitude
        max_ticks = rng.randint(2, 10)
        assert_nice(nice_ticks(lo, hi, max_ticks), lo, hi, max_ticks)


def test_ticks_within_fixed_ends_for_years():
    assert ticks_within(1990, 2023, 8, min_step=1) == [1990, 1995, 2000, 2005, 2010, 2015, 2020]
    assert ticks_within(1990, 2023, 4, min_step=1) == [1990, 2000, 2010, 2020]
    assert ticks_within(1990, 2023, 3, min_step=1) == [2000, 2020]
    assert ticks_within(2020, 2023, 10, min_step=1) == [2020, 2021, 2022, 2023]
    assert ticks_within(2023, 2023, 5) == [2023]
    rng = random.Random(7)
    for _ in range(500):
        lo = rng.uniform(-1000, 1000)
        hi = lo + rng.uniform(0.1, 5000)
        ticks = ticks_within(lo, hi, 6)
        assert all(lo - 1e-9 <= t <= hi + 1e-9 for t in ticks)
        assert len(ticks) <= 6


def test_nice_step_and_decimals():
    assert nice_step(33, 8) == 5
    assert nice_step(1, 6) == 0.2
    assert step_decimals([0, 0.5, 1]) == 1
    assert step_decimals([0, 0.05]) == 2
    assert step_decimals([0, 0.1, 0.2]) == 1
    assert step_decimals([0, 10]) == 0


def test_linear_scale():
    scale = LinearScale((1990, 2023), (100, 430))
    assert scale(1990) == 100
    assert scale(2023) == 430
    assert math.isclose(scale(2000), 200)
    inverted = LinearScale((0, 100), (300, 0))  # y grows downwards in SVG
    assert inverted(25) == 225
    assert LinearScale((5, 5), (0, 10))(5) == 5
