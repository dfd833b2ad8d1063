"""Reading text (CSV) files as Swedish users actually produce them.

Files come from Excel and other tools as UTF-8 with or without a byte-order mark, as
Windows-1252 (Excel's "CSV" on Swedish Windows) or as UTF-16 ("Unicode text"). Swedish
Excel separates fields with ';' and writes decimal commas. All of these must keep
'å', 'ä', 'ö' and 'É' intact.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from klimatlaget.sources.errors import SourceError, fail, file_label

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
DELIMITERS = (",", ";", "\t")

_EXCEL_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
# 'Ã¥' etc.: UTF-8 bytes of å, ä, ö, Å, Ä, Ö that were decoded as Latin-1 and saved again.
# ('Ã©' is é; Å, Ä, Ö become 'Ã' and a Windows-1252 punctuation mark or a control byte.)
_DOUBLE_ENCODED = re.compile("Ã[¥¤¶©\u2026\u201e\u2013\x84\x85\x96]")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009")


@dataclass(frozen=True, slots=True)
class CsvRow:
    """A record and the 1-based line it starts on."""

    number: int
    cells: list[str]


@dataclass(frozen=True, slots=True)
class CsvTable:
    file: str
    encoding: str
    delimiter: str
    header: list[str]
    header_row: int
    rows: list[CsvRow]

    @property
    def decimal_comma(self) -> bool:
        """A comma inside a number is a decimal separator only when it cannot be a field
        separator: with ';' (Swedish Excel) or tab as the delimiter."""
        return self.delimiter != ","


def check_size(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """SourceError 'too_large' when the file is over ``max_bytes``, before anything parses it."""
    if Path(path).stat().st_size > max_bytes:
        raise _too_large(path, max_bytes)


def read_bytes(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes; SourceError 'too_large' beyond ``max_bytes``."""
    with Path(path).open("rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_large(path, max_bytes)
    return data


def _too_large(path: str | Path, max_bytes: int) -> SourceError:
    size = f"{max_bytes / (1024 * 1024):g} MB" if max_bytes >= 1024 * 1024 else f"{max_bytes} bytes"
    return fail(file_label(path), "too_large", f"The file is larger than the limit of {size}.")


def decode_bytes(data: bytes, *, file: str = "") -> tuple[str, str]:
    """Decode to (text, encoding name), trying UTF-8 first and Windows-1252 after.

    Windows-1252 leaves five byte values undefined; a file using them is decoded as
    Latin-1, which accepts every byte, so that a stray byte never hides the rest.
    """
    if data.startswith(_EXCEL_MAGIC):
        raise fail(file, "bad_encoding", "This is an Excel workbook, not a text (CSV) file.")
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _decode_strict(data, encoding, file), encoding
    if data.startswith(codecs.BOM_UTF8):
        return _decode_strict(data, "utf-8-sig", file), "utf-8-sig"
    if b"\x00" in data:
        raise fail(file, "bad_encoding", "The file contains binary data and is not a text file.")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, encoding = data.decode("latin-1"), "latin-1"
    _check_not_double_encoded(text, file)
    return text, encoding


def read_text(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, str]:
    """(text, encoding) of a text file, with the checks of read_bytes and decode_bytes."""
    return decode_bytes(read_bytes(path, max_bytes=max_bytes), file=file_label(path))


def detect_delimiter(line: str) -> str:
    """The most frequent of ',', ';' and tab outside quotes in a header line (',' on a tie)."""
    outside = re.sub(r'"[^"]*"', "", line)
    counts = {delimiter: outside.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def read_csv(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> CsvTable:
    """Read a delimited text file: header (stripped cells) and its non-blank records."""
    file = file_label(path)
    text, encoding = read_text(path, max_bytes=max_bytes)
    if not text.strip():
        raise fail(file, "empty_file", "The file is empty.")
    delimiter = detect_delimiter(text.lstrip().split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[CsvRow] = []
    line_number = 0
    for cells in reader:
        start, line_number = line_number + 1, reader.line_num
        if any(map(str.strip, cells)):
            records.append(CsvRow(start, cells))
    header = records[0]
    return CsvTable(
        file=file,
        encoding=encoding,
        delimiter=delimiter,
        header=[cell.strip() for cell in header.cells],
        header_row=header.number,
        rows=records[1:],
    )


def parse_number(text: str, *, decimal_comma: bool = False) -> float | None:
    """A float from text such as '1234.5', '1 234,5' or '−12', or None if it is not one.

    Spaces are taken as thousands separators. With ``decimal_comma``, ',' is the decimal
    sign (and '.' a thousands separator when both occur); otherwise a comma is refused,
    since '1,234' could mean either. 'nan' and 'inf' are refused.
    """
    if _NUMBER.fullmatch(text):  # most cells: nothing to clean up
        return float(text)
    value = text.strip().translate(_SPACES).replace("\u2212", "-")
    if "," in value:
        if not decimal_comma or value.count(",") > 1:
            return None
        value = value.replace(".", "").replace(",", ".")
    if not _NUMBER.fullmatch(value):
        return None
    return float(value)


def _decode_strict(data: bytes, encoding: str, file: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise fail(
            file,
            "bad_encoding",
            f"The file says it is {encoding.upper()} but byte {error.start + 1} is not valid "
            f"{encoding.upper()}.",
        ) from error
    _check_not_double_encoded(text, file)
    return text


def _check_not_double_encoded(text: str, file: str) -> None:
    match = _DOUBLE_ENCODED.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        raise fail(
            file,
            "bad_encoding",
            f"The text contains '{match.group()}' where a Swedish letter should be: the file "
            "was converted to UTF-8 twice. Export it again from the original.",
            row=line,
        )
