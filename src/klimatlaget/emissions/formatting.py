"""Numbers as the organisation pages show them, pre-formatted in Python (Django's
``floatformat`` per cell costs more than the rest of a page)."""

from django.utils import formats


def number(value: float | None, decimals: int = 0) -> str:
    """Grouped and localised; "–" for a missing value."""
    if value is None:
        return "–"
    return formats.number_format(
        round(value, decimals), decimals, use_l10n=True, force_grouping=True
    )


def percent(value: float | None, decimals: int = 1) -> str:
    """A change in per cent, with its sign ("+3.2 %", "-12.0 %")."""
    if value is None:
        return "–"
    return f"{signed(value, decimals)} %"


def signed(value: float, decimals: int = 0) -> str:
    """A number with "+" before positive values, so that a range shows its direction."""
    sign = "+" if round(value, decimals) > 0 else ""
    return f"{sign}{number(value, decimals)}"
