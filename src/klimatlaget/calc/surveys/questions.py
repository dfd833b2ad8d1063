"""What a survey question asks and what answers it accepts.

Answers are kept in one canonical, JSON-friendly form per kind, whatever they came from (a web
form, the API or an Excel cell):

========================  ==================================================
kind                      canonical answer
========================  ==================================================
yes_no                    ``True`` or ``False``
single_choice             the chosen option's key
multiple_choice           a list of option keys, in the question's order
number                    an ``int`` or ``float``
year                      an ``int``
text, link                a ``str`` (a link is an http(s) address)
file                      ``{"name": str, "size": int}`` (the stored file is the app's)
table                     a list of rows, each ``{column key: canonical answer}``
========================  ==================================================

``None`` means not answered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class QuestionKind(StrEnum):
    YES_NO = "yes_no"
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    NUMBER = "number"
    YEAR = "year"
    TEXT = "text"
    LINK = "link"
    FILE = "file"
    TABLE = "table"


#: Kinds a table column may have (a cell holds one simple value).
COLUMN_KINDS = frozenset(
    {
        QuestionKind.YES_NO,
        QuestionKind.SINGLE_CHOICE,
        QuestionKind.NUMBER,
        QuestionKind.YEAR,
        QuestionKind.TEXT,
        QuestionKind.LINK,
    }
)

EARLIEST_YEAR = 1900
LATEST_YEAR = 2100
MAX_TEXT_LENGTH = 10_000
DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024
DEFAULT_FILE_TYPES = ("pdf", "docx", "xlsx", "odt", "ods", "png", "jpg", "jpeg")
DEFAULT_MAX_ROWS = 50


@dataclass(frozen=True)
class Choice:
    key: str
    label: str


@dataclass(frozen=True)
class Condition:
    """Show a question only when the answer to ``question`` is ``equals`` (for a multiple
    choice: includes ``equals``)."""

    question: str
    equals: Any


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: QuestionKind
    required: bool = False
    choices: tuple[Choice, ...] = ()
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class Question:
    """A question; ``key`` is its identity, kept when a survey is copied to a new year so that
    answers compare across years."""

    key: str
    kind: QuestionKind
    text: str
    required: bool = False
    choices: tuple[Choice, ...] = ()
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    condition: Condition | None = None
    columns: tuple[Column, ...] = ()
    max_rows: int = DEFAULT_MAX_ROWS
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    file_types: tuple[str, ...] = field(default=DEFAULT_FILE_TYPES)

    def choice_keys(self) -> list[str]:
        return [choice.key for choice in self.choices]

    def column(self, key: str) -> Column | None:
        return next((column for column in self.columns if column.key == key), None)
