"""Membership fees: a fixed part plus an amount per inhabitant, counting at most a ceiling.

The rule in use since Klimatkommunerna was formed (operating plan 2008–2009) is 3,000 SEK plus
0.20 SEK per inhabitant, counting at most 150,000 inhabitants, so a large city pays 33,000 SEK.
A member may have an override with a stated reason: either the inhabitants to count (the 2008
table charged the Stockholm county council as if it had 45,000 inhabitants) or a fixed amount.
A member whose population is missing (and that has no override) gets no fee: it is flagged,
never charged zero.

Amounts are :class:`~decimal.Decimal` and rounded half up to whole kronor, tenths or not at all.
Pure Python, no Django.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

Rounding = Literal["krona", "tenth", "none"]
ROUNDINGS: tuple[Rounding, ...] = ("krona", "tenth", "none")
_QUANTUM: dict[str, Decimal] = {"krona": Decimal("1"), "tenth": Decimal("0.1")}


@dataclass(frozen=True, slots=True)
class FeeRule:
    """``fixed_sek + per_inhabitant_sek × min(inhabitants, max_inhabitants)``, rounded.

    ``max_inhabitants=None`` counts every inhabitant.
    """

    fixed_sek: Decimal = Decimal("3000")
    per_inhabitant_sek: Decimal = Decimal("0.20")
    max_inhabitants: int | None = 150_000
    rounding: Rounding = "krona"

    def __post_init__(self) -> None:
        if self.rounding not in ROUNDINGS:
            raise ValueError(f"Unknown rounding {self.rounding!r}; use one of {ROUNDINGS}")
        if self.fixed_sek < 0 or self.per_inhabitant_sek < 0:
            raise ValueError("A fee rule's amounts cannot be negative")
        if self.max_inhabitants is not None and self.max_inhabitants < 0:
            raise ValueError("The most inhabitants counted cannot be negative")


@dataclass(frozen=True, slots=True)
class FeeOverride:
    """A member's exception to the rule: the inhabitants to count *or* a fixed amount, and why."""

    reason: str
    counted_inhabitants: int | None = None
    amount_sek: Decimal | None = None

    def __post_init__(self) -> None:
        if not self.reason.strip():
            raise ValueError("An override needs a reason")
        if (self.counted_inhabitants is None) == (self.amount_sek is None):
            raise ValueError("An override gives either the inhabitants to count or an amount")
        if self.counted_inhabitants is not None and self.counted_inhabitants < 0:
            raise ValueError("The inhabitants to count cannot be negative")
        if self.amount_sek is not None and self.amount_sek < 0:
            raise ValueError("A fee cannot be negative")


@dataclass(frozen=True, slots=True)
class Fee:
    """One member's fee.

    ``amount_sek`` is None only when the population is missing and there is no override
    (``missing_population`` is then True). ``counted_inhabitants`` is what the rule counted (None
    for a fixed-amount override or a missing population); ``capped`` says the ceiling applied.
    """

    amount_sek: Decimal | None
    inhabitants: int | None
    counted_inhabitants: int | None
    capped: bool = False
    missing_population: bool = False
    override_reason: str = ""


def round_amount(amount: Decimal, rounding: Rounding) -> Decimal:
    """``amount`` rounded half up to whole kronor or tenths (``"none"``: unchanged)."""
    if rounding == "none":
        return amount
    return amount.quantize(_QUANTUM[rounding], rounding=ROUND_HALF_UP)


def compute_fee(rule: FeeRule, inhabitants: int | None, override: FeeOverride | None = None) -> Fee:
    """The fee under ``rule`` for a member with ``inhabitants`` (None: population missing).

    An override's counted inhabitants are counted as stated (the ceiling is the rule's, for
    population figures; an override is the decision itself). A fixed-amount override is charged
    as stated, not rounded.
    """
    if inhabitants is not None and inhabitants < 0:
        raise ValueError("Inhabitants cannot be negative")
    if override is not None and override.amount_sek is not None:
        return Fee(override.amount_sek, inhabitants, None, override_reason=override.reason)
    if override is not None and override.counted_inhabitants is not None:
        counted = override.counted_inhabitants
        amount = rule.fixed_sek + rule.per_inhabitant_sek * counted
        return Fee(
            round_amount(amount, rule.rounding),
            inhabitants,
            counted,
            override_reason=override.reason,
        )
    if inhabitants is None:
        return Fee(None, None, None, missing_population=True)
    capped = rule.max_inhabitants is not None and inhabitants > rule.max_inhabitants
    counted = rule.max_inhabitants if capped and rule.max_inhabitants is not None else inhabitants
    amount = rule.fixed_sek + rule.per_inhabitant_sek * counted
    return Fee(round_amount(amount, rule.rounding), inhabitants, counted, capped=capped)


def total(fees: Iterable[Fee]) -> Decimal:
    """The sum of the fees charged (members flagged for missing population add nothing)."""
    return sum((fee.amount_sek for fee in fees if fee.amount_sek is not None), Decimal(0))
