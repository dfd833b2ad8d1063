"""Reading an uploaded questionnaire (written by :mod:`.writing`) into canonical answers.

The file as a whole is refused (:class:`Rejected`) when it is not an .xlsx workbook, is too
large, or belongs to another survey or member. Otherwise every answer cell is read with the same
rules as the web form (:func:`klimatlaget.calc.surveys.read_answer`), and every problem is
listed with its sheet, Excel row and question, so that all can be corrected at once.

An empty answer cell means "no answer": the download held the current answers, so a cell left
empty, or emptied, clears the answer. File questions are not read (files are uploaded on the
web page). A question whose row is missing is an error, like an unknown or repeated key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from klimatlaget.calc import surveys as calc
from klimatlaget.calc.surveys.answers import is_blank
from klimatlaget.imports import workbook as uploaded
from klimatlaget.imports.workbook import Rejected as Rejected
from klimatlaget.imports.workbook import check_size as check_size
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys.messages import problem_text
from klimatlaget.surveys.models import Question, Survey
from klimatlaget.surveys.offline import layout


@dataclass(frozen=True)
class CellError:
    sheet: str
    row: int | None
    question: str
    message: str
    #: The cell, e.g. ``C5``; empty when the problem is a whole sheet or row.
    cell: str = ""
    question_text: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "cell": self.cell,
            "question": self.question,
            "question_text": self.question_text,
            "message": self.message,
        }


@dataclass
class Reading:
    #: Canonical answers by question key; None clears an answer.
    answers: dict[str, Any] = field(default_factory=dict)
    errors: list[CellError] = field(default_factory=list)
    #: Where each question was found: ``(sheet, row)``, to place later problems.
    places: dict[str, tuple[str, int | None]] = field(default_factory=dict)
    #: The version of the response the file was downloaded with.
    version: int = 0


def check_file(data: bytes) -> None:
    """Refuse what is too large or is no Excel workbook before openpyxl opens it."""
    uploaded.check_file(data, _not_xlsx())


def _not_xlsx() -> str:
    return _(
        "The file is not an Excel workbook (.xlsx). Upload the questionnaire "
        "downloaded from this page, saved as .xlsx."
    )


@dataclass
class _Meta:
    values: dict[str, Any]
    sections: dict[str, str]  # sheet name -> section key
    tables: dict[str, str]  # sheet name -> question key
    rows: dict[str, int]  # value name -> its row


def _meta(book: Any) -> _Meta:
    if layout.META_SHEET not in book.sheetnames:
        raise Rejected(
            _(
                "This is not a questionnaire downloaded from Klimatläget: its hidden sheet "
                "%(sheet)s is missing. Download the questionnaire and fill that file in."
            )
            % {"sheet": layout.META_SHEET}
        )
    values: dict[str, Any] = {}
    sections: dict[str, str] = {}
    tables: dict[str, str] = {}
    rows: dict[str, int] = {}
    for number, row in uploaded.rows(book[layout.META_SHEET], 1):
        name = uploaded.cell(row, 1)
        if name == layout.META_SHEET_ROW:
            target = sections if uploaded.cell(row, 3) == layout.ROLE_SECTION else tables
            target[str(uploaded.cell(row, 2))] = str(uploaded.cell(row, 4))
        elif name:
            values[str(name)] = uploaded.cell(row, 2)
            rows[str(name)] = number
    return _Meta(values, sections, tables, rows)


def _version(meta: _Meta) -> int:
    """The response's version when the file was downloaded: a whole number of at least 0
    (upload compares it with the stored one, so that a stale file reverts no newer answer)."""
    value = meta.values.get(layout.META_VERSION)
    if type(value) is float and value.is_integer():
        value = int(value)
    if type(value) is int and value >= 0:
        return value
    row = meta.rows.get(layout.META_VERSION)
    message = _(
        "The file's version (%(value)s, on the hidden sheet %(sheet)s, cell %(cell)s) has been "
        "changed; it must be the one the file was downloaded with. Download the questionnaire "
        "again and fill that file in."
    ) % {"value": value, "sheet": layout.META_SHEET, "cell": f"B{row}" if row else "B"}
    cell = CellError(layout.META_SHEET, row, "", message, f"B{row}" if row else "")
    raise Rejected(message, [cell])


def _check_meta(meta: _Meta, survey: Survey, member: Organisation) -> None:
    if meta.values.get(layout.META_FORMAT) != layout.FORMAT_VERSION:
        raise Rejected(
            _("The file was made for an older version of the questionnaire. Download it again.")
        )
    file_survey = str(meta.values.get(layout.META_SURVEY))
    if file_survey != str(survey.pk):
        other = (
            Survey.objects.filter(pk=int(file_survey), association=survey.association).first()
            if file_survey.isdigit()
            else None
        )
        raise Rejected(
            _("The file belongs to another survey (%(other)s), not to %(title)s.")
            % {"other": other.title if other else file_survey, "title": survey.title}
        )
    file_member = str(meta.values.get(layout.META_MEMBER))
    if file_member != member.code:
        raise Rejected(
            _("The file belongs to another member (code %(other)s), not to %(member)s (%(code)s).")
            % {"other": file_member, "member": member.name, "code": member.code}
        )


class _Reader:
    def __init__(self, book: Any, meta: _Meta, survey: Survey) -> None:
        self.book = book
        self.meta = meta
        self.questions = {q.key: q for q in survey.questions.select_related("section")}
        self.reading = Reading()

    def error(
        self, sheet: str, row: int | None, key: str, message: str, column: int | None = None
    ) -> None:
        question = self.questions.get(key)
        cell = f"{get_column_letter(column)}{row}" if column and row else ""
        self.reading.errors.append(
            CellError(sheet, row, key, message, cell, question.text if question else "")
        )

    def read(self) -> Reading:
        section_sheets = {key: name for name, key in self.meta.sections.items()}
        for name in self.meta.sections:
            if self._present(name):
                self._section(name)
        for name, key in self.meta.tables.items():
            if self._present(name, key):
                self._table(name, key)
        for key, question in self.questions.items():
            if question.kind == calc.QuestionKind.FILE or key in self.reading.places:
                continue
            if question.kind == calc.QuestionKind.TABLE and key in self.meta.tables.values():
                continue  # its sheet is missing: already said
            sheet = section_sheets.get(question.section.key, "")
            self.error(sheet, None, key, _("The question's row is missing from the file."))
        return self.reading

    def _present(self, name: str, key: str = "") -> bool:
        if name in self.book.sheetnames:
            return True
        self.error(name, None, key, _("The sheet %(sheet)s is missing.") % {"sheet": name})
        return False

    def _section(self, name: str) -> None:
        for number, row in uploaded.rows(self.book[name], layout.FIRST_QUESTION_ROW):
            key = str(uploaded.cell(row, layout.KEY_COLUMN) or "").strip()
            raw = uploaded.cell(row, layout.ANSWER_COLUMN)
            if not key:
                if not is_blank(raw):
                    self.error(
                        name,
                        number,
                        "",
                        _("An answer without a question key in column A."),
                        layout.ANSWER_COLUMN,
                    )
                continue
            if self._known_once(name, number, key, layout.KEY_COLUMN):
                self._answer(name, number, key, raw)

    def _known_once(self, sheet: str, number: int, key: str, column: int) -> bool:
        """Whether ``key`` is a question of the survey not met before; else say why not."""
        if key not in self.questions:
            self.error(
                sheet,
                number,
                key,
                _("There is no question %(key)s in this survey.") % {"key": key},
                column,
            )
            return False
        earlier = self.reading.places.get(key)
        if earlier is not None:
            self.error(
                sheet,
                number,
                key,
                _("The question %(key)s appears twice; it is also on sheet %(sheet)s, row %(row)s.")
                % {"key": key, "sheet": earlier[0], "row": earlier[1]},
                column,
            )
            return False
        self.reading.places[key] = (sheet, number)
        return True

    def _answer(self, sheet: str, number: int, key: str, raw: Any) -> None:
        question = self.questions[key]
        if question.kind in (calc.QuestionKind.FILE, calc.QuestionKind.TABLE):
            return  # files on the web page; tables on their own sheets
        try:
            self.reading.answers[key] = calc.read_answer(question.spec(), raw)
        except calc.AnswerProblem as problem:
            self.error(sheet, number, key, problem_text(problem), layout.ANSWER_COLUMN)

    def _table(self, name: str, key: str) -> None:
        question = self.questions.get(key)
        if question is None or question.kind != calc.QuestionKind.TABLE:
            self.error(
                name,
                None,
                key,
                _("There is no table question %(key)s in this survey.") % {"key": key},
            )
            return
        sheet = self.book[name]
        columns = self._table_columns(name, sheet, question)
        if columns is None:
            return
        self.reading.places[key] = (name, None)
        spec = question.spec()
        labels = {column.key: column.label for column in spec.columns}
        rows: list[dict[str, Any]] = []
        failed = False
        for number, row in uploaded.rows(sheet, layout.FIRST_TABLE_ROW):
            cells = {ckey: uploaded.cell(row, index) for index, ckey in columns.items()}
            if all(is_blank(value) for value in cells.values()):
                continue
            if len(rows) == spec.max_rows:
                problem = calc.AnswerProblem(
                    "too_many_rows", {"limit": spec.max_rows, "count": len(rows) + 1}
                )
                self.error(name, number, key, problem_text(problem))
                failed = True
                break
            try:
                rows.append(calc.read_row(spec, cells, number))
            except calc.AnswerProblem as problem:
                failed = True
                rows.append({})
                self._cell_problem(name, number, key, problem, columns, labels)
        if not failed:
            self.reading.answers[key] = rows or None

    def _table_columns(self, name: str, sheet: Any, question: Question) -> dict[int, str] | None:
        """Column number -> column key, from the keys in row 1; None when they are wrong."""
        header = next(uploaded.rows(sheet, layout.TABLE_KEY_ROW), (layout.TABLE_KEY_ROW, ()))[1]
        expected = [column["key"] for column in question.columns]
        columns: dict[int, str] = {}
        ok = True
        for index, value in enumerate(header, start=1):
            ckey = str(value or "").strip()
            if not ckey:
                continue
            if ckey not in expected or ckey in columns.values():
                message = _("There is no column %(column)s in this table.") % {"column": ckey}
                if ckey in columns.values():
                    message = _("The column %(column)s appears twice.") % {"column": ckey}
                self.error(name, layout.TABLE_KEY_ROW, question.key, message, index)
                ok = False
            else:
                columns[index] = ckey
        for ckey in expected:
            if ckey not in columns.values():
                self.error(
                    name,
                    layout.TABLE_KEY_ROW,
                    question.key,
                    _("The column %(column)s is missing from row 1.") % {"column": ckey},
                )
                ok = False
        return columns if ok else None

    def _cell_problem(
        self,
        sheet: str,
        number: int,
        key: str,
        problem: calc.AnswerProblem,
        columns: dict[int, str],
        labels: dict[str, str],
    ) -> None:
        index = next((i for i, ckey in columns.items() if ckey == problem.column), None)
        if problem.code == "required_cell":
            text = problem_text(problem)
        else:
            plain = calc.AnswerProblem(problem.code, problem.params)
            text = f"{labels.get(problem.column or '', problem.column)}: {problem_text(plain)}"
        self.error(sheet, number, key, text, index)


def read_workbook(data: bytes, survey: Survey, member: Organisation) -> Reading:
    """Every answer of the uploaded questionnaire, or the problems with it by cell.
    Raises :class:`Rejected` when the file cannot be used at all."""
    with uploaded.opened(data, _not_xlsx()) as book:
        meta = _meta(book)
        _check_meta(meta, survey, member)
        version = _version(meta)
        reading = _Reader(book, meta, survey).read()
        reading.version = version
        return reading
