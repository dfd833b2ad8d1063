"""A climate contract's file (.txt, .docx or .pdf) as plain text for the contract reader.

The text keeps one line per line of the document (a paragraph of Word per line, a blank
line between paragraphs) and marks each new PDF page with a form feed, which the reader
(:func:`klimatlaget.calc.contract_text.parse_contract`) uses to tell footnotes at a page's
foot from text. Word headings numbered automatically (the number is not in their text) get
their number written out, counted by heading level, so that the reader sees "3.2 Strategi".
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

from klimatlaget.sources.errors import fail, file_label
from klimatlaget.sources.text import decode_bytes, read_bytes

#: The largest contract file accepted (Kalmar's 2024 contract is a 1 MB PDF).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: The most a .docx may unpack to (its XML and images).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
#: The most pages read from a PDF.
MAX_PAGES = 500
#: The kinds of file read, by extension.
EXTENSIONS = (".txt", ".docx", ".pdf")

_HEADING_STYLE = re.compile(r"^(?:heading|rubrik)\s*(\d)$", re.IGNORECASE)
_NUMBERED = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*\.?\s")
_APPENDIX = re.compile(r"^\s*(?:bilaga|appendix|annex)\b", re.IGNORECASE)
_LIST_STYLE = re.compile(r"list|lista|punkt", re.IGNORECASE)


def read_contract_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text of the contract file at ``path``; SourceError when it cannot be read."""
    file = file_label(path)
    if not Path(path).is_file():
        raise fail(file, "not_found", "The file does not exist.")
    return contract_text(read_bytes(path, max_bytes=max_bytes), file, max_bytes=max_bytes)


def contract_text(data: bytes, file: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text of an uploaded contract ``data`` named ``file`` (its extension decides how it
    is read); SourceError 'too_large', 'unreadable_file', 'bad_encoding' or 'empty_file'."""
    if len(data) > max_bytes:
        raise fail(file, "too_large", f"The file is larger than the limit of {max_bytes:,} bytes.")
    extension = Path(file).suffix.casefold()
    if extension == ".txt":
        text, _encoding = decode_bytes(data, file=file)
    elif extension == ".docx":
        text = _docx_text(data, file)
    elif extension == ".pdf":
        text = _pdf_text(data, file)
    else:
        raise fail(
            file,
            "unreadable_file",
            f"A contract must be a .txt, .docx or .pdf file, not {extension or 'a file without'}"
            " an extension.",
        )
    if not text.strip():
        raise fail(file, "empty_file", "The file has no text (a scanned PDF has only images).")
    return text


def _docx_text(data: bytes, file: str) -> str:
    from docx import Document

    _check_docx(data, file)
    try:
        document = Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds on a damaged file
        raise fail(file, "unreadable_file", "The Word document (.docx) is damaged.") from error
    blocks = list(document.iter_inner_content())
    paragraphs = [block for block in blocks if hasattr(block, "style") and hasattr(block, "text")]
    number_all = not any(_heading_level(p) and _NUMBERED.match(p.text) for p in paragraphs)
    counters: list[int] = []
    lines: list[str] = []
    for block in blocks:
        if not hasattr(block, "text"):  # a table: one line per row
            for row in block.rows:
                cells = [cell.text.strip() for cell in row.cells]
                lines.append(" | ".join(cell for cell in cells if cell))
            lines.append("")
            continue
        text = block.text.strip()
        level = _heading_level(block)
        if level and text and not _NUMBERED.match(text) and not _APPENDIX.match(text):
            if number_all or _auto_numbered(block):
                counters = [*counters[:level], *[0] * max(0, level - len(counters))][:level]
                counters[level - 1] += 1
                number = ".".join(str(max(value, 1)) for value in counters)
                text = f"{number}. {text}" if level == 1 else f"{number} {text}"
        elif text and not level and block.style and _LIST_STYLE.search(block.style.name or ""):
            text = f"• {text}"
        lines.extend([text, ""])
    return "\n".join(lines)


def _check_docx(data: bytes, file: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zipped:
            entries = zipped.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise fail(file, "unreadable_file", "The file is not a Word document (.docx).") from error
    if "word/document.xml" not in {entry.filename for entry in entries}:
        raise fail(file, "unreadable_file", "The file is a zip archive, not a Word document.")
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNPACKED_BYTES:
        raise fail(
            file,
            "too_large",
            f"The document unpacks to {unpacked:,} bytes; at most {MAX_UNPACKED_BYTES:,} are "
            "accepted.",
        )


def _heading_level(paragraph: Any) -> int:
    """1 for a paragraph styled "Heading 1" (or "Rubrik 1", or based on it), else 0."""
    style = paragraph.style
    while style is not None:
        match = _HEADING_STYLE.match(style.name or "")
        if match:
            return int(match.group(1))
        style = style.base_style
    return 0


def _auto_numbered(paragraph: Any) -> bool:
    """Whether Word numbers the paragraph itself (numbering in the paragraph or its style)."""
    element: Any = paragraph._p.pPr
    if element is not None and element.numPr is not None:
        return True
    style = paragraph.style
    while style is not None:
        properties = style.element.pPr
        if properties is not None and properties.numPr is not None:
            return True
        style = style.base_style
    return False


def _pdf_text(data: bytes, file: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise fail(file, "unreadable_file", "The PDF is protected by a password.")
        pages = reader.pages
        if len(pages) > MAX_PAGES:
            raise fail(
                file, "too_large", f"The PDF has {len(pages)} pages; at most {MAX_PAGES} are read."
            )
        texts = [page.extract_text() or "" for page in pages]
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise fail(file, "unreadable_file", "The PDF is damaged and cannot be read.") from error
    return "\n\f".join(texts)
