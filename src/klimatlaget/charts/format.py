"""Number formatting for chart labels, in Swedish and English.

Swedish: no-break space (U+00A0) between thousands, as Django's ``sv`` locale formats numbers so the
chart matches the tables beside it; decimal comma; a real minus sign (U+2212). English: comma
thousands and decimal point, also with a real minus sign. Rounding is half away from zero on the
shortest decimal representation of the float (2.675 → 2.68), which is what readers expect.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import cast

NO_BREAK_SPACE = "\u00a0"
MINUS_SIGN = "\u2212"
NOT_A_NUMBER = "–"

NumberFormat = Callable[[float], str]


def _format(value: float, decimals: int, group: str, point: str) -> str:
    if decimals < 0:
        raise ValueError(f"decimals must be ≥ 0, got {decimals}")
    try:
        number = float(value)
    except (TypeError, ValueError):
        return NOT_A_NUMBER
    if not math.isfinite(number):
        return NOT_A_NUMBER
    rounded = _rounded(number, decimals)
    negative = rounded < 0
    digits = f"{abs(rounded):f}"
    whole, _, fraction = digits.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = group.join(groups)
    if decimals:
        text += point + fraction
    return MINUS_SIGN + text if negative else text


def format_number_sv(value: float, decimals: int = 0) -> str:
    """Swedish: ``1234567.8`` → ``'1 234 568'`` (no-break spaces), ``-0.5, 1`` → ``'−0,5'``."""
    return _format(value, decimals, NO_BREAK_SPACE, ",")


def format_number_en(value: float, decimals: int = 0) -> str:
    """English: ``1234567.8`` → ``'1,234,568'``, ``-0.5, 1`` → ``'−0.5'``."""
    return _format(value, decimals, ",", ".")


_FUNCTIONS: dict[str, Callable[[float, int], str]] = {
    "sv": format_number_sv,
    "en": format_number_en,
}


@dataclass(frozen=True)
class NumberFormatter:
    """A callable ``value → str`` for one language and number of decimals.

    Charts recognise it and give axis ticks more decimals when the tick step needs them.
    """

    lang: str = "sv"
    decimals: int = 0

    def __call__(self, value: float) -> str:
        return _FUNCTIONS.get(self.lang, format_number_en)(value, self.decimals)

    def with_decimals(self, decimals: int) -> NumberFormatter:
        return replace(self, decimals=decimals)


def number_formatter(lang: str | None, decimals: int = 0) -> NumberFormatter:
    """The formatter for a language code (``'sv'``, ``'sv-SE'``, ``'sv_SE'``, ``'en'``, …).

    Swedish for codes starting with ``sv`` and when no language is given (the site's default),
    English for everything else.
    """
    if decimals < 0:
        raise ValueError(f"decimals must be ≥ 0, got {decimals}")
    code = (lang or "sv").strip().lower().replace("_", "-").split("-")[0]
    return NumberFormatter("sv" if code in ("sv", "") else "en", decimals)


def tick_format(number_format: NumberFormat, decimals: int) -> NumberFormat:
    """``number_format`` adapted to show exactly ``decimals`` decimals (what an axis with a given
    tick step needs: ``0, 5, 10`` rather than ``0,0 5,0 10,0``), when we know how.

    Works for :class:`NumberFormatter` and the two module-level functions; any other callable is
    returned unchanged (the caller chose its precision).
    """
    if isinstance(number_format, NumberFormatter):
        return number_format.with_decimals(decimals)
    if decimals <= 0:
        return number_format
    for lang, function in _FUNCTIONS.items():
        if number_format is cast(object, function):
            return NumberFormatter(lang, decimals)
    return number_format


MAX_DECIMALS = 6


def significant_decimals(value: float, digits: int = 2) -> int:
    """Decimals that show ``value`` with at least ``digits`` significant digits (0.41 → 2,
    3.7 → 1, 12 → 0), so that a small value never reads as 0; at most ``MAX_DECIMALS``. Whole
    numbers (counts, say) need none."""
    if not math.isfinite(value) or float(value).is_integer():
        return 0
    return min(MAX_DECIMALS, max(0, digits - 1 - math.floor(math.log10(abs(value)))))


def value_format(number_format: NumberFormat) -> NumberFormat:
    """``number_format`` for value labels and tooltips: the caller's decimals, or more where a
    value needs them to keep two significant digits (0,41 rather than 0; 0,8 stays 0,8). Like
    :func:`tick_format`, it leaves the precision of a callable it does not know to that callable."""
    base = number_format.decimals if isinstance(number_format, NumberFormatter) else 0

    def formatted(value: float) -> str:
        decimals = base
        if isinstance(value, int | float) and math.isfinite(value):
            wanted = _rounded(value, max(base, significant_decimals(value)))
            while _rounded(value, decimals) != wanted:
                decimals += 1
        return tick_format(number_format, decimals)(value)

    return formatted


def _rounded(value: float, decimals: int) -> Decimal:
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
