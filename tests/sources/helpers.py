"""Helpers shared by the source tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import openpyxl  # type: ignore[import-untyped, unused-ignore]
import pytest

from klimatlaget.sources import SourceError


def problems_of(
    error: pytest.ExceptionInfo[SourceError],
) -> list[tuple[int | None, str | None, str]]:
    """(row, column, code) of every problem, for compact assertions."""
    return [(p.row, p.column, p.code) for p in error.value.problems]


Rows = Sequence[Sequence[object]]


def write_xlsx(path: Path, rows: Rows) -> Path:
    """A workbook with ``rows`` on its only sheet."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path
