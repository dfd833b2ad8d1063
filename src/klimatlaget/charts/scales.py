"""Linear scales and "nice" axis ticks in 1-2-5 steps (…, 0.5, 1, 2, 5, 10, 20, 50, …)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

_MANTISSAS = (1, 2, 5)
_EPS = 1e-9


@dataclass(frozen=True)
class LinearScale:
    """Maps the data interval ``domain`` linearly onto the pixel interval ``range``."""

    domain: tuple[float, float]
    range: tuple[float, float]

    def __call__(self, value: float) -> float:
        d0, d1 = self.domain
        r0, r1 = self.range
        if d1 == d0:
            return (r0 + r1) / 2
        return r0 + (value - d0) * (r1 - r0) / (d1 - d0)


@dataclass(frozen=True, order=True)
class _Step:
    """A 1-2-5 step ``mantissa × 10**exponent``, kept exact so tick values are clean decimals."""

    exponent: int
    mantissa: int

    @property
    def value(self) -> float:
        return float(self.decimal)

    @property
    def decimal(self) -> Decimal:
        return Decimal(self.mantissa).scaleb(self.exponent)

    def next(self) -> _Step:
        index = _MANTISSAS.index(self.mantissa)
        if index + 1 < len(_MANTISSAS):
            return _Step(self.exponent, _MANTISSAS[index + 1])
        return _Step(self.exponent + 1, _MANTISSAS[0])

    def tick(self, k: int) -> float:
        return float(Decimal(k) * self.decimal)


def _step_at_least(raw: float) -> _Step:
    """The smallest 1-2-5 step that is ≥ ``raw`` (``raw`` > 0)."""
    exponent = math.floor(math.log10(raw))
    step = _Step(exponent - 1, 5)
    while step.value < raw * (1 - _EPS):
        step = step.next()
    return step


def _check(lo: float, hi: float) -> tuple[float, float]:
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise ValueError(f"axis bounds must be finite, got {lo!r} and {hi!r}")
    return (lo, hi) if lo <= hi else (hi, lo)


def nice_step(span: float, max_ticks: int = 6) -> float:
    """A 1-2-5 step that divides ``span`` into at most ``max_ticks - 1`` intervals."""
    if not math.isfinite(span) or span <= 0:
        return 1.0
    return _step_at_least(span / max(1, max_ticks - 1)).value


def nice_ticks(
    lo: float, hi: float, max_ticks: int = 6, *, min_step: float | None = None
) -> list[float]:
    """Evenly spaced 1-2-5 ticks that cover ``[lo, hi]``: the first ≤ lo, the last ≥ hi.

    At most ``max_ticks`` (at least 2) ticks are returned. Use the first and last tick as the
    axis domain so the data fill the axis without touching its ends awkwardly. ``min_step``
    (e.g. 1 for counts) stops the step getting finer than that.
    """
    lo, hi = _check(lo, hi)
    # Ticks are multiples of the step, so a range that spans zero needs at least -s, 0, s.
    max_ticks = max(3 if lo < 0 < hi else 2, max_ticks)
    if lo == hi:
        hi = lo + (abs(lo) or 1.0)
    raw = (hi - lo) / (max_ticks - 1)
    if min_step is not None and min_step > 0:
        raw = max(raw, min_step)
    step = _step_at_least(raw)
    while True:
        first = math.floor(lo / step.value + _EPS)
        last = max(first + 1, math.ceil(hi / step.value - _EPS))
        if last - first + 1 <= max_ticks:
            return [step.tick(k) for k in range(first, last + 1)]
        step = step.next()


def ticks_within(
    lo: float, hi: float, max_ticks: int = 6, *, min_step: float | None = None
) -> list[float]:
    """1-2-5 ticks that lie inside ``[lo, hi]`` (for an axis whose ends are fixed by the data,
    such as years). ``min_step`` (e.g. 1 for years) stops the step getting finer than that."""
    lo, hi = _check(lo, hi)
    max_ticks = max(1, max_ticks)
    if lo == hi:
        return [lo]
    # Interior ticks may fit more densely than ticks at both ends: start finer, coarsen to fit.
    raw = (hi - lo) / (max_ticks + 1)
    if min_step is not None and min_step > 0:
        raw = max(raw, min_step)
    step = _step_at_least(raw)
    while True:
        first = math.ceil(lo / step.value - _EPS)
        last = math.floor(hi / step.value + _EPS)
        if last - first + 1 <= max_ticks:
            return [step.tick(k) for k in range(first, last + 1)]
        step = step.next()


def step_decimals(ticks: list[float]) -> int:
    """How many decimals tick labels need so that neighbouring ticks read differently."""
    if len(ticks) < 2:
        return 0
    step = abs(ticks[1] - ticks[0])
    if step <= 0 or step >= 1 - _EPS:
        return 0
    return max(0, -math.floor(math.log10(step) + _EPS))
