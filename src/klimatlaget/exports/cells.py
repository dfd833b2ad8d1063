"""The one rule for cells a spreadsheet could run: every export writes its text through here.

A cell is dangerous when a spreadsheet would read it as a formula or a DDE call: it starts with
= + - @ (also after leading whitespace, also their full-width forms), with a tab or a line break,
or looks like ``cmd|' /C calc'!A0``. In CSV such text gets an apostrophe in front (what Excel
itself shows for text typed that way); in a workbook it is stored as text, marked so that Excel
keeps it text even when the cell is edited, and its value stays exactly what the member wrote.
"""

import datetime
import re
from decimal import Decimal
from typing import Any

#: What a spreadsheet reads as the start of a formula, with the full-width forms (＝ ＋ － ＠).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
DDE = re.compile(r"^\s*[A-Za-z0-9_.]+\|.*!", re.DOTALL)
#: Control characters that neither a workbook nor most spreadsheets accept in a cell.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
NUMBERS = (int, float, Decimal)


def is_dangerous(text: str) -> bool:
    """Whether a spreadsheet could run ``text`` as a formula or a DDE call."""
    return text.lstrip(" \u00a0\u3000").startswith(FORMULA_STARTS) or bool(DDE.match(text))


def plain_text(value: Any) -> str:
    """``value`` as text without the control characters a cell cannot hold."""
    return CONTROL.sub("", str(value))


def csv_text(value: str) -> str:
    """Text for a CSV cell: an apostrophe in front when it could run."""
    text = plain_text(value)
    return "'" + text if is_dangerous(text) else text


def is_number(value: Any) -> bool:
    return isinstance(value, NUMBERS) and not isinstance(value, bool)


def as_naive(value: datetime.datetime) -> datetime.datetime:
    """Spreadsheets know no time zones: an aware time in the site's local time."""
    if value.tzinfo is None:
        return value
    from django.utils import timezone

    return timezone.localtime(value).replace(tzinfo=None)
