"""The columns of an exported table: a key into each row, and for workbooks a heading, what kind
of value the column holds (so a spreadsheet shows it sensibly) and a width.

The kind only changes how a workbook shows a value; CSV and JSON write every value as it is.
Percentages come in two forms: a fraction (0.818) or a value in per cent (81.8, the ``_pct``
columns). A workbook holds every percentage as a fraction shown as ``81.8%``, so that a
spreadsheet calculates with it as a percentage.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from klimatlaget.exports.cells import is_number


class Kind(StrEnum):
    TEXT = "text"  # shown as written
    INTEGER = "integer"  # 12 345
    DECIMAL = "decimal"  # 12 345.6 (with ``decimals`` decimals)
    PERCENT = "percent"  # a fraction, 0.818: 81.8%
    PER_CENT = "per_cent"  # a value in per cent, 81.8: 81.8% (a fraction in a workbook)
    YEAR = "year"  # 2025, without a thousands separator


def number_format(kind: Kind, decimals: int = 0) -> str:
    """The spreadsheet number format of a kind of value."""
    places = "." + "0" * decimals if decimals > 0 else ""
    if kind in (Kind.INTEGER, Kind.DECIMAL):
        return "#,##0" + places
    if kind in (Kind.PERCENT, Kind.PER_CENT):
        return "0" + places + "%"
    if kind == Kind.YEAR:
        return "0"
    return "General"


@dataclass(frozen=True)
class Column:
    key: str
    label: Any = None  # the heading in a workbook (may be a lazy translation); the key if None
    kind: Kind = Kind.TEXT
    decimals: int = 0  # for decimal numbers and percentages
    width: float | None = None  # in characters; from the heading and the values if None

    @property
    def heading(self) -> str:
        return self.key if self.label is None else str(self.label)

    @property
    def number_format(self) -> str | None:
        """None for text: the cell's own (a date, for one, keeps the date format it gets)."""
        return None if self.kind == Kind.TEXT else number_format(self.kind, self.decimals)

    def workbook_value(self, value: Any) -> Any:
        """``value`` as a workbook holds it: a percentage in per cent becomes a fraction."""
        if self.kind == Kind.PER_CENT and is_number(value):
            return value / 100
        return value

    @classmethod
    def integer(cls, key: str, label: Any = None) -> "Column":
        return cls(key, label, Kind.INTEGER)

    @classmethod
    def decimal(cls, key: str, decimals: int, label: Any = None) -> "Column":
        return cls(key, label, Kind.DECIMAL, decimals)

    @classmethod
    def percent(
        cls, key: str, decimals: int = 1, label: Any = None, per_cent: bool = False
    ) -> "Column":
        """A percentage; ``per_cent`` when the values are in per cent (81.8), not fractions."""
        return cls(key, label, Kind.PER_CENT if per_cent else Kind.PERCENT, decimals)

    @classmethod
    def year(cls, key: str, label: Any = None) -> "Column":
        return cls(key, label, Kind.YEAR)


def as_columns(columns: Sequence[str | Column]) -> list[Column]:
    return [column if isinstance(column, Column) else Column(column) for column in columns]


def keys(columns: Sequence[str | Column]) -> list[str]:
    return [column.key for column in as_columns(columns)]
