"""The columns of an exported table: a key into each row, and for workbooks a heading,
a number format and a width."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Column:
    key: str
    label: Any = None  # the heading in a workbook (may be a lazy translation); the key if None
    number_format: str | None = None
    width: float | None = None

    @property
    def heading(self) -> str:
        return self.key if self.label is None else str(self.label)


def as_columns(columns: Sequence[str | Column]) -> list[Column]:
    return [column if isinstance(column, Column) else Column(column) for column in columns]


def keys(columns: Sequence[str | Column]) -> list[str]:
    return [column.key for column in as_columns(columns)]
