"""One guard for every reader of .xlsx files: refuse a workbook before it is unpacked.

An .xlsx is a zip archive whose parts openpyxl inflates; a 1 MB file can unpack to gigabytes
(a zip bomb) and cost seconds and gigabytes of memory before any reader sees a cell. The sizes
in the archive's directory bound what :mod:`zipfile` will ever inflate (it stops at the stated
size and then fails the checksum), so adding them up is a cheap and safe check.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from klimatlaget.sources.errors import fail

#: The most a workbook may unpack to: SMHI's full export unpacks to a few tens of megabytes.
DEFAULT_MAX_UNPACKED_BYTES = 200 * 1024 * 1024


def check_xlsx(
    source: str | Path | bytes,
    *,
    file: str,
    max_unpacked: int = DEFAULT_MAX_UNPACKED_BYTES,
) -> None:
    """SourceError 'unreadable_file' unless ``source`` is an .xlsx workbook, 'too_large' when
    it would unpack to more than ``max_unpacked`` bytes."""
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as zipped:
            entries = zipped.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise fail(
            file, "unreadable_file", "The file is not an Excel workbook (.xlsx): it is damaged."
        ) from error
    if "xl/workbook.xml" not in {entry.filename for entry in entries}:
        raise fail(file, "unreadable_file", "The file is a zip archive, not an Excel workbook.")
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > max_unpacked:
        raise fail(
            file,
            "too_large",
            f"The workbook unpacks to {unpacked:,} bytes; at most {max_unpacked:,} are accepted.",
        )
