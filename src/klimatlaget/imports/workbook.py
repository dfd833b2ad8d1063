"""Reading a workbook the platform wrote and somebody filled in (an offline questionnaire, a
follow-up period): the upload refused as a whole before it is opened when it is too large or no
.xlsx, then read cell by cell, the file tied to its object by a hidden metadata sheet.

Every such upload is all or nothing: the readers collect every problem with its place (sheet,
row, column) and raise :class:`Rejected` with all of them; nothing is saved.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from klimatlaget.sources import SourceError, check_xlsx

#: Uploads larger than this are refused before they are opened.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
#: A zip bomb guard: the most a workbook may unpack to.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024


class Rejected(Exception):
    """The file as a whole cannot be used; ``errors`` lists the cells at fault, if any;
    ``code`` is "too_large" for a file too large or unpacking to too much."""

    def __init__(
        self, message: str, errors: list[Any] | None = None, code: str = "unreadable_file"
    ) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors or []
        self.code = code


def check_size(size: int) -> None:
    if size > MAX_UPLOAD_BYTES:
        raise Rejected(
            _("The file is %(size)s bytes; at most %(limit)s bytes are accepted.")
            % {"size": size, "limit": MAX_UPLOAD_BYTES},
            code="too_large",
        )


def check_file(data: bytes, not_xlsx: str) -> None:
    """Refuse what is too large or is no Excel workbook (saying ``not_xlsx``) before openpyxl
    opens it."""
    check_size(len(data))
    try:
        check_xlsx(data, file="", max_unpacked=MAX_UNPACKED_BYTES)
    except SourceError as error:
        if "too_large" not in error.codes:
            raise Rejected(not_xlsx) from None
        raise Rejected(
            _("The workbook unpacks to more than %(limit)s bytes.") % {"limit": MAX_UNPACKED_BYTES},
            code="too_large",
        ) from None


@contextmanager
def opened(data: bytes, not_xlsx: str) -> Iterator[Any]:
    """The uploaded workbook, read-only with the values of its formulas, closed afterwards."""
    check_file(data, not_xlsx)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise Rejected(
            _("The file could not be opened as an Excel workbook (.xlsx); it may be damaged.")
        ) from None
    try:
        yield book
    finally:
        book.close()


def plain(value: Any) -> Any:
    """A cell's value with dates and times as ISO text (readers take text, numbers, booleans)."""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return value


def rows(sheet: Any, first: int) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """``(Excel row number, values)`` of every row of ``sheet`` from row ``first``."""
    for number, row in enumerate(sheet.iter_rows(min_row=first, values_only=True), start=first):
        yield number, tuple(plain(value) for value in row)


def cell(row: tuple[Any, ...], column: int) -> Any:
    """The value in ``column`` (1 = A) of a row from :func:`rows`; None past its end."""
    return row[column - 1] if len(row) >= column else None


def whole_number(value: Any) -> int | None:
    """An id or version written by the platform: a whole number of 0 or more, else None."""
    if type(value) is float and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    return value if type(value) is int and value >= 0 else None
